// The queries behind a record table: how many rows match, one window of them in order, and one
// record in full. `where` is the page's complete predicate (filters, cross-filter, drill), built
// by the page; the search is ANDed to it here.
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { detailColumns, listColumns, recordKey, type RecordTableName } from './columns';
import { searchPredicate } from './search';
import { orderBy, type RecordSort } from './sort';

export interface RecordQuery {
  table: RecordTableName;
  where: SqlFragment;
  search: string;
  showPersonal: boolean;
}

function matching(q: RecordQuery): SqlFragment {
  return sql`(${q.where}) AND (${searchPredicate(q.table, q.search, q.showPersonal)})`;
}

/** `n`: the rows that match. */
export function recordCountQuery(q: RecordQuery): SqlFragment {
  return sql`SELECT count(*) AS n FROM ${ident(q.table)} WHERE ${matching(q)}`;
}

/**
 * Rows `offset` … `offset + limit - 1` of the matching rows in `sort` order, list columns only.
 * The window's keys are found first, sorting only the sort column and the key; then the list
 * columns of those rows alone are read. DuckDB's Top-N carries every selected column of every row
 * it keeps, which on the sample's 340,000 tickets (Node, DuckDB-WASM) took 213 ms for the newest
 * 200 against 98 ms this way, and 622 ms against 465 ms for a window 150,000 rows down. By key, not
 * rowid: a workbench table may be a view (the sample), which has no rowid. Keys are unique in every
 * workbench table (an import upserts by key); the outer LIMIT holds the window to its size anyway.
 */
export function recordWindowQuery(q: RecordQuery, sort: RecordSort, offset: number, limit: number): SqlFragment {
  const columns = listColumns(q.table).map((c) => ident(c.name));
  const key = ident(recordKey(q.table).name);
  const table = ident(q.table);
  const order = orderBy(q.table, sort);
  const start = Math.max(0, Math.floor(offset));
  const size = Math.max(0, Math.floor(limit));
  const windowKeys = sql`SELECT ${key} FROM ${table} WHERE ${matching(q)} ORDER BY ${order} LIMIT ${size} OFFSET ${start}`;
  return sql`SELECT ${join(columns, ', ')} FROM ${table} WHERE ${key} IN (${windowKeys}) ORDER BY ${order} LIMIT ${size}`;
}

/** Every declared column of the record whose key is `id` (at most one row). */
export function recordDetailQuery(table: RecordTableName, id: string): SqlFragment {
  const columns = detailColumns(table).map((c) => ident(c.name));
  return sql`SELECT ${join(columns, ', ')} FROM ${ident(table)} WHERE ${ident(recordKey(table).name)} = ${id} LIMIT 1`;
}

/**
 * A row position written into the SQL text. A bound parameter here keeps DuckDB from pushing the
 * rowid range into the scan (measured at 1M rows: 7–30 ms with the number in the text, 50–220 ms
 * as a parameter). Only whole, non-negative numbers get here, never text.
 */
function position(n: number): SqlFragment {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row position: ${n}`);
  return trusted(String(n));
}

/**
 * The rows matching `q` in `sort` order, list columns only, copied into a TEMP table `name`: a new
 * table keeps the order it was filled in, so the i-th row of the order is the row with rowid i,
 * and any window of it is a rowid range (orderedWindowQuery) instead of a sort of every row.
 */
export function orderedCopyQuery(name: string, q: RecordQuery, sort: RecordSort): SqlFragment {
  const columns = listColumns(q.table).map((c) => ident(c.name));
  return sql`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS SELECT ${join(columns, ', ')} FROM ${ident(q.table)} WHERE ${matching(q)} ORDER BY ${orderBy(q.table, sort)}`;
}

/** Rows `offset` … `offset + limit - 1` of an ordered copy (orderedCopyQuery), in order. */
export function orderedWindowQuery(name: string, table: RecordTableName, offset: number, limit: number): SqlFragment {
  const columns = listColumns(table).map((c) => ident(c.name));
  const start = Math.max(0, Math.floor(offset));
  const end = start + Math.max(0, Math.floor(limit));
  return sql`SELECT ${join(columns, ', ')} FROM ${ident(name)} WHERE rowid >= ${position(start)} AND rowid < ${position(end)} ORDER BY rowid`;
}

export function dropOrderedCopyQuery(name: string): SqlFragment {
  return sql`DROP TABLE IF EXISTS ${ident(name)}`;
}
