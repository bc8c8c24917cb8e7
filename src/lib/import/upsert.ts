// Loading into DuckDB: the canonical table is created from TABLES when missing; the import lands
// in a staging table from Arrow; then one transaction deletes the rows whose keys come again and
// inserts the new rows. A failure anywhere rolls back, so the table is exactly as before. Into an
// empty table, the engine path's raw table becomes the table instead of being copied (in-place.ts).
import { TABLES, keyColumn, type TableName } from '$lib/schema';
import type { Engine } from '$lib/engine/types';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { asImportError } from './errors';
import { EXTRA_KEY_COLUMN, SEQUENCE_COLUMN } from './rows';
import { shortId } from '$lib/platform/short-id';
import type { InPlacePlan } from './in-place';

/** Unmapped columns of every import, one row per (table, key, header), so differing header sets coexist. */
export const EXTRA_VALUES_TABLE = 'import_extra_values';

export interface UpsertResult {
  /** Rows now in the table from this import (distinct keys). */
  inserted: number;
  /** Of those, rows that replaced a row already in the table. */
  replaced: number;
}

export function createTableSql(table: TableName): SqlFragment {
  const spec = TABLES[table];
  // Column types come from our own declarations, never from a file.
  const columns = spec.columns.map((c) => sql`${ident(c.name)} ${trusted(c.type)}`);
  return sql`CREATE TABLE IF NOT EXISTS ${ident(table)} (${columns})`;
}

export function createExtraValuesSql(): SqlFragment {
  return sql`CREATE TABLE IF NOT EXISTS ${ident(EXTRA_VALUES_TABLE)} (table_name VARCHAR, record_key VARCHAR, header VARCHAR, value VARCHAR)`;
}

function stagingName(table: string, part: string): string {
  return `__staging_${table}_${part}_${shortId()}`;
}

async function loadStaging(engine: Engine, name: string, batches: readonly Uint8Array[]): Promise<void> {
  await engine.insertArrow(name, batches[0], 'create');
  for (let i = 1; i < batches.length; i++) await engine.insertArrow(name, batches[i], 'append');
}

/**
 * Whether the relation has the column, from the schema of an empty result: asking the catalog
 * (duckdb_columns()) would cost DuckDB the compile of its catalog code on the import's way to its
 * figures, the first time in a session 0.3–0.5 s on the bench.
 */
async function hasColumn(engine: Engine, relation: string, column: string): Promise<boolean> {
  const empty = await engine.query(sql`SELECT * FROM ${ident(relation)} LIMIT 0`);
  return empty.schema.fields.some((f) => f.name === column);
}

/**
 * Upsert Arrow IPC batches (one stream or several) into a canonical table. Within the batches a
 * repeated key keeps its last row (by SEQUENCE_COLUMN when present); against the table the import
 * wins. `extras` are the unmapped columns (rows.ts), upserted in the same transaction.
 */
export async function upsertInto(
  engine: Engine,
  table: TableName,
  ipc: Uint8Array | readonly Uint8Array[],
  options: { extras?: readonly Uint8Array[] } = {},
): Promise<UpsertResult> {
  const batches = ipc instanceof Uint8Array ? [ipc] : ipc;
  await engine.exec(createTableSql(table));
  if (batches.length === 0) return { inserted: 0, replaced: 0 };

  const staging = stagingName(table, 'rows');
  const extrasStaging = options.extras && options.extras.length > 0 ? stagingName(table, 'extra') : null;
  try {
    await loadStaging(engine, staging, batches);
    if (extrasStaging && options.extras) await loadStaging(engine, extrasStaging, options.extras);
  } catch (e) {
    await dropTables(engine, staging, extrasStaging);
    throw asImportError(e, 'load-failed', '写入数据库失败，原有数据未受影响', 'loading into the database failed; the existing data is unchanged');
  }
  return upsertFromStaging(engine, table, { rows: staging, rowsView: false, sources: [], extras: extrasStaging });
}

async function dropTables(engine: Engine, ...tables: (string | null)[]): Promise<void> {
  for (const t of tables) if (t) await engine.exec(sql`DROP TABLE IF EXISTS ${ident(t)}`).catch(() => undefined);
}

/**
 * What an upsert reads its rows from: a staging table (the Arrow batches loaded above), or the
 * engine path's view over its import tables (staged-csv.ts), which are dropped with it.
 */
export interface StagedTables {
  /** Canonical columns + SEQUENCE_COLUMN. */
  rows: string;
  /** Whether `rows` is a view over `sources` rather than a table. */
  rowsView: boolean;
  /** The tables the view reads. */
  sources: readonly string[];
  /** The unmapped columns (EXTRA_KEY_COLUMN, SEQUENCE_COLUMN, one column each), or null. */
  extras: string | null;
  /**
   * What the engine path's validation already counted over `rows` (staged-csv.ts): its distinct
   * keys (NULL not counted) and its rows. The upsert then spares the second pass over every row
   * that counting them again costs (0.2–0.4 s for 1,000,000 tickets on the bench).
   */
  keyCounts?: { distinct: number; rows: number };
  /**
   * The engine path's plan to make the typed rows from its raw table in place (in-place.ts), for
   * an upsert into an empty table; absent when the rows must be copied.
   */
  inPlace?: InPlacePlan;
}

/**
 * Whether staged rows can become an empty table in place: the engine path planned it and every
 * staged key is distinct. (The table's emptiness is the upsert's to check.)
 */
export function stagedInPlace(staged: StagedTables): staged is StagedTables & Required<Pick<StagedTables, 'inPlace' | 'keyCounts'>> {
  const known = staged.keyCounts;
  return Boolean(staged.inPlace && known && known.distinct === known.rows);
}

/** Drop what was staged for an upsert: the rows (view or table), the tables behind them, the extras. */
export async function dropStaged(engine: Engine, staged: StagedTables): Promise<void> {
  if (staged.rowsView) await engine.exec(sql`DROP VIEW IF EXISTS ${ident(staged.rows)}`).catch(() => undefined);
  await dropTables(engine, ...(staged.rowsView ? [] : [staged.rows]), ...staged.sources, staged.extras);
}

/**
 * Upsert from what is staged in the engine (the Arrow batches loaded above, or the engine path's
 * typed view, staged-csv.ts). One transaction; everything staged is dropped afterwards whatever
 * happens. In place: the raw table's own statements run first, outside it (the table is the
 * import's own); the transaction then swaps it for the empty table.
 */
export async function upsertFromStaging(engine: Engine, table: TableName, staged: StagedTables): Promise<UpsertResult> {
  const { rows: staging, extras: extrasStaging } = staged;
  const spec = TABLES[table];
  const key = ident(keyColumn(spec).name);
  const target = ident(table);
  let inTransaction = false;
  try {
    await engine.exec(createTableSql(table));
    if (extrasStaging) await engine.exec(createExtraValuesSql());
    // Into an empty table, every staged key distinct: the staged rows become the table.
    if (stagedInPlace(staged) && (await isEmpty(engine, target))) {
      await swapInPlace(engine, table, staged.inPlace, extrasStaging, key);
      return { inserted: staged.keyCounts.rows, replaced: 0 };
    }
    const order = (await hasColumn(engine, staging, SEQUENCE_COLUMN)) ? ident(SEQUENCE_COLUMN) : trusted('rowid');
    const columns = spec.columns.map((c) => sql`CAST(${ident(c.name)} AS ${trusted(c.type)})`);
    const names = join(
      spec.columns.map((c) => ident(c.name)),
      ', ',
    );
    const latest = sql`SELECT ${columns} FROM ${ident(staging)} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${order} DESC) = 1`;

    await engine.exec(sql`BEGIN TRANSACTION`);
    inTransaction = true;
    const row = await stagedCounts(engine, staged, key, target);
    await engine.exec(sql`DELETE FROM ${target} WHERE ${key} IN (SELECT ${key} FROM ${ident(staging)})`);
    // Every staged key distinct (and none missing): every row is the latest of its key, and the
    // window that picks the latest (a sort of the whole import) has nothing to pick.
    const allDistinct = row.inserted === row.staged;
    await engine.exec(sql`INSERT INTO ${target} (${names}) ${allDistinct ? sql`SELECT ${columns} FROM ${ident(staging)}` : latest}`);
    if (extrasStaging) await upsertExtras(engine, table, ident(staging), extrasStaging, key);
    await engine.exec(sql`COMMIT`);
    inTransaction = false;
    return { inserted: row.inserted, replaced: row.replaced };
  } catch (e) {
    if (inTransaction) await engine.exec(sql`ROLLBACK`).catch(() => undefined);
    throw asImportError(e, 'load-failed', '写入数据库失败，原有数据未受影响', 'loading into the database failed; the existing data is unchanged');
  } finally {
    await dropStaged(engine, staged);
  }
}

/** The in-place plan's statements, then one transaction: the empty table dropped, the raw table renamed to it. */
async function swapInPlace(engine: Engine, table: TableName, plan: InPlacePlan, extrasStaging: string | null, key: SqlFragment): Promise<void> {
  const target = ident(table);
  // The raw table is the import's own: its statements need no transaction (DuckDB refuses to
  // commit an ALTER after a DELETE of the same table in one), only the swap.
  for (const statement of plan.statements) await engine.exec(trusted(statement));
  await engine.exec(sql`BEGIN TRANSACTION`);
  try {
    await engine.exec(sql`DROP TABLE ${target}`);
    await engine.exec(sql`ALTER TABLE ${ident(plan.table)} RENAME TO ${target}`);
    if (extrasStaging) await upsertExtras(engine, table, target, extrasStaging, key);
    await engine.exec(sql`COMMIT`);
  } catch (error) {
    await engine.exec(sql`ROLLBACK`).catch(() => undefined);
    throw error;
  }
}

async function isEmpty(engine: Engine, relation: SqlFragment): Promise<boolean> {
  return (await engine.query(sql`SELECT true AS filled FROM ${relation} LIMIT 1`)).numRows === 0;
}

/**
 * Distinct keys staged (what the table gains), rows staged, and distinct keys already in the
 * table (what they replace). With the validation's counts at hand only the last is asked: the
 * target table is the build side of that join, so an empty one (an import replacing the sample)
 * ends it without reading the staged rows at all.
 */
async function stagedCounts(engine: Engine, staged: StagedTables, key: SqlFragment, target: SqlFragment): Promise<{ inserted: number; staged: number; replaced: number }> {
  const staging = ident(staged.rows);
  const known = staged.keyCounts;
  if (known) {
    const t = await engine.query(sql`SELECT count(DISTINCT ${key})::INTEGER AS replaced FROM ${staging} WHERE ${key} IN (SELECT ${key} FROM ${target})`);
    return { inserted: known.distinct, staged: known.rows, replaced: Number(t.toArray()[0]?.replaced ?? 0) };
  }
  const t = await engine.query(
    sql`SELECT count(DISTINCT ${key})::INTEGER AS inserted, count(*)::INTEGER AS staged,
               count(DISTINCT ${key}) FILTER (WHERE ${key} IN (SELECT ${key} FROM ${target}))::INTEGER AS replaced
        FROM ${staging}`,
  );
  const row = t.toArray()[0];
  return { inserted: Number(row?.inserted ?? 0), staged: Number(row?.staged ?? 0), replaced: Number(row?.replaced ?? 0) };
}

/** `keys`: the relation holding the loaded rows' keys (the staged rows, or the table they became). */
async function upsertExtras(engine: Engine, table: TableName, keys: SqlFragment, extrasStaging: string, key: SqlFragment): Promise<void> {
  const extras = ident(EXTRA_VALUES_TABLE);
  // A replaced row takes its old extra values with it, whichever file they came from.
  await engine.exec(sql`DELETE FROM ${extras} WHERE table_name = ${table} AND record_key IN (SELECT ${key} FROM ${keys})`);
  const latest = sql`SELECT * EXCLUDE (${ident(SEQUENCE_COLUMN)}) FROM ${ident(extrasStaging)}
    QUALIFY row_number() OVER (PARTITION BY ${ident(EXTRA_KEY_COLUMN)} ORDER BY ${ident(SEQUENCE_COLUMN)} DESC) = 1`;
  await engine.exec(
    sql`INSERT INTO ${extras} SELECT ${table}, ${ident(EXTRA_KEY_COLUMN)}, header, value
        FROM (UNPIVOT (${latest}) ON COLUMNS(* EXCLUDE (${ident(EXTRA_KEY_COLUMN)})) INTO NAME header VALUE value)`,
  );
}
