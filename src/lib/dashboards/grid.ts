// The grid-events dashboard's named queries (#/grid). Figures come from the metric layer; this
// file only adds what no metric defines: how many events reached each stage of the closed loop,
// the labels of a grid or a worker beside their figures, and the list behind overdue_open.
import { periodDays, type FilterState } from '$lib/filters';
import { asOfSql, gridMetricsQuery, type GridGroupBy, type GridMetricId } from '$lib/metrics';
import { deadlineRules } from '$lib/metrics/deadlines';
import { durationHours } from '$lib/metrics/durations';
import { TABLES, type TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { scopePredicate, type ViewScope } from './scope';

/**
 * A grouped metric query with text columns describing each group (a grid's name and township
 * beside its id). The labels come from the whole table, so a filter never renames a group; a
 * label that varies within a group (a worker who moved grids) takes its smallest value, the same
 * on every run.
 */
export function labelledGroups(table: TableName, keyColumn: string, metrics: SqlFragment, labels: readonly string[]): SqlFragment {
  if (labels.length === 0) return metrics;
  const labelColumns = join(
    labels.map((c) => sql`min(${ident(c)}) AS ${ident(c)}`),
    ', ',
  );
  const picked = join(
    labels.map((c) => sql`l.${ident(c)}`),
    ', ',
  );
  return sql`SELECT m.*, ${picked}
FROM (${metrics}) AS m
LEFT JOIN (SELECT CAST(${ident(keyColumn)} AS VARCHAR) AS key, ${labelColumns} FROM ${ident(table)} GROUP BY 1) AS l USING (key)
ORDER BY m.key NULLS LAST`;
}

function gridMetrics(scope: ViewScope, metrics: readonly GridMetricId[], groupBy?: GridGroupBy): SqlFragment {
  return gridMetricsQuery({ filters: scope.filters, settings: scope.settings, where: scope.where ?? undefined, groupBy, metrics });
}

export const GRID_HEADLINE_METRICS = [
  'total',
  'loop_closed_rate',
  'on_time_rate',
  'overdue_open',
  'supervised_share',
  'self_resolved_rate',
  'median_loop_hours',
  'workers',
] as const satisfies readonly GridMetricId[];

export function gridHeadlineQuery(scope: ViewScope): SqlFragment {
  return gridMetrics(scope, GRID_HEADLINE_METRICS);
}

/**
 * The closed loop in order. A stage is reached when its timestamp is set (data-model.md);
 * 督办 is optional, so the funnel is not monotonic there. `duration` is the metric whose median
 * measures the step into the stage; 督办 has none because the loop's medians skip it.
 */
export const GRID_STAGES = [
  { id: 'reported', column: 'reported_at', duration: null },
  { id: 'dispatched', column: 'dispatched_at', duration: 'median_dispatch_hours' },
  { id: 'handled', column: 'handled_at', duration: 'median_handle_hours' },
  { id: 'supervised', column: 'supervised_at', duration: null },
  { id: 'feedback', column: 'feedback_at', duration: 'median_feedback_hours' },
  { id: 'verified', column: 'verified_at', duration: 'median_verify_hours' },
] as const satisfies readonly { id: string; column: string; duration: GridMetricId | null }[];
export type GridStageId = (typeof GRID_STAGES)[number]['id'];

const STAGE_DURATIONS = ['median_dispatch_hours', 'median_handle_hours', 'median_feedback_hours', 'median_verify_hours', 'median_loop_hours'] as const satisfies readonly GridMetricId[];

/** One row: `reached_<stage>` per stage, then the stage medians of the metric layer. */
export function gridFunnelQuery(scope: ViewScope): SqlFragment {
  const reached = join(
    GRID_STAGES.map((s) => sql`(count(*) FILTER (WHERE ${ident(s.column)} IS NOT NULL))::INTEGER AS ${ident(`reached_${s.id}`)}`),
    ', ',
  );
  return sql`SELECT c.*, m.*
FROM (SELECT ${reached} FROM ${ident('grid_events')} WHERE ${scopePredicate('grid_events', scope)}) AS c
CROSS JOIN (${gridMetrics(scope, STAGE_DURATIONS)}) AS m`;
}

export interface GridStage {
  id: GridStageId;
  reached: number;
  /** Share of the reported events that reached this stage; null when nothing was reported. */
  share: number | null;
  /** Median hours of the step into this stage (metric layer); null for 上报 and 督办. */
  medianHours: number | null;
}

export interface GridFunnel {
  stages: GridStage[];
  medianLoopHours: number | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function readFunnel(row: Record<string, unknown> | undefined): GridFunnel | null {
  if (!row) return null;
  const reported = numberOrNull(row.reached_reported) ?? 0;
  return {
    stages: GRID_STAGES.map((s) => {
      const reached = numberOrNull(row[`reached_${s.id}`]) ?? 0;
      return {
        id: s.id,
        reached,
        share: reported > 0 ? reached / reported : null,
        medianHours: s.duration ? numberOrNull(row[s.duration]) : null,
      };
    }),
    medianLoopHours: numberOrNull(row.median_loop_hours),
  };
}

/** Bars are days for a period up to this long, weeks otherwise (a brush needs bars it can hit). */
export const DAILY_BARS_MAX_DAYS = 400;

/** Day bars for a closed period of at most DAILY_BARS_MAX_DAYS, week bars otherwise. */
export function volumeUnit(filters: FilterState): 'day' | 'week' {
  return filters.from && filters.to && periodDays(filters.from, filters.to) <= DAILY_BARS_MAX_DAYS ? 'day' : 'week';
}

/**
 * Rows `day` (the day, or the Monday of its ISO week, as YYYY-MM-DD) and `total`: the volume
 * chart's bars, over the table's time column.
 */
export function volumeBucketsQuery(table: TableName, scope: Pick<ViewScope, 'filters' | 'where'>, unit: 'day' | 'week'): SqlFragment {
  const bucket = sql`date_trunc(${trusted(unit === 'day' ? "'day'" : "'week'")}, ${ident(TABLES[table].timeColumn)})`;
  return sql`SELECT strftime(${bucket}, '%Y-%m-%d') AS day, count(*)::INTEGER AS total
FROM ${ident(table)}
WHERE ${scopePredicate(table, scope)}
GROUP BY 1 ORDER BY 1`;
}

export const GRID_TOWNSHIP_METRICS = ['total', 'loop_closed_rate', 'on_time_rate', 'overdue_open'] as const satisfies readonly GridMetricId[];

export function gridTownshipQuery(scope: ViewScope): SqlFragment {
  return gridMetrics(scope, GRID_TOWNSHIP_METRICS, 'township');
}

export const GRID_TYPE_METRICS = ['total', 'loop_closed_rate', 'on_time_rate', 'self_resolved_rate', 'median_loop_hours'] as const satisfies readonly GridMetricId[];

export function gridEventTypeQuery(scope: ViewScope): SqlFragment {
  return gridMetrics(scope, GRID_TYPE_METRICS, 'event_type');
}

export const GRID_UNIT_METRICS = ['total', 'on_time_rate', 'loop_closed_rate', 'overdue_open', 'self_resolved_rate'] as const satisfies readonly GridMetricId[];

/** One row per grid: its figures, name and township. */
export function gridPerGridQuery(scope: ViewScope): SqlFragment {
  return labelledGroups('grid_events', 'grid_id', gridMetrics(scope, GRID_UNIT_METRICS, 'grid_id'), ['grid_name', 'township']);
}

/** One row per grid worker: figures, name (personal data: the page masks it), grid and township. */
export function gridPerWorkerQuery(scope: ViewScope): SqlFragment {
  return labelledGroups('grid_events', 'worker_id', gridMetrics(scope, GRID_UNIT_METRICS, 'worker_id'), ['worker_name', 'grid_name', 'township']);
}

export const OVERDUE_LIST_LIMIT = 500;

/**
 * The events behind overdue_open (same rule, same as-of time), longest overdue first, with the
 * hours past the deadline at the as-of time under the duration setting.
 */
export function gridOverdueQuery(scope: ViewScope, limit = OVERDUE_LIST_LIMIT): SqlFragment {
  const rules = deadlineRules('handled_at');
  const asOf = asOfSql('grid_events', scope.filters, scope.settings);
  const text = (c: string) => sql`strftime(${ident(c)}, '%Y-%m-%d %H:%M') AS ${ident(c)}`;
  const columns = join(
    [
      ...['event_id', 'township', 'village', 'grid_name', 'worker_name', 'event_type', 'status'].map((c) => ident(c)),
      text('reported_at'),
      text('deadline_at'),
      text('supervised_at'),
      sql`${durationHours(scope.settings, ident('deadline_at'), trusted('as_of'))} AS overdue_hours`,
    ],
    ', ',
  );
  return sql`WITH as_of_time AS (SELECT ${asOf} AS as_of)
SELECT ${columns}
FROM ${ident('grid_events')} CROSS JOIN as_of_time
WHERE (${scopePredicate('grid_events', scope)}) AND ${rules.overdueOpen}
ORDER BY ${ident('deadline_at')}, ${ident('event_id')}
LIMIT ${Math.max(0, Math.floor(limit))}::INTEGER`;
}
