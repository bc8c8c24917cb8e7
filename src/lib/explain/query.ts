// What #/explain is asked (`?metric=…&township=…&from=…&to=…&compare=previous|yoy&by=…`) and the
// SQL of the two periods' group counts. Figures come from the metric layer; the grouping is its.
import { parseFilterQuery, previousPeriod, samePeriodLastYear, type FilterState, type Period } from '$lib/filters';
import { ticketMetricsQuery, type MetricSettings, type TicketGroupBy } from '$lib/metrics';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import { TARGET_DENOMINATORS, TARGET_METRICS, type TargetMetricId } from '$lib/targets/model';
import type { GroupCounts } from './decompose';

/** Rates a change can be explained for: those made of counts the metric layer has. */
export const EXPLAIN_METRICS = TARGET_METRICS;
export type ExplainMetricId = TargetMetricId;

/** Dimensions of issue 15: category levels 1–3, department, channel, request type, township. */
export const EXPLAIN_DIMENSIONS = ['category1', 'category2', 'category3', 'department', 'channel', 'request_type', 'township'] as const satisfies readonly TicketGroupBy[];
export type ExplainDimension = (typeof EXPLAIN_DIMENSIONS)[number];

export type ExplainCompare = 'previous' | 'yoy';

export interface ExplainRequest {
  metric: ExplainMetricId;
  by: ExplainDimension;
  compare: ExplainCompare;
  /** The current period and the other filters (township, department …); from/to may be missing. */
  filters: FilterState;
}

export function parseExplainQuery(params: URLSearchParams): ExplainRequest {
  const metric = params.get('metric');
  const by = params.get('by');
  const compare = params.get('compare');
  const filters = parseFilterQuery(params);
  filters.compare = null;
  return {
    metric: (EXPLAIN_METRICS as readonly string[]).includes(metric ?? '') ? (metric as ExplainMetricId) : 'satisfaction_rate',
    by: (EXPLAIN_DIMENSIONS as readonly string[]).includes(by ?? '') ? (by as ExplainDimension) : 'category1',
    // 'last_year' is the filter bar's word for 同比.
    compare: compare === 'yoy' || compare === 'last_year' ? 'yoy' : 'previous',
    filters,
  };
}

export function formatExplainQuery(request: ExplainRequest, period: Period): string {
  const params = new URLSearchParams({ metric: request.metric, by: request.by, from: period.from, to: period.to, compare: request.compare });
  for (const column of ['township', 'department', 'request_type', 'channel', 'urgency'] as const) {
    for (const value of request.filters[column]) params.append(column, value);
  }
  return params.toString();
}

/** The period compared with: the one just before (环比) or the same dates a year earlier (同比). */
export function basePeriod(current: Period, compare: ExplainCompare): Period {
  return compare === 'yoy' ? samePeriodLastYear(current.from, current.to) : previousPeriod(current.from, current.to);
}

/**
 * Rows `period` ('base' | 'current'), `key` (the group; NULL for tickets without one), `value`
 * (the rate) and `denominator` (the count it is a share of), one per group and period.
 */
export function explainQuery(request: ExplainRequest, settings: MetricSettings, base: Period, current: Period): SqlFragment {
  const denominator = TARGET_DENOMINATORS[request.metric];
  const parts = (
    [
      ['base', base],
      ['current', current],
    ] as const
  ).map(([label, period]) => {
    const q = ticketMetricsQuery({
      filters: { ...request.filters, from: period.from, to: period.to, compare: null },
      settings,
      groupBy: request.by,
      metrics: [request.metric, denominator],
    });
    return sql`SELECT ${label} AS period, ${ident('key')}::VARCHAR AS key, ${ident(request.metric)}::DOUBLE AS value, ${ident(denominator)}::DOUBLE AS denominator FROM (${q})`;
  });
  return join(parts, '\nUNION ALL\n');
}

/** The rows of explainQuery as groups with both periods' counts; tickets without a group are one group, '' keyed. */
export function groupCounts(rows: readonly { period: unknown; key: unknown; value: unknown; denominator: unknown }[]): GroupCounts[] {
  const groups = new Map<string, GroupCounts>();
  for (const row of rows) {
    const key = row.key === null || row.key === undefined ? '' : String(row.key);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, numerator0: 0, denominator0: 0, numerator1: 0, denominator1: 0 }));
    const n = Number(row.denominator ?? 0);
    const value = row.value === null || row.value === undefined ? 0 : Number(row.value);
    if (row.period === 'base') {
      g.denominator0 = n;
      g.numerator0 = value * n;
    } else {
      g.denominator1 = n;
      g.numerator1 = value * n;
    }
  }
  return [...groups.values()];
}

/**
 * `#/explain?…` for a figure: its metric, the filters it was computed under (period included when
 * known) and the comparison; the explain page takes the latest complete month when there is no period.
 */
export function explainHref(metric: string, filters: FilterState, compare: ExplainCompare = 'previous', by: ExplainDimension = 'category1'): string | null {
  if (!(EXPLAIN_METRICS as readonly string[]).includes(metric)) return null;
  const params = new URLSearchParams({ metric, by, compare });
  if (filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  for (const column of ['township', 'department', 'request_type', 'channel', 'urgency'] as const) {
    for (const value of filters[column]) params.append(column, value);
  }
  return `#/explain?${params.toString()}`;
}
