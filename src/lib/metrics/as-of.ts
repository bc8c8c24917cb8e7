// The as-of time (metrics.md): the moment the figures describe, which decides whether an open
// ticket or event is already past its deadline.
import type { FilterState } from '$lib/filters';
import { dayAfter } from '$lib/filters';
import type { TableName } from '$lib/schema';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import type { MetricSettings } from './settings';

/** Timestamps whose latest value stands in for the export time, per table (metrics.md). */
export const AS_OF_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  tickets: ['received_at', 'dispatched_at', 'signed_at', 'closed_at'],
  grid_events: ['reported_at', 'dispatched_at', 'handled_at', 'feedback_at', 'verified_at'],
};

/**
 * A TIMESTAMP expression: the fixed time of the settings if any; else the start of the day after
 * the filter's last day; else the latest timestamp anywhere in the table. The latter reads the
 * whole, unfiltered table on purpose: a township filter must not move the export time.
 */
export function asOfSql(table: TableName, filters: FilterState, settings: MetricSettings): SqlFragment {
  if (settings.asOf !== null) return sql`${settings.asOf}::TIMESTAMP`;
  if (filters.to) return sql`${dayAfter(filters.to)}::TIMESTAMP`;
  const columns = AS_OF_COLUMNS[table];
  if (!columns) throw new Error(`${table} has no as-of rule`);
  // greatest() skips NULLs, so a column that is empty throughout does not blank the result.
  const maxima = join(
    columns.map((c) => sql`max(${ident(c)})`),
    ', ',
  );
  return sql`(SELECT greatest(${maxima}) FROM ${ident(table)})`;
}

/** One row, one column `as_of`: for showing the user which moment the figures describe. */
export function asOfQuery(table: TableName, filters: FilterState, settings: MetricSettings): SqlFragment {
  return sql`SELECT ${asOfSql(table, filters, settings)} AS as_of`;
}
