// The typed rows of an engine-path import made from its raw table in place, for an import into an
// empty table (the first import, or one replacing the sample). The raw table holds every cell as
// text; the typed view over it (staged-csv.ts) would be copied row by row into the canonical
// table, and that copy is most of the upsert (1,000,000 tickets: INSERT 2.5 s in Node, 2.3–3.7 s
// in one uninterruptible step in the page). Here only the columns whose values change are
// rewritten (ALTER … SET DATA TYPE … USING: DuckDB shares every other column with the table as it
// was), the rows not loaded are deleted, the columns renamed, and the table then takes the
// canonical table's name (the same 1M tickets: 0.85 s in Node, the page's upsert 0.7–0.9 s).
//
// DuckDB adds columns at the end only and never reorders them, so the raw read already lays the
// table out in the canonical order (rawLayout): the file's columns that map to canonical ones, a
// NULL column for each canonical column the file lacks, then the rest of the file's columns.
import { TABLES, type TableName } from '$lib/schema';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import type { ColumnMapping } from './mapping';

/**
 * A raw table column: a file's column (c<source>, text), or a NULL column named and typed for a
 * canonical column the file lacks (so that the upsert need not touch it).
 */
export type RawColumn = { source: number } | { absent: string; type: string };

/**
 * The raw table's columns in order for a mapping: the canonical columns in the canonical order
 * (from the file, or absent), then the file's other columns in the file's order.
 */
export function rawLayout(mapping: { table: TableName; columns: readonly Pick<ColumnMapping, 'index' | 'column'>[] }, width: number): RawColumn[] {
  const sourceOf = new Map(mapping.columns.filter((m) => m.column !== null && m.index < width).map((m) => [m.column as string, m.index]));
  const layout: RawColumn[] = TABLES[mapping.table].columns.map((c) => {
    const source = sourceOf.get(c.name);
    return source === undefined ? { absent: c.name, type: c.type } : { source };
  });
  const placed = new Set(sourceOf.values());
  for (let source = 0; source < width; source++) if (!placed.has(source)) layout.push({ source });
  return layout;
}

/**
 * The share of a raw table's rows that may be dropped (blank or rejected) for it still to become
 * the table: a deleted row stays in DuckDB's storage, read past by every scan of the table until
 * the next open restores it from the saved copy, and converted by each ALTER like a loaded one.
 */
export const IN_PLACE_MAX_DROPPED_SHARE = 0.1;

/** Whether a raw table of `rows` rows, `dropped` of them not loaded, is worth typing in place. */
export function fewEnoughDropped(rows: number, dropped: number): boolean {
  return dropped <= rows * IN_PLACE_MAX_DROPPED_SHARE;
}

export interface InPlaceColumn {
  /** Canonical name and type, in the canonical table's order. */
  name: string;
  type: string;
  /** The raw column (c<source>) holding the cells, or null when the file has none. */
  source: number | null;
  /** The typed value over the raw table's own columns (unqualified), or null when it needs a join. */
  value: SqlFragment | null;
  /** The raw column's type when the read typed it (csv-parts.ts); absent: VARCHAR. */
  rawType?: string;
}

export interface InPlacePlan {
  /** The raw table. */
  table: string;
  /**
   * The statements that turn it into the canonical table's shape, to run in order: SQL text with
   * any value inlined as an escaped literal (DDL takes no parameters, and the plan crosses to the
   * engine worker with the other staged names).
   */
  statements: string[];
}

/**
 * The statements, or null when they would not give exactly the canonical table: a value that
 * needs a lookup table joined, or a raw table not laid out in the canonical order (`physical`:
 * its column names as they are). `keep` is the predicate of the rows loaded, over the raw table
 * aliased `r`, or null when every row is.
 */
export function inPlacePlan(table: string, physical: readonly string[], columns: readonly InPlaceColumn[], keep: SqlFragment | null): InPlacePlan | null {
  if (columns.some((c) => c.source !== null && c.value === null)) return null;
  const wanted = columns.map((c) => (c.source === null ? c.name : `c${c.source}`));
  const wantedSet = new Set(wanted);
  const kept = physical.filter((name) => wantedSet.has(name));
  if (kept.length !== wanted.length || kept.some((name, i) => name !== wanted[i])) return null;

  const target = ident(table);
  const statements: SqlFragment[] = [];
  // Deleted first. ALTER still reads a deleted row's cells, so every value given here must be
  // one that never fails: the validation sent each cell that would to a lookup table, and a
  // column with one has no value here.
  if (keep) statements.push(sql`DELETE FROM ${target} r WHERE NOT (${keep})`);
  for (const name of physical) if (!wantedSet.has(name)) statements.push(sql`ALTER TABLE ${target} DROP COLUMN ${ident(name)}`);
  for (const c of columns) {
    // An absent column is the layout's NULL column, already named and typed.
    if (c.source === null) continue;
    const column = ident(`c${c.source}`);
    const unchanged = (c.rawType ?? 'VARCHAR') === c.type && c.value!.text === column.text;
    if (!unchanged) statements.push(sql`ALTER TABLE ${target} ALTER ${column} SET DATA TYPE ${trusted(c.type)} USING CAST(${c.value!} AS ${trusted(c.type)})`);
    statements.push(sql`ALTER TABLE ${target} RENAME ${column} TO ${ident(c.name)}`);
  }
  return { table, statements: statements.map((s) => s.toInlineSql()) };
}
