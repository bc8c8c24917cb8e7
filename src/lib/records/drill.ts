// A chart mark → the records behind it. A page turns the clicked mark into a RecordDrill and
// ANDs its `where` into the predicate it hands to <RecordTable>; the label says what was
// clicked ("drilled from …") and the table offers to clear it. Column names are checked against
// the schema so a mark's field can never smuggle SQL in; values are bound.
import { dayAfter, type IsoDate } from '$lib/filters';
import { TABLES } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment, type SqlValue } from '$lib/sql';
import type { RecordTableName } from './columns';

export interface RecordDrill {
  /** What was clicked, in words, e.g. "玉山镇 · 2024-03". */
  label: string;
  where: SqlFragment;
}

function declared(table: RecordTableName, column: string): SqlFragment {
  if (!TABLES[table].columns.some((c) => c.name === column)) throw new Error(`${table} has no column ${column}`);
  return ident(column);
}

/** Rows whose columns equal the mark's values; a null value means the column is empty. */
export function drillOnValues(table: RecordTableName, values: Readonly<Record<string, SqlValue>>, label: string): RecordDrill {
  const parts = Object.entries(values).map(([column, value]) =>
    value === null ? sql`${declared(table, column)} IS NULL` : sql`${declared(table, column)} = ${value}`,
  );
  return { label, where: allOf(parts) };
}

/** Rows whose time column falls on days `from` … `to` (inclusive), as a time-bar or brush mark covers. */
export function drillOnDays(table: RecordTableName, from: IsoDate, to: IsoDate, label: string): RecordDrill {
  const time = ident(TABLES[table].timeColumn);
  return { label, where: sql`${time} >= ${from}::TIMESTAMP AND ${time} < ${dayAfter(to)}::TIMESTAMP` };
}

/** Rows matching every predicate given (nulls skipped): the page's filters AND its drill. */
export function allOf(parts: readonly (SqlFragment | null | undefined)[]): SqlFragment {
  const present = parts.filter((p): p is SqlFragment => p != null);
  if (present.length === 0) return trusted('TRUE');
  return join(
    present.map((p) => sql`(${p})`),
    ' AND ',
  );
}
