// A canonical table as a DuckDB database file: written by the engine into a MemoryFile
// (engine/memory-file.ts), read back by attaching the bytes read-only — the form the embedded
// sample already proved. Attaching costs no per-row work, so the first figure after a reopen waits
// only for IndexedDB; the caller copies the table into memory afterwards (copyAttachedTable), since
// every query over the attached file pays its decompression.
import type { Table } from 'apache-arrow';
import { MemoryFile } from '$lib/engine/memory-file';
import { ENGINE_FILE_PREFIX } from '$lib/engine/types';
import { createExtraValuesSql, EXTRA_VALUES_TABLE } from '$lib/import/upsert';
import { TABLES, type TableName } from '$lib/schema';
import { ident, literal, sql, trusted, type SqlFragment } from '$lib/sql';
import { dropRelation, dropRelationSql } from './relations';
import { shortId } from '$lib/platform/short-id';

/** What this module needs of the engine: SyncEngine (src/lib/engine/sync-engine.ts). */
export interface DatabaseFileEngine {
  query(q: SqlFragment): Promise<Table>;
  exec(q: SqlFragment): Promise<void>;
  registerMemoryFile(name: string, file: MemoryFile): void;
  dropFile(name: string): Promise<void>;
}

/** Inside the stored database, the extra values of the table's rows. */
export const STORED_EXTRAS = 'extras';

async function exists(engine: DatabaseFileEngine, database: string, table: string): Promise<boolean> {
  const t = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = ${database} AND table_name = ${table} AND schema_name = 'main'`);
  return Number(t.toArray()[0]?.n ?? 0) > 0;
}

async function currentDatabase(engine: DatabaseFileEngine): Promise<string> {
  return String((await engine.query(sql`SELECT current_database() AS db`)).toArray()[0]?.db);
}

/**
 * A save writes the table in statements of this many rows, each its own row group of the file.
 * A statement is one of DuckDB's uninterruptible steps, and the page's queries wait for the one
 * under way: written as one statement, a 1M-row table went in steps of about 450 ms, each
 * compressing a full row group (122,880 rows), and a small query during the save took 400–500 ms
 * instead of 50. Measured in Node on 300,000 rows (.probe/savebatch.mts): 20,480-row statements
 * and row groups took at most 258 ms a statement against 2,711 ms for one, the whole write 25 %
 * longer and the file 13 % larger; 40,960 rows at most 407 ms, 9 % longer, 4 % larger.
 */
export const SAVE_BATCH_ROWS = 20_480;

function attachSql(file: string, alias: string, readOnly: boolean): SqlFragment {
  // ATTACH takes no parameters; the file name is our own (a prefix, the table, random letters).
  const options = readOnly ? ' (READ_ONLY)' : ` (ROW_GROUP_SIZE ${SAVE_BATCH_ROWS})`;
  return sql`ATTACH ${trusted(literal(file))} AS ${ident(alias)}${trusted(options)}`;
}

/**
 * Rows `from` ≤ rowid < `to`, written out rather than bound: BackgroundEngine runs only
 * statements without parameters in DuckDB's slices.
 */
export function rowidRange(from: number, to: number): SqlFragment {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) throw new Error(`not a row range: ${from}–${to}`);
  return trusted(`rowid >= ${from} AND rowid < ${to}`);
}

/** One more than the table's highest rowid (0 when empty): rowids may have gaps after an upsert's deletes. */
async function rowidEnd(engine: DatabaseFileEngine, table: string): Promise<number> {
  const t = await engine.query(sql`SELECT coalesce(max(rowid) + 1, 0)::BIGINT AS n FROM ${ident(table)}`);
  return Number(t.toArray()[0]?.n ?? 0);
}

/**
 * Copy `table` into `target` in SAVE_BATCH_ROWS-row statements, in rowid order, in one
 * transaction: the rows are read from one snapshot, and each batch's row group is written to
 * the file as it fills, so the commit and the DETACH after it have little left to write.
 */
async function copyInBatches(engine: DatabaseFileEngine, table: string, target: SqlFragment): Promise<void> {
  const end = await rowidEnd(engine, table);
  await engine.exec(sql`BEGIN TRANSACTION`);
  try {
    await engine.exec(sql`CREATE TABLE ${target} AS SELECT * FROM ${ident(table)} WHERE ${rowidRange(0, SAVE_BATCH_ROWS)}`);
    for (let from = SAVE_BATCH_ROWS; from < end; from += SAVE_BATCH_ROWS) {
      await engine.exec(sql`INSERT INTO ${target} SELECT * FROM ${ident(table)} WHERE ${rowidRange(from, from + SAVE_BATCH_ROWS)}`);
    }
    await engine.exec(sql`COMMIT`);
  } catch (error) {
    await engine.exec(sql`ROLLBACK`).catch(() => undefined);
    throw error;
  }
}

/** The table and its extra values as the bytes of a new DuckDB database file. */
export async function writeDatabaseFile(engine: DatabaseFileEngine, table: TableName): Promise<Uint8Array> {
  const suffix = shortId();
  const file = `${ENGINE_FILE_PREFIX}store-${table}-${suffix}.duckdb`;
  const alias = `__store_${table}_${suffix}`;
  const main = new MemoryFile(4 << 20);
  // DuckDB writes the catalog through its log first: give the log a memory file of its own too.
  const wal = new MemoryFile(1 << 16);
  const source = await currentDatabase(engine);
  engine.registerMemoryFile(file, main);
  engine.registerMemoryFile(`${file}.wal`, wal);
  let attached = false;
  try {
    await engine.exec(attachSql(file, alias, false));
    attached = true;
    await copyInBatches(engine, table, sql`${ident(alias)}.main.${ident(table)}`);
    const extras = (await exists(engine, source, EXTRA_VALUES_TABLE))
      ? sql`SELECT * FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`
      : sql`SELECT NULL::VARCHAR AS table_name, NULL::VARCHAR AS record_key, NULL::VARCHAR AS header, NULL::VARCHAR AS value WHERE false`;
    await engine.exec(sql`CREATE TABLE ${ident(alias)}.main.${ident(STORED_EXTRAS)} AS ${extras}`);
    // DETACH checkpoints: every row is in the main file afterwards, none only in the log.
    await engine.exec(sql`DETACH ${ident(alias)}`);
    attached = false;
    return main.bytes();
  } finally {
    if (attached) await engine.exec(sql`DETACH ${ident(alias)}`).catch(() => undefined);
    await engine.dropFile(file).catch(() => undefined);
    await engine.dropFile(`${file}.wal`).catch(() => undefined);
  }
}

/** A stored database attached read-only, its table bound to the canonical name. */
export interface AttachedTable {
  table: TableName;
  alias: string;
  file: string;
}

/**
 * A table's columns as `name TYPE, …`, or null when the database holds no such table. DESCRIBE
 * binds the one table; duckdb_columns() and duckdb_tables() walk every catalog, and at a reopen
 * their first calls (on DuckDB's cold code) stood between the attach and the first figure.
 */
async function describedColumns(engine: DatabaseFileEngine, database: string, table: string): Promise<string | null> {
  let described: Table;
  try {
    described = await engine.query(sql`DESCRIBE ${ident(database)}.main.${ident(table)}`);
  } catch {
    return null;
  }
  return described
    .toArray()
    .map((row) => `${row.column_name} ${row.column_type}`)
    .join(', ');
}

/** The columns today's declaration gives the table, as describedColumns writes them. */
function declaredColumns(table: TableName): string {
  return TABLES[table].columns.map((c) => `${c.name} ${c.type}`).join(', ');
}

/**
 * Attach a stored database file and make the canonical name read it: a view over the attached
 * table when its columns are today's declaration (then nothing is copied now: `attached` is
 * returned and the caller copies it into memory later), else the rows copied at once into the
 * declared table by name (a column added since the file was written stays empty). Its extra values
 * replace the table's in import_extra_values. All in one transaction: on failure the table is as
 * it was and nothing stays attached.
 */
export async function attachDatabaseFile(
  engine: DatabaseFileEngine,
  table: TableName,
  bytes: Uint8Array | MemoryFile,
  recreateEmpty: (table: TableName) => Promise<void>,
): Promise<{ attached: AttachedTable | null }> {
  const suffix = shortId();
  const file = `${ENGINE_FILE_PREFIX}stored-${table}-${suffix}.duckdb`;
  const alias = `__stored_${table}_${suffix}`;
  engine.registerMemoryFile(file, bytes instanceof MemoryFile ? bytes : MemoryFile.of(bytes));
  let attached = false;
  try {
    await engine.exec(attachSql(file, alias, true));
    attached = true;
    const columns = await describedColumns(engine, alias, table);
    if (columns === null) throw new Error(`the stored database holds no table ${table}`);
    const asView = columns === declaredColumns(table);
    const hasExtras = (await describedColumns(engine, alias, STORED_EXTRAS)) !== null;
    await engine.exec(createExtraValuesSql());
    /** Bind the name as `bindName` does, and replace the table's extra values, in one transaction. */
    const inOneTransaction = async (bindName: () => Promise<unknown>) => {
      await engine.exec(sql`BEGIN TRANSACTION`);
      try {
        await bindName();
        await engine.exec(sql`DELETE FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`);
        if (hasExtras) {
          await engine.exec(sql`INSERT INTO ${ident(EXTRA_VALUES_TABLE)} BY NAME SELECT * FROM ${ident(alias)}.main.${ident(STORED_EXTRAS)}`);
        }
        await engine.exec(sql`COMMIT`);
      } catch (error) {
        await engine.exec(sql`ROLLBACK`).catch(() => undefined);
        throw error;
      }
    };
    const viewAfter = (unbind: () => Promise<unknown>) => async () => {
      await unbind();
      await engine.exec(sql`CREATE VIEW ${ident(table)} AS SELECT * FROM ${ident(alias)}.main.${ident(table)}`);
    };
    if (!asView) {
      await inOneTransaction(async () => {
        await recreateEmpty(table);
        await engine.exec(sql`INSERT INTO ${ident(table)} BY NAME SELECT * FROM ${ident(alias)}.main.${ident(table)}`);
      });
    } else {
      // At a reopen the name is the empty table the engine made at start, so it is dropped as a
      // table without asking the catalog: the first query of duckdb_tables() costs DuckDB the
      // compile of its catalog code, 0.2–1 s of the reopen's path to the first figure. When the
      // name is a view instead (DuckDB refuses to drop it as a table) or anything else fails, the
      // transaction is rolled back and bound again the careful way.
      try {
        await inOneTransaction(viewAfter(() => engine.exec(dropRelationSql(table, 'TABLE'))));
      } catch {
        await inOneTransaction(viewAfter(() => dropRelation(engine, table)));
      }
    }
    if (asView) return { attached: { table, alias, file } };
    await detachTable(engine, { table, alias, file });
    return { attached: null };
  } catch (error) {
    if (attached) await engine.exec(sql`DETACH ${ident(alias)}`).catch(() => undefined);
    await engine.dropFile(file).catch(() => undefined);
    throw error;
  }
}

/** The in-memory copy's name while it is being made (copyAttachedTable). */
export function storedCopyName(attached: AttachedTable): string {
  return `__stored_copy_${attached.alias}`;
}

/**
 * Step one of moving an attached table into memory: copy its rows into a table of their own
 * (run on a connection of its own: slow, and nothing waits for it).
 */
export function copyAttachedSql(attached: AttachedTable): SqlFragment {
  return sql`CREATE OR REPLACE TABLE ${ident(storedCopyName(attached))} AS SELECT * FROM ${ident(attached.alias)}.main.${ident(attached.table)}`;
}

/**
 * Step two, a quick statement or two on the page's connection: when the canonical name is still the
 * view over this attachment, the copy takes its place; otherwise (an import, a clear or another
 * restore replaced the table meanwhile) the copy is dropped. The attachment goes either way.
 */
export async function swapInCopy(engine: DatabaseFileEngine, attached: AttachedTable, current: boolean): Promise<boolean> {
  const copy = storedCopyName(attached);
  const main = await currentDatabase(engine);
  const viewStill =
    current &&
    Number(
      (await engine.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE database_name = ${main} AND schema_name = 'main' AND view_name = ${attached.table} AND NOT internal`)).toArray()[0]?.n ?? 0,
    ) > 0;
  if (viewStill) {
    await engine.exec(sql`BEGIN TRANSACTION`);
    try {
      await engine.exec(sql`DROP VIEW ${ident(attached.table)}`);
      await engine.exec(sql`ALTER TABLE ${ident(copy)} RENAME TO ${ident(attached.table)}`);
      await engine.exec(sql`COMMIT`);
    } catch (error) {
      await engine.exec(sql`ROLLBACK`).catch(() => undefined);
      throw error;
    }
  } else {
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(copy)}`);
  }
  await detachTable(engine, attached);
  return viewStill;
}

/** Forget an attachment: whatever still reads it must have been rebound first. */
export async function detachTable(engine: DatabaseFileEngine, attached: AttachedTable): Promise<void> {
  await engine.exec(sql`DETACH DATABASE IF EXISTS ${ident(attached.alias)}`);
  await engine.dropFile(attached.file);
}
