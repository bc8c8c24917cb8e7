// Enterprise request metrics (metrics.md, "Enterprise metrics"), over `enterprise_requests`
// filtered by received_at. The table records no exit reasons, so every rating counts.
import type { FilterState } from '$lib/filters';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { durationHours } from './durations';
import { countWhere, isTrue, percentile, rateWhere } from './expressions';
import { groupKeySql, type EnterpriseGroupBy } from './grouping';
import { aggregateQuery, selectMetrics } from './query';
import { ratedPredicate, satisfactionRate } from './satisfaction';
import type { MetricSettings } from './settings';

export const ENTERPRISE_METRIC_IDS = [
  'total',
  'rated',
  'satisfaction_rate',
  'direct_answer_rate',
  'closed',
  'median_closure_hours',
] as const;
export type EnterpriseMetricId = (typeof ENTERPRISE_METRIC_IDS)[number];

export function enterpriseMetricExpressions(settings: MetricSettings): Record<EnterpriseMetricId, SqlFragment> {
  const rated = ratedPredicate(settings, false);
  const closed = sql`(${ident('closed_at')} IS NOT NULL)`;
  return {
    total: countWhere(),
    rated: countWhere(rated),
    satisfaction_rate: satisfactionRate(settings, rated),
    direct_answer_rate: rateWhere(isTrue(ident('direct_answer'))),
    closed: countWhere(closed),
    median_closure_hours: percentile(durationHours(settings, ident('received_at'), ident('closed_at')), 0.5, closed),
  };
}

export interface EnterpriseMetricsOptions {
  filters: FilterState;
  settings: MetricSettings;
  groupBy?: EnterpriseGroupBy;
  metrics?: readonly EnterpriseMetricId[];
  /** A further row condition (a dashboard's cross-filter selections). */
  where?: SqlFragment;
}

export function enterpriseMetricsQuery(options: EnterpriseMetricsOptions): SqlFragment {
  const ids = selectMetrics(ENTERPRISE_METRIC_IDS, options.metrics);
  const expressions = enterpriseMetricExpressions(options.settings);
  return aggregateQuery({
    table: 'enterprise_requests',
    filters: options.filters,
    groupKey: options.groupBy ? groupKeySql(options.groupBy, 'enterprise_requests') : null,
    columns: ids.map((id) => ({ id, expr: expressions[id] })),
    where: options.where,
  });
}
