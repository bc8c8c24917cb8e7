// The enterprise-service dashboard's named queries (#/enterprise). Figures come from the metric
// layer; this file adds a specialist's unit beside their figures and their share of requests closed.
import { enterpriseMetricsQuery, type EnterpriseGroupBy, type EnterpriseMetricId } from '$lib/metrics';
import { sql, type SqlFragment } from '$lib/sql';
import { labelledGroups } from './grid';
import type { ViewScope } from './scope';

function enterpriseMetrics(scope: ViewScope, metrics: readonly EnterpriseMetricId[], groupBy?: EnterpriseGroupBy): SqlFragment {
  return enterpriseMetricsQuery({ filters: scope.filters, settings: scope.settings, where: scope.where ?? undefined, groupBy, metrics });
}

/** In the order the page shows them. */
export const ENTERPRISE_HEADLINE_METRICS = [
  'total',
  'direct_answer_rate',
  'satisfaction_rate',
  'rated',
  'closed',
  'median_closure_hours',
] as const satisfies readonly EnterpriseMetricId[];

export function enterpriseHeadlineQuery(scope: ViewScope): SqlFragment {
  return enterpriseMetrics(scope, ENTERPRISE_HEADLINE_METRICS);
}

export const POLICY_AREA_METRICS = ['total', 'satisfaction_rate', 'direct_answer_rate', 'median_closure_hours'] as const satisfies readonly EnterpriseMetricId[];

export function policyAreaQuery(scope: ViewScope): SqlFragment {
  return enterpriseMetrics(scope, POLICY_AREA_METRICS, 'policy_area');
}

export const ENTERPRISE_TOWNSHIP_METRICS = ['total', 'satisfaction_rate', 'direct_answer_rate'] as const satisfies readonly EnterpriseMetricId[];

export function enterpriseTownshipQuery(scope: ViewScope): SqlFragment {
  return enterpriseMetrics(scope, ENTERPRISE_TOWNSHIP_METRICS, 'township');
}

/** Direct answers by request type: a consultation can be answered at once, a complaint rarely. */
export function directAnswerByTypeQuery(scope: ViewScope): SqlFragment {
  return enterpriseMetrics(scope, ['total', 'direct_answer_rate'], 'request_type');
}

export const SPECIALIST_METRICS = ['total', 'closed', 'rated', 'satisfaction_rate', 'direct_answer_rate', 'median_closure_hours'] as const satisfies readonly EnterpriseMetricId[];

/**
 * One row per policy specialist: their figures, their unit (`department`), and `closure_rate`,
 * the share of their requests closed (closed / total; NULL when they have none).
 */
export function specialistQuery(scope: ViewScope): SqlFragment {
  const grouped = labelledGroups('enterprise_requests', 'specialist', enterpriseMetrics(scope, SPECIALIST_METRICS, 'specialist'), ['department']);
  return sql`SELECT *, (closed::DOUBLE / NULLIF(total, 0)) AS closure_rate FROM (${grouped}) AS s ORDER BY key NULLS LAST`;
}
