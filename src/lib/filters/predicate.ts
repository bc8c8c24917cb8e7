// FilterState → the WHERE clause for one canonical table. Every value is a bound parameter; the
// column names come from the schema declarations, never from the URL.
import { TABLES, type TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { dayAfter } from './period';
import { LIST_FILTER_COLUMNS, type FilterState } from './state';

function hasColumn(table: TableName, column: string): boolean {
  return TABLES[table].columns.some((c) => c.name === column);
}

/**
 * The rows of `table` the filters select. The period applies to the table's time column as
 * `>= from 00:00` and `< (to + 1 day) 00:00`, so the whole last day is in and nothing of the
 * next. A filter on a column the table does not have is skipped (grid events have no channel).
 * `alias` qualifies the columns when the predicate is used inside a join.
 */
export function filterPredicate(state: FilterState, table: TableName, alias?: string): SqlFragment {
  const col = (name: string): SqlFragment => (alias ? sql`${ident(alias)}.${ident(name)}` : ident(name));
  const time = col(TABLES[table].timeColumn);
  const parts: SqlFragment[] = [];
  if (state.from) parts.push(sql`${time} >= ${state.from}::TIMESTAMP`);
  if (state.to) parts.push(sql`${time} < ${dayAfter(state.to)}::TIMESTAMP`);
  for (const column of LIST_FILTER_COLUMNS) {
    const values = state[column];
    if (values.length === 0 || !hasColumn(table, column)) continue;
    const bound = values.map((v) => sql`${v}`);
    parts.push(sql`${col(column)} IN (${bound})`);
  }
  if (state.enterprise_related !== null && hasColumn(table, 'enterprise_related')) {
    parts.push(sql`${col('enterprise_related')} = ${state.enterprise_related}`);
  }
  if (parts.length === 0) return trusted('TRUE');
  return join(
    parts.map((p) => sql`(${p})`),
    ' AND ',
  );
}
