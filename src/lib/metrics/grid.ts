// Grid event metrics (metrics.md, "Grid metrics"), over `grid_events` filtered by reported_at.
// The loop is 上报 → 分流 → 处置 → 反馈 → 核验; each stage median covers the events that have
// both ends of that stage.
import type { FilterState } from '$lib/filters';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import { asOfSql } from './as-of';
import { deadlineRules } from './deadlines';
import { durationHours } from './durations';
import { countWhere, isTrue, percentile, rateWhere, ratio } from './expressions';
import { groupKeySql, type GridGroupBy } from './grouping';
import { aggregateQuery, selectMetrics } from './query';
import type { MetricSettings } from './settings';

export const GRID_METRIC_IDS = [
  'total',
  'loop_closed_rate',
  'due',
  'on_time_rate',
  'overdue_open',
  'self_resolved_rate',
  'supervised_share',
  'median_dispatch_hours',
  'median_handle_hours',
  'median_feedback_hours',
  'median_verify_hours',
  'median_loop_hours',
  'workers',
  'events_per_worker',
] as const;
export type GridMetricId = (typeof GRID_METRIC_IDS)[number];

const AS_OF_METRICS: ReadonlySet<GridMetricId> = new Set(['due', 'on_time_rate', 'overdue_open']);

const has = (column: string): SqlFragment => sql`(${ident(column)} IS NOT NULL)`;

function stageMedian(settings: MetricSettings, from: string, to: string): SqlFragment {
  return percentile(durationHours(settings, ident(from), ident(to)), 0.5, sql`(${has(from)} AND ${has(to)})`);
}

export function gridMetricExpressions(settings: MetricSettings): Record<GridMetricId, SqlFragment> {
  const deadlines = deadlineRules('handled_at');
  const workers = trusted('(count(DISTINCT "worker_id"))::INTEGER');
  return {
    total: countWhere(),
    loop_closed_rate: rateWhere(has('verified_at')),
    due: countWhere(deadlines.due),
    on_time_rate: rateWhere(deadlines.onTime, deadlines.due),
    overdue_open: countWhere(deadlines.overdueOpen),
    self_resolved_rate: rateWhere(isTrue(ident('self_resolved')), has('self_resolved')),
    supervised_share: rateWhere(has('supervised_at')),
    median_dispatch_hours: stageMedian(settings, 'reported_at', 'dispatched_at'),
    median_handle_hours: stageMedian(settings, 'dispatched_at', 'handled_at'),
    median_feedback_hours: stageMedian(settings, 'handled_at', 'feedback_at'),
    median_verify_hours: stageMedian(settings, 'feedback_at', 'verified_at'),
    median_loop_hours: stageMedian(settings, 'reported_at', 'verified_at'),
    workers,
    // All events over distinct known workers: events without a worker id still count in total.
    events_per_worker: ratio(trusted('count(*)'), workers),
  };
}

export interface GridMetricsOptions {
  filters: FilterState;
  settings: MetricSettings;
  groupBy?: GridGroupBy;
  metrics?: readonly GridMetricId[];
  /** A further row condition (a dashboard's cross-filter selections). */
  where?: SqlFragment;
}

export function gridMetricsQuery(options: GridMetricsOptions): SqlFragment {
  const ids = selectMetrics(GRID_METRIC_IDS, options.metrics);
  const expressions = gridMetricExpressions(options.settings);
  return aggregateQuery({
    table: 'grid_events',
    filters: options.filters,
    groupKey: options.groupBy ? groupKeySql(options.groupBy, 'grid_events') : null,
    columns: ids.map((id) => ({ id, expr: expressions[id] })),
    where: options.where,
    asOf: ids.some((id) => AS_OF_METRICS.has(id)) ? asOfSql('grid_events', options.filters, options.settings) : undefined,
  });
}
