// The engine path's answers for the cells SQL cannot prove simple (staged-csv.ts): each distinct
// such value of a column is coerced once in JavaScript (coerceCell, as the row assembler does)
// and brought back to the rows in one of two forms.
//
// - Few values (a township list, the tokens of a yes/no column): written into the statements as
//   CASE expressions. A LEFT JOIN per column is a pass of hash probes over every row; on a
//   1,000,000-row export with six such columns the joins were a third of the typed table's time.
// - Many values (odd timestamps by the hundred thousand): a table, joined on the raw text.
//
// Either way a cell found among the values takes their answer and any other cell the simple
// rule's: the values are exactly the column's non-simple cells, so "found" is "not simple", and
// the simple rule's regular expressions need not run again for every row.
import type { Table } from 'apache-arrow';
import type { ColumnType } from '$lib/schema';
import type { Engine } from '$lib/engine/types';
import { ident, join, literal, sql, trusted, type SqlFragment } from '$lib/sql';
import { batchToIPC } from './arrow-batch';
import { coerceCell, type ColumnKind } from './cell-coerce';

/** Lookups of at most this many values are inlined (a CASE branch per value, per row that reaches it). */
export const INLINE_LOOKUP_MAX = 32;

export interface LookupValues {
  raw: string[];
  /** The typed value (naive ms for a timestamp), or null. */
  v: unknown[];
  code: (string | null)[];
  shown: (string | null)[];
  zone: boolean[];
}

export interface Lookup {
  /** The table holding the values (raw, v, code, shown, zone); null when they are inlined. */
  table: string | null;
  values: LookupValues;
  /** SQL type of the values. */
  type: ColumnType;
  /** Some value raises an issue or drops a zone. */
  flags: boolean;
}

/** The type a lookup's values have: text-like kinds keep text, the others the column's type. */
export function lookupType(kind: ColumnKind, type: ColumnType): ColumnType {
  return kind === 'text' || kind === 'key' || kind === 'id' || kind === 'township' || kind === 'credit-code' ? 'VARCHAR' : type;
}

/**
 * The distinct values of `column` in `source` that are not `simple` (an expression over `v`),
 * coerced; null when there are none. A table named `table` is made only for more than `inlineMax`.
 */
export async function buildLookup(
  engine: Engine,
  target: { table: string; source: string; column: SqlFragment; simple: SqlFragment },
  cell: { kind: ColumnKind; type: ColumnType; required: boolean; resolve: (text: string) => string | null },
  inlineMax = INLINE_LOOKUP_MAX,
): Promise<Lookup | null> {
  const distinct: Table = await engine.query(
    sql`SELECT DISTINCT v FROM (SELECT ${target.column} AS v FROM ${ident(target.source)} r) WHERE NOT ${target.simple}`,
  );
  // `simple` holds for a missing cell in every kind, so no value here is null.
  return lookupOf(engine, target.table, (distinct.getChild('v')?.toArray() ?? []) as string[], cell, inlineMax);
}

/**
 * The lookup of a column's cells that are not simple, given those cells' distinct values (from
 * the query above, or listed by the scan: cell-facts.ts); null when there are none.
 */
export async function lookupOf(
  engine: Engine,
  table: string,
  raws: readonly string[],
  cell: { kind: ColumnKind; type: ColumnType; required: boolean; resolve: (text: string) => string | null },
  inlineMax = INLINE_LOOKUP_MAX,
): Promise<Lookup | null> {
  if (raws.length === 0) return null;
  const values: LookupValues = { raw: [], v: [], code: [], shown: [], zone: [] };
  for (const raw of raws) {
    const coerced = coerceCell(cell.kind, cell.required, raw, cell.resolve);
    values.raw.push(raw);
    values.v.push(coerced.value);
    values.code.push(coerced.issue?.code ?? null);
    values.shown.push(coerced.issue?.value ?? null);
    // The zone warning shows the cell as written.
    values.zone.push(coerced.zoneIgnored);
  }
  const type = lookupType(cell.kind, cell.type);
  const flags = values.code.some((c) => c !== null) || values.zone.some(Boolean);
  if (raws.length <= inlineMax) return { table: null, values, type, flags };
  const types: Record<string, ColumnType> = { raw: 'VARCHAR', v: type, code: 'VARCHAR', shown: 'VARCHAR', zone: 'BOOLEAN' };
  await engine.insertArrow(table, batchToIPC(values as unknown as Record<string, unknown[]>, types), 'create');
  return { table, values, type, flags };
}

/**
 * Whether every value is its own text: a text lookup that changes no cell (a township column
 * already written as the township table writes it).
 */
export function changesNoValue(lookup: Lookup): boolean {
  return lookup.type === 'VARCHAR' && lookup.values.v.every((v, i) => v === lookup.values.raw[i]);
}

/** A value of the lookup as a SQL literal of its type (no bound parameters: see staged-csv.ts). */
export function valueLiteral(value: unknown, type: ColumnType): SqlFragment {
  if (value === null || value === undefined) return trusted(`NULL::${type}`);
  switch (type) {
    case 'VARCHAR':
      return trusted(literal(String(value)));
    case 'BOOLEAN':
      return trusted(value ? 'TRUE' : 'FALSE');
    case 'TIMESTAMP':
      // Naive milliseconds, whole (coerce.ts rounds to the millisecond); DuckDB counts microseconds.
      return trusted(`make_timestamp(${BigInt(value as number) * 1000n})`);
    case 'INTEGER':
    case 'DOUBLE':
      // Through text: DuckDB parses a double's shortest round-trip form back to the same double.
      return trusted(`CAST(${literal(String(value))} AS ${type})`);
  }
}

/** How the statements read a lookup for one cell: its answers where found, and the joins that needs. */
export interface LookupAccess {
  /** `field`'s answer for a cell among the values, `otherwise` for any other cell. */
  pick(field: 'v' | 'code' | 'shown', otherwise: SqlFragment): SqlFragment;
  /** True for a cell whose value dropped a zone, else false. */
  zone: SqlFragment;
  joins: SqlFragment;
}

export function lookupAccess(lookup: Lookup, cell: SqlFragment, alias: string): LookupAccess {
  if (lookup.table) {
    const l = ident(alias);
    return {
      pick: (field, otherwise) => sql`CASE WHEN ${l}.raw IS NOT NULL THEN ${l}.${ident(field)} ELSE ${otherwise} END`,
      zone: sql`coalesce(${l}.zone, false)`,
      joins: sql` LEFT JOIN ${ident(lookup.table)} ${l} ON ${l}.raw = ${cell}`,
    };
  }
  const { values } = lookup;
  const rawOf = (i: number) => trusted(literal(values.raw[i]));
  const answer = (field: 'v' | 'code' | 'shown', i: number) =>
    field === 'v' ? valueLiteral(values.v[i], lookup.type) : valueLiteral(values[field][i], 'VARCHAR');
  const zoned = values.raw.flatMap((_, i) => (values.zone[i] ? [sql`WHEN ${rawOf(i)} THEN TRUE`] : []));
  return {
    pick: (field, otherwise) =>
      sql`CASE ${cell} ${join(
        values.raw.map((_, i) => sql`WHEN ${rawOf(i)} THEN ${answer(field, i)}`),
        ' ',
      )} ELSE ${otherwise} END`,
    zone: zoned.length ? sql`CASE ${cell} ${join(zoned, ' ')} ELSE FALSE END` : trusted('false'),
    joins: trusted(''),
  };
}
