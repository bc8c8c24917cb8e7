// The ticket dashboard's linked views, one query each. Every view is narrowed by the filters and
// by every chart selection except its own (crossfilter); the brush narrows the period itself
// (brushedFilters), so the as-of time follows the brushed days as it would for a chosen period.
// The row shapes are those of the pre-aggregated index's views (src/lib/preagg/specs.ts), so an
// index-backed source can answer the same charts (./source.ts); ./brush-views.ts lists the views
// the index answers and ./exact.ts their exact queries, both built from the builders here.
import { TOWNSHIPS } from '$lib/schema';
import {
  brushedFilters,
  categoryLevels,
  emptySelections,
  selectionPredicate,
  type SelectionKey,
  type Selections,
} from '$lib/crossfilter';
import { comparisonFilters, filterPredicate, type FilterState } from '$lib/filters';
import { ticketMetricsQuery, type MetricSettings, type TicketMetricId } from '$lib/metrics';
import { asOfSql } from '$lib/metrics/as-of';
import { ticketDeadlineRules } from '$lib/metrics/deadlines';
import { durationHours } from '$lib/metrics/durations';
import { countWhere } from '$lib/metrics/expressions';
import { aggregateQuery } from '$lib/metrics/query';
import { ratedPredicate } from '$lib/metrics/satisfaction';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import { linkedScope } from '../scope';

export interface TicketViewInput {
  filters: FilterState;
  selections: Selections;
  settings: MetricSettings;
}

export const TICKET_HEADLINE = [
  'total',
  'satisfaction_rate',
  'on_time_rate',
  'median_closure_hours',
  'p90_closure_hours',
  'direct_answer_rate',
  'resolution_rate',
  'overdue_open',
] as const satisfies readonly TicketMetricId[];

/** The linked charts of the page and the selection each one makes (and so is not narrowed by). */
export const TICKET_VIEWS = {
  headline: [],
  volume: ['time'],
  township: ['township'],
  request_type: ['request_type'],
  category: ['category'],
  closure: [],
  satisfaction: ['satisfaction'],
  on_time: [],
} as const satisfies Record<string, readonly SelectionKey[]>;
export type TicketView = keyof typeof TICKET_VIEWS;

/** Closure-time histogram bins: whole days (the index's bin width is a divisor of it). */
export const CLOSURE_BIN_HOURS = 24;

/** Bars are days up to this span, weeks beyond: 700 day bars in 1000 pixels cannot be brushed. */
export const DAILY_VOLUME_MAX_DAYS = 400;

/** The filters and the extra row condition of `view` (its own selection left out): the dashboards' one cross-filter rule (../scope.ts). */
export function viewScope(view: TicketView, input: TicketViewInput): { filters: FilterState; where: SqlFragment } {
  const scope = linkedScope('tickets', input.filters, input.selections, input.settings, TICKET_VIEWS[view]);
  return { filters: scope.filters, where: scope.where ?? sql`TRUE` };
}

export function headlineQuery(input: TicketViewInput): SqlFragment {
  const { filters, where } = viewScope('headline', input);
  return ticketMetricsQuery({ filters, settings: input.settings, metrics: TICKET_HEADLINE, where });
}

/** The same figures for the comparison period (环比/同比), or null when the filters ask for none. */
export function headlineComparisonQuery(input: TicketViewInput): SqlFragment | null {
  const { filters, where } = viewScope('headline', input);
  const previous = comparisonFilters(filters);
  return previous ? ticketMetricsQuery({ filters: previous, settings: input.settings, metrics: TICKET_HEADLINE, where }) : null;
}

/** Rows `day` (the day, or the Monday of the week, as YYYY-MM-DD) and `total`. */
export function volumeQuery(input: TicketViewInput, unit: 'day' | 'week'): SqlFragment {
  const { filters, where } = viewScope('volume', input);
  const bucket = sql`date_trunc(${trusted(unit === 'day' ? "'day'" : "'week'")}, ${ident('received_at')})`;
  return sql`SELECT strftime(${bucket}, '%Y-%m-%d') AS day, count(*)::INTEGER AS total
FROM ${ident('tickets')}
WHERE (${filterPredicate(filters, 'tickets')}) AND (${where})
GROUP BY 1 ORDER BY 1`;
}

function groupedTotal(view: TicketView, input: TicketViewInput, groupBy: 'township' | 'request_type' | 'category1' | 'category2' | 'category3', extra?: SqlFragment): SqlFragment {
  const { filters, where } = viewScope(view, input);
  return ticketMetricsQuery({
    filters,
    settings: input.settings,
    groupBy,
    metrics: ['total', 'satisfaction_rate'],
    where: extra ? sql`(${where}) AND (${extra})` : where,
  });
}

export function townshipQuery(input: TicketViewInput): SqlFragment {
  return groupedTotal('township', input, 'township');
}

export function requestTypeQuery(input: TicketViewInput): SqlFragment {
  return groupedTotal('request_type', input, 'request_type');
}

/** Which level the category chart shows for a drill path, and under which parent path. */
export function categoryDrill(path: string | null): { level: 1 | 2 | 3; parent: string[] } {
  const levels = categoryLevels(path);
  const level = Math.min(levels.length + 1, 3) as 1 | 2 | 3;
  return { level, parent: levels.slice(0, level - 1) };
}

/** The categories one level below the drill path (the third level's siblings once at the bottom). */
export function categoryQuery(input: TicketViewInput): SqlFragment {
  const { level, parent } = categoryDrill(input.selections.category);
  const under = parent.length ? selectionPredicate({ ...emptySelections(), category: parent.join('>') }, 'tickets') : undefined;
  return groupedTotal('category', input, `category${level}`, under);
}

/**
 * Closure-time distribution: rows `key` (a bin's lower edge in hours) and `total` closed tickets in
 * it. The one builder of this view: the page's chart and the brush index's exact answer use it.
 */
export function closureHistogramQuery(filters: FilterState, settings: MetricSettings, binHours: number, where?: SqlFragment): SqlFragment {
  const hours = durationHours(settings, ident('received_at'), ident('closed_at'));
  const width = sql`${binHours}::DOUBLE`;
  const closed = sql`(${ident('closed_at')} IS NOT NULL AND ${hours} IS NOT NULL)`;
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: sql`floor(${hours} / ${width}) * ${width}`,
    columns: [{ id: 'total', expr: countWhere() }],
    where: where ? sql`(${where}) AND ${closed}` : closed,
  });
}

/** Rows `key` (the satisfaction value as recorded, NULL last), `total` and `rated`. */
export function satisfactionLevelsQuery(filters: FilterState, settings: MetricSettings, where?: SqlFragment): SqlFragment {
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: sql`CAST(${ident('satisfaction')} AS VARCHAR)`,
    columns: [
      { id: 'total', expr: countWhere() },
      { id: 'rated', expr: countWhere(ratedPredicate(settings, true)) },
    ],
    where,
  });
}

/**
 * One row: due, on_time, closed_late, overdue_open (on_time + closed_late + overdue_open = due;
 * a due, closed ticket whose on-time test is unknown counts as late, as in the brush index), and
 * the period's total first when `withTotal`.
 */
export function onTimeCountsQuery(filters: FilterState, settings: MetricSettings, where?: SqlFragment, withTotal = false): SqlFragment {
  const rules = ticketDeadlineRules(settings);
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: null,
    columns: [
      ...(withTotal ? [{ id: 'total', expr: countWhere() }] : []),
      { id: 'due', expr: countWhere(rules.due) },
      { id: 'on_time', expr: countWhere(sql`(${rules.onTime}) AND (${rules.due})`) },
      { id: 'closed_late', expr: countWhere(sql`(${rules.due}) AND NOT (${rules.overdueOpen}) AND NOT coalesce(${rules.onTime}, FALSE)`) },
      { id: 'overdue_open', expr: countWhere(rules.overdueOpen) },
    ],
    asOf: asOfSql('tickets', filters, settings),
    derived: rules.derived ? [rules.derived] : undefined,
    where,
  });
}

export function closureQuery(input: TicketViewInput): SqlFragment {
  const { filters, where } = viewScope('closure', input);
  return closureHistogramQuery(filters, input.settings, CLOSURE_BIN_HOURS, where);
}

export function satisfactionQuery(input: TicketViewInput): SqlFragment {
  const { filters, where } = viewScope('satisfaction', input);
  return satisfactionLevelsQuery(filters, input.settings, where);
}

/** One row: total, due, on_time, closed_late, overdue_open. */
export function onTimeQuery(input: TicketViewInput): SqlFragment {
  const { filters, where } = viewScope('on_time', input);
  return onTimeCountsQuery(filters, input.settings, where, true);
}

/** The rows behind the current selection, for the record table under the charts. */
export function recordsWhere(input: Pick<TicketViewInput, 'filters' | 'selections'>): SqlFragment {
  return sql`(${filterPredicate(brushedFilters(input.filters, input.selections), 'tickets')}) AND (${selectionPredicate(input.selections, 'tickets', 'time')})`;
}

/** The query of a linked view by name: what a page runs unless an index answers it. */
export function ticketViewQuery(view: TicketView, input: TicketViewInput, volumeUnit: 'day' | 'week' = 'day'): SqlFragment {
  switch (view) {
    case 'headline':
      return headlineQuery(input);
    case 'volume':
      return volumeQuery(input, volumeUnit);
    case 'township':
      return townshipQuery(input);
    case 'request_type':
      return requestTypeQuery(input);
    case 'category':
      return categoryQuery(input);
    case 'closure':
      return closureQuery(input);
    case 'satisfaction':
      return satisfactionQuery(input);
    case 'on_time':
      return onTimeQuery(input);
  }
}

const TOWNSHIP_ORDER = new Map(TOWNSHIPS.map((t, i) => [t.township, i]));

/** Townships in the district's order, unknown names after them, unattributed (NULL) last. */
export function byTownshipOrder<T extends { key: string | null }>(rows: readonly T[]): T[] {
  const rank = (k: string | null) => (k === null ? Number.MAX_SAFE_INTEGER : (TOWNSHIP_ORDER.get(k) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key) || (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
}
