// Moving tables between DuckDB and the dataset store: persist after an import, restore at boot,
// replace the sample by empty user tables, and put a table back after a failed save.
import type { Table } from 'apache-arrow';
import { createTableSql, EXTRA_VALUES_TABLE } from '$lib/import';
import { createExtraValuesSql } from '$lib/import/upsert';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { TableSummary, UpsertCounts } from '../../../workers/engine-api';
import type { DatasetMeta, DatasetRecord, DatasetStore } from './datasets';

/** What this module needs of EngineClient; tests may hand in a fake. */
export interface DataEngine {
  query(q: SqlFragment): Promise<Table>;
  exec(q: SqlFragment): Promise<void>;
  queryIPC(q: SqlFragment): Promise<Uint8Array>;
  /** The same bytes in a Blob made by the worker: stored without the page serializing them. */
  queryBlob?(q: SqlFragment): Promise<Blob>;
  upsert(table: string, batches: Uint8Array[], extras: Uint8Array[]): Promise<UpsertCounts>;
  /** Upsert from the staging tables an engine-path import left (import/staged-csv.ts). */
  upsertStaged(table: string, rows: string, extras: string | null): Promise<UpsertCounts>;
  restoreTable(table: string, ipc: Uint8Array, createSql: string | null): Promise<number>;
  loadSample(seed?: number): Promise<TableSummary[]>;
}

async function tableExists(engine: DataEngine, name: string): Promise<boolean> {
  const r = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ${name}`);
  return Number(r.toArray()[0]?.n ?? 0) > 0;
}

export async function countRows(engine: DataEngine, table: string): Promise<number> {
  const r = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`);
  return Number(r.toArray()[0]?.n ?? 0);
}

/** Every canonical table present and empty, no extras: the start of a user session. */
export async function resetToEmpty(engine: DataEngine): Promise<void> {
  for (const table of TABLE_NAMES) {
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
    await engine.exec(createTableSql(table));
  }
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(EXTRA_VALUES_TABLE)}`);
  await engine.exec(createExtraValuesSql());
}

/** Back to the sample alone: user tables the sample lacks are dropped, so the two never mix. */
export async function loadSampleOnly(engine: DataEngine): Promise<TableSummary[]> {
  for (const table of TABLE_NAMES) await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(EXTRA_VALUES_TABLE)}`);
  const loaded = await engine.loadSample();
  // Views of the comparison sources query their tables whatever the dataset: give them empty ones.
  for (const table of TABLE_NAMES) await engine.exec(createTableSql(table));
  return loaded;
}

/** Snapshot one table (and its extra columns) as a record, ready to store. */
export async function snapshot(engine: DataEngine, meta: DatasetMeta): Promise<DatasetRecord> {
  const all = sql`SELECT * FROM ${ident(meta.table)}`;
  const ipc = engine.queryBlob ? await engine.queryBlob(all) : await engine.queryIPC(all);
  let extras: Uint8Array | null = null;
  if (await tableExists(engine, EXTRA_VALUES_TABLE)) {
    const n = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${meta.table}`);
    if (Number(n.toArray()[0]?.n ?? 0) > 0) {
      extras = await engine.queryIPC(sql`SELECT * FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${meta.table}`);
    }
  }
  return { version: 1, meta, ipc, extras };
}

/** Put one stored record into DuckDB, replacing the table and its extra values. */
export async function restoreRecord(engine: DataEngine, record: DatasetRecord): Promise<number> {
  const table = record.meta.table;
  // A Blob is read asynchronously, off the main thread, into the bytes the engine takes.
  const ipc = record.ipc instanceof Blob ? new Uint8Array(await record.ipc.arrayBuffer()) : record.ipc;
  const rows = await engine.restoreTable(table, ipc, createTableSql(table).text);
  await engine.exec(createExtraValuesSql());
  await engine.exec(sql`DELETE FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`);
  if (record.extras) {
    const staging = `__restore_extras_${table}`;
    await engine.restoreTable(staging, record.extras, null);
    await engine.exec(sql`INSERT INTO ${ident(EXTRA_VALUES_TABLE)} BY NAME SELECT * FROM ${ident(staging)}`);
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(staging)}`);
  }
  return rows;
}

/** An empty table again (its stored record is gone or was never written). */
export async function emptyTable(engine: DataEngine, table: TableName): Promise<void> {
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  await engine.exec(createTableSql(table));
  if (await tableExists(engine, EXTRA_VALUES_TABLE)) {
    await engine.exec(sql`DELETE FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`);
  }
}

export interface RestoreResult {
  metas: DatasetMeta[];
  tables: TableSummary[];
  ms: number;
}

/** Every stored table into a fresh engine; empty when nothing is stored. A damaged record is skipped, not fatal. */
export async function restoreAll(engine: DataEngine, store: DatasetStore): Promise<RestoreResult> {
  const t0 = performance.now();
  const names = await store.tables();
  const metas: DatasetMeta[] = [];
  const tables: TableSummary[] = [];
  if (names.length === 0) return { metas, tables, ms: 0 };
  await resetToEmpty(engine);
  for (const name of names) {
    const record = await store.load(name);
    if (!record) continue;
    try {
      const rows = await restoreRecord(engine, record);
      metas.push({ ...record.meta, rows });
      tables.push({ table: name, rows });
    } catch (error) {
      console.warn(`restoring ${name} failed; the table starts empty`, error);
      await emptyTable(engine, name);
    }
  }
  return { metas, tables, ms: performance.now() - t0 };
}
