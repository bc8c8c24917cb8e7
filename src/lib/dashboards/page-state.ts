// Wiring shared by the grid and enterprise dashboards: the scope each chart is computed over
// (filters plus every selection except the chart's own), and the address a click leads to.
import { parseFilterQuery, type FilterState } from '$lib/filters';
import {
  parseSelections,
  toggleValue,
  withSelectionQuery,
  withTime,
  type DayRange,
  type SelectableColumn,
  type SelectionKey,
  type Selections,
} from '$lib/crossfilter';
import type { MetricSettings } from '$lib/metrics';
import type { TableName } from '$lib/schema';
import { linkedScope, type ViewScope } from './scope';

export interface PageState {
  query: URLSearchParams;
  filters: FilterState;
  selections: Selections;
}

export function pageState(query: URLSearchParams): PageState {
  return { query, filters: parseFilterQuery(query), selections: parseSelections(query) };
}

/** The scope of the chart that makes the selections `own`: see linkedScope. */
export function scopeOf(state: PageState, settings: MetricSettings, table: TableName, own: SelectionKey[] = []): ViewScope {
  return linkedScope(table, state.filters, state.selections, settings, own);
}

export function toggledQuery(state: PageState, column: SelectableColumn, value: string): string {
  return withSelectionQuery(state.query, toggleValue(state.selections, column, value));
}

export function brushedQuery(state: PageState, range: DayRange | null): string {
  return withSelectionQuery(state.query, withTime(state.selections, range));
}

export function selectionsQuery(state: PageState, next: Selections): string {
  return withSelectionQuery(state.query, next);
}

export function selectedValues(state: PageState, column: SelectableColumn): string[] {
  return state.selections.values[column] ?? [];
}
