// The overview page's named queries. Pages ask for these; the SQL comes from the metric layer.
import { ticketMetricsQuery, type MetricSettings, type TicketMetricId } from '$lib/metrics';
import { previousPeriod, type FilterState, type Period } from '$lib/filters';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { TableName } from '$lib/schema';
import { TABLES } from '$lib/schema';
import { TICKET_HEADLINE } from './tickets/views';

/** The overview's headline is the ticket page's: one list (./tickets/views.ts). */
export const HEADLINE_METRICS = TICKET_HEADLINE;

export const TOWNSHIP_TABLE_METRICS = [
  'total',
  'rated',
  'satisfaction_rate',
  'on_time_rate',
  'median_closure_hours',
  'direct_answer_rate',
  'overdue_open',
] as const satisfies readonly TicketMetricId[];

export function headlineQuery(filters: FilterState, settings: MetricSettings): SqlFragment {
  return ticketMetricsQuery({ filters, settings, metrics: HEADLINE_METRICS });
}

export function monthlyTrendQuery(filters: FilterState, settings: MetricSettings): SqlFragment {
  return ticketMetricsQuery({ filters, settings, groupBy: 'month', metrics: ['total', 'satisfaction_rate', 'on_time_rate'] });
}

export function townshipTableQuery(filters: FilterState, settings: MetricSettings): SqlFragment {
  return ticketMetricsQuery({ filters, settings, groupBy: 'township', metrics: TOWNSHIP_TABLE_METRICS });
}

/** First and last day with data in a table (by its time column), as YYYY-MM-DD. */
export function dataSpanQuery(table: TableName): SqlFragment {
  const time = ident(TABLES[table].timeColumn);
  return sql`SELECT strftime(min(${time}), '%Y-%m-%d') AS first_day, strftime(max(${time}), '%Y-%m-%d') AS last_day FROM ${ident(table)}`;
}

/**
 * The previous period of the same length as the view's. A view without dates covers the whole
 * data span, so its "previous period" is the same length before the first day of data.
 */
export function comparisonPeriod(filters: FilterState, span: Period): Period {
  return previousPeriod(filters.from ?? span.from, filters.to ?? span.to);
}
