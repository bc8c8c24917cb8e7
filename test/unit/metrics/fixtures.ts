// Hand-made canonical tables for metric tests: rows written as plain objects with timestamps as
// 'YYYY-MM-DD HH:MM[:SS]' naive local strings, loaded through the same Arrow path as real data.
import { columnsToIPC, type ColumnValues } from '$lib/arrow';
import type { Engine } from '$lib/engine/types';
import { emptyFilters, type FilterState } from '$lib/filters';
import { TABLES, type ColumnType, type TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';

export type FixtureRow = Record<string, string | number | boolean | null | undefined>;

/** Naive 'YYYY-MM-DD HH:MM[:SS[.mmm]]' → ms on the naive clock (Date.UTC, never the machine zone). */
export function naiveMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?)?$/.exec(text);
  if (!m) throw new Error(`bad fixture timestamp ${text}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms);
}

/** (Re)creates `table` with every canonical column, filled from `rows` (absent fields are NULL). */
export async function loadTable(engine: Engine, table: TableName, rows: readonly FixtureRow[]): Promise<void> {
  const spec = TABLES[table];
  const types: Record<string, ColumnType> = {};
  const columns: Record<string, ColumnValues> = {};
  for (const column of spec.columns) {
    types[column.name] = column.type;
    const values = rows.map((row) => {
      const v = row[column.name];
      if (v === undefined || v === null) return null;
      if (column.type === 'TIMESTAMP') return naiveMs(String(v));
      return v;
    });
    columns[column.name] = values as ColumnValues;
  }
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  await engine.insertArrow(table, columnsToIPC({ length: rows.length, columns }, types), 'create');
}

/** Result rows as plain objects. */
export async function rowsOf(engine: Engine, q: SqlFragment): Promise<Record<string, unknown>[]> {
  const result = await engine.query(q);
  return result.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

export async function oneRow(engine: Engine, q: SqlFragment): Promise<Record<string, unknown>> {
  const rows = await rowsOf(engine, q);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0];
}

/** Rows keyed by their `key` column. */
export async function byKey(engine: Engine, q: SqlFragment): Promise<Map<string | null, Record<string, unknown>>> {
  const rows = await rowsOf(engine, q);
  return new Map(rows.map((r) => [r.key as string | null, r]));
}

export function period(from: string | null, to: string | null, extra: Partial<FilterState> = {}): FilterState {
  return { ...emptyFilters(), from, to, ...extra };
}
