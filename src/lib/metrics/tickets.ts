// 12345 ticket metrics (metrics.md, "Ticket metrics"), over `tickets` filtered by received_at.
import type { FilterState } from '$lib/filters';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { asOfSql } from './as-of';
import { ticketDeadlineRules, type DeadlineRules } from './deadlines';
import { durationHours } from './durations';
import { countWhere, isTrue, percentile, rateWhere } from './expressions';
import { groupKeySql, type TicketGroupBy } from './grouping';
import { aggregateQuery, selectMetrics } from './query';
import { ratedPredicate, satisfactionRate } from './satisfaction';
import type { MetricSettings } from './settings';

export const TICKET_METRIC_IDS = [
  'total',
  'rated',
  'satisfaction_rate',
  'closed',
  'due',
  'on_time_rate',
  'overdue_open',
  'median_closure_hours',
  'p90_closure_hours',
  'median_sign_hours',
  'direct_answer_rate',
  'resolution_rate',
  'reopen_rate',
  'return_rate',
  'enterprise_share',
] as const;
export type TicketMetricId = (typeof TICKET_METRIC_IDS)[number];

/** Metrics that compare a deadline with the as-of time. */
const AS_OF_METRICS: ReadonlySet<TicketMetricId> = new Set(['due', 'on_time_rate', 'overdue_open']);

const col = ident;

/** The SQL of every ticket metric under `settings`: one aggregate expression per id. */
export function ticketMetricExpressions(
  settings: MetricSettings,
  deadlines: DeadlineRules = ticketDeadlineRules(settings),
): Record<TicketMetricId, SqlFragment> {
  const rated = ratedPredicate(settings, true);
  const closed = sql`(${col('closed_at')} IS NOT NULL)`;
  const closureHours = durationHours(settings, col('received_at'), col('closed_at'));
  const signHours = durationHours(settings, col('dispatched_at'), col('signed_at'));
  const bothSignTimes = sql`(${col('dispatched_at')} IS NOT NULL AND ${col('signed_at')} IS NOT NULL)`;
  return {
    total: countWhere(),
    rated: countWhere(rated),
    satisfaction_rate: satisfactionRate(settings, rated),
    closed: countWhere(closed),
    due: countWhere(deadlines.due),
    on_time_rate: rateWhere(deadlines.onTime, deadlines.due),
    overdue_open: countWhere(deadlines.overdueOpen),
    median_closure_hours: percentile(closureHours, 0.5, closed),
    p90_closure_hours: percentile(closureHours, 0.9, closed),
    median_sign_hours: percentile(signHours, 0.5, bothSignTimes),
    direct_answer_rate: rateWhere(isTrue(col('direct_answer'))),
    // Unknown (NULL) resolution is left out of the denominator, unlike the other rates.
    resolution_rate: rateWhere(isTrue(col('resolved')), sql`(${col('resolved')} IS NOT NULL)`),
    reopen_rate: rateWhere(isTrue(col('reopened'))),
    return_rate: rateWhere(sql`(${col('returned_count')} > 0)`),
    enterprise_share: rateWhere(isTrue(col('enterprise_related'))),
  };
}

export interface TicketMetricsOptions {
  filters: FilterState;
  settings: MetricSettings;
  /** Without it: one row for the whole selection, no `key` column. */
  groupBy?: TicketGroupBy;
  /** A subset of TICKET_METRIC_IDS (returned in definition order); all when omitted. */
  metrics?: readonly TicketMetricId[];
  /** A further row condition; rankings use it to leave out unattributable tickets. */
  where?: SqlFragment;
}

/** One row per group (`key`, then one column per metric id), or one row overall. */
export function ticketMetricsQuery(options: TicketMetricsOptions): SqlFragment {
  const ids = selectMetrics(TICKET_METRIC_IDS, options.metrics);
  const deadlines = ticketDeadlineRules(options.settings);
  const expressions = ticketMetricExpressions(options.settings, deadlines);
  const needsAsOf = ids.some((id) => AS_OF_METRICS.has(id));
  return aggregateQuery({
    table: 'tickets',
    filters: options.filters,
    groupKey: options.groupBy ? groupKeySql(options.groupBy, 'tickets') : null,
    columns: ids.map((id) => ({ id, expr: expressions[id] })),
    asOf: needsAsOf ? asOfSql('tickets', options.filters, options.settings) : undefined,
    where: options.where,
    derived: needsAsOf && deadlines.derived ? [deadlines.derived] : undefined,
  });
}

export const TICKET_TREND_METRICS = ['total', 'satisfaction_rate', 'on_time_rate'] as const satisfies readonly TicketMetricId[];

/**
 * Monthly trend (month, total, satisfaction_rate, on_time_rate): the grouping by month. Each
 * month's on_time_rate uses the as-of time of the whole period, the same rule as any grouping.
 */
export function ticketMonthlyTrendQuery(options: Omit<TicketMetricsOptions, 'groupBy' | 'metrics'>): SqlFragment {
  return ticketMetricsQuery({ ...options, groupBy: 'month', metrics: TICKET_TREND_METRICS });
}
