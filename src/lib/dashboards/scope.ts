// The one cross-filter rule of every dashboard: a chart is computed over the filter bar, the 口径
// and every chart selection except its own; a brushed range narrows the period itself. The grid,
// enterprise and ticket pages all take their scopes from here (./page-state.ts reads them from the
// address).
import { brushedFilters, selectionPredicate, type SelectionKey, type Selections } from '$lib/crossfilter';
import { filterPredicate, type FilterState } from '$lib/filters';
import type { MetricSettings } from '$lib/metrics';
import type { TableName } from '$lib/schema';
import { sql, type SqlFragment } from '$lib/sql';

/** What every chart of a dashboard is computed over: the filter bar, the 口径, and the cross-filter selections that apply to it. */
export interface ViewScope {
  filters: FilterState;
  settings: MetricSettings;
  /** The other charts' selections (cross-filter), already combined; none when absent. */
  where?: SqlFragment | null;
}

/**
 * The scope of the chart that makes the selections `own` (none: narrowed by every selection):
 * the crossfilter rule. A brushed range narrows the period itself, as on #/tickets, so the as-of
 * time that decides "overdue" follows the brushed days as it would for that period chosen in the
 * filter bar; the volume chart (own 'time') keeps the whole period.
 */
export function linkedScope(
  table: TableName,
  filters: FilterState,
  selections: Selections,
  settings: MetricSettings,
  own: readonly SelectionKey[] = [],
): ViewScope {
  const narrowed = own.includes('time') ? filters : brushedFilters(filters, selections);
  const where = selectionPredicate(selections, table, [...own, 'time']);
  return { filters: narrowed, settings, where: where.text === 'TRUE' ? null : where };
}

/** The rows of `table` a scope selects, as one predicate (the records table under the charts takes it). */
export function scopePredicate(table: TableName, scope: Pick<ViewScope, 'filters' | 'where'>): SqlFragment {
  const base = filterPredicate(scope.filters, table);
  return scope.where ? sql`(${base}) AND (${scope.where})` : base;
}

