// The order of a record page: the column the user clicked, then the record key so that rows
// with equal values keep one order from page to page (a page boundary never repeats or skips).
import { TABLES } from '$lib/schema';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import { isListedColumn, recordKey, type RecordTableName } from './columns';

export type SortDirection = 'asc' | 'desc';

export interface RecordSort {
  column: string;
  direction: SortDirection;
}

/** Newest first: what a person opening the records of a chart expects to see. */
export function defaultSort(table: RecordTableName): RecordSort {
  return { column: TABLES[table].timeColumn, direction: 'desc' };
}

/** Clicking the sorted column flips it; another column starts descending for times, ascending otherwise. */
export function nextSort(table: RecordTableName, current: RecordSort, column: string): RecordSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const type = TABLES[table].columns.find((c) => c.name === column)?.type;
  return { column, direction: type === 'TIMESTAMP' ? 'desc' : 'asc' };
}

/** A sort on a column the table does not list falls back to the default rather than reaching SQL. */
export function validSort(table: RecordTableName, sort: RecordSort | null | undefined): RecordSort {
  if (!sort || !isListedColumn(table, sort.column) || (sort.direction !== 'asc' && sort.direction !== 'desc')) return defaultSort(table);
  return sort;
}

export function orderBy(table: RecordTableName, sort: RecordSort): SqlFragment {
  const s = validSort(table, sort);
  const key = ident(recordKey(table).name);
  const direction = trusted(s.direction === 'asc' ? 'ASC' : 'DESC');
  // Empty values go last either way: the records someone sorts for are the ones with a value.
  if (s.column === recordKey(table).name) return sql`${key} ${direction}`;
  return sql`${ident(s.column)} ${direction} NULLS LAST, ${key} ASC`;
}
