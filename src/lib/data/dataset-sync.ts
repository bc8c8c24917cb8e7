// What the loaded data is, from the page's side: the sample, the user's stored tables (restored
// inside the engine worker, tickets first), or empty tables awaiting a first import. The bytes
// themselves never come to the page: the worker moves them between DuckDB and IndexedDB.
import type { Table } from 'apache-arrow';
import { createTableSql, EXTRA_VALUES_TABLE } from '$lib/import';
import { createExtraValuesSql, type StagedTables } from '$lib/import/upsert';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import type { RestoreProgress, StoredTableResult, TableSummary, UpsertCounts } from '../../../workers/engine-api';
import type { DatasetMeta, DatasetStore } from './datasets';
import { dropBound, dropRelation, dropRelationSql, dropSampleCopiesSql } from './relations';

/** What this module needs of EngineClient; tests may hand in a fake. */
export interface DataEngine {
  query(q: SqlFragment): Promise<Table>;
  exec(q: SqlFragment): Promise<void>;
  upsert(table: string, batches: Uint8Array[], extras: Uint8Array[]): Promise<UpsertCounts>;
  /** Upsert from the staging tables an engine-path import left (import/staged-csv.ts). */
  upsertStaged(table: string, staged: StagedTables): Promise<UpsertCounts>;
  useSample(): Promise<TableSummary[]>;
  restoreStored(table: string, onProgress?: (p: RestoreProgress) => void): Promise<StoredTableResult>;
  persistTable(meta: DatasetMeta): Promise<{ bytes: number; ms: number }>;
}

/** The order stored tables come back in: the overview's tickets first, so its figures wait for nothing else. */
export const RESTORE_ORDER: readonly TableName[] = ['tickets', ...TABLE_NAMES.filter((t) => t !== 'tickets')];

export async function countRows(engine: DataEngine, table: string): Promise<number> {
  const r = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`);
  return Number(r.toArray()[0]?.n ?? 0);
}

/**
 * Every canonical table present and empty, no extras: the start of a user session. On an engine
 * just opened (`freshEngine`) nothing is bound yet, so nothing is looked up or dropped: at a
 * reopen these statements stand between the engine's open and the stored tickets.
 */
export async function resetToEmpty(engine: DataEngine, options: { freshEngine?: boolean } = {}): Promise<void> {
  // One statement list, one round trip: at a reopen, six crossings to the worker on DuckDB's
  // cold code took about 0.3 s before the stored tickets' restore could begin.
  const creates = join([...TABLE_NAMES.map(createTableSql), createExtraValuesSql()], '; ');
  if (options.freshEngine) return engine.exec(creates);
  // Called when an import replaces the sample, whose names are views (sample.ts): its drops go
  // in the same list. One at a time, they were six crossings before the create list, each
  // waiting for the page (about 40 ms of a 1M-row import's tail).
  // With them go the earlier imports' extra values and the sample's copies in memory (246 MB of
  // DuckDB's memory after a cold open's copies, .probe/copies.mts): nothing reads them once user
  // data holds the names.
  const dropLeftovers = join([sql`DROP TABLE IF EXISTS ${ident(EXTRA_VALUES_TABLE)}`, dropSampleCopiesSql(TABLE_NAMES)], '; ');
  try {
    await engine.exec(join([...TABLE_NAMES.map((table) => dropRelationSql(table, 'VIEW')), dropLeftovers, creates], '; '));
  } catch {
    // A name bound to a table: DuckDB refused its drop and ran nothing after it. Every statement
    // is idempotent, so each name is dropped again as whatever it is bound to, then all created.
    for (const table of TABLE_NAMES) await dropBound(engine, table, 'VIEW');
    await engine.exec(dropLeftovers);
    await engine.exec(creates);
  }
}

/**
 * Back to the sample alone: user tables are dropped, so the two never mix. An engine just opened
 * holds no table yet (`freshEngine`): the drop is skipped there, as it is the first statement
 * DuckDB would run and stands between the open and the first figure.
 */
export async function loadSampleOnly(engine: DataEngine, options: { freshEngine?: boolean } = {}): Promise<TableSummary[]> {
  if (!options.freshEngine) await engine.exec(sql`DROP TABLE IF EXISTS ${ident(EXTRA_VALUES_TABLE)}`);
  return engine.useSample();
}

/** An empty table again (its stored record is gone or was never written). */
export async function emptyTable(engine: DataEngine, table: TableName): Promise<void> {
  await dropRelation(engine, table);
  await engine.exec(createTableSql(table));
  await engine.exec(createExtraValuesSql());
  await engine.exec(sql`DELETE FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`);
}

export interface RestoredTable {
  meta: DatasetMeta;
  rows: number;
  ms: number;
  /** Where the time went (StoredTableResult), for the bench's marks. */
  readMs?: number;
  loadMs?: number;
  format?: 'duckdb' | 'arrow';
}

export interface RestoreFailure {
  table: TableName;
  detail: string;
}

/**
 * Each stored table into the engine, in RESTORE_ORDER; `onTable` hears of each as soon as it is
 * queryable. A table whose record cannot be restored starts empty, its record is kept (a later
 * version or a fixed bug may read it) and the failure is returned so the page can say so.
 */
export async function restoreStoredTables(
  engine: DataEngine,
  store: DatasetStore,
  names: readonly TableName[],
  onTable: (restored: RestoredTable) => void,
  onProgress?: (p: RestoreProgress) => void,
): Promise<RestoreFailure[]> {
  const failures: RestoreFailure[] = [];
  for (const name of RESTORE_ORDER.filter((t) => names.includes(t))) {
    try {
      const record = await store.load(name);
      if (!record) throw new Error('the stored record is damaged or of an unknown version');
      const result = await engine.restoreStored(name, onProgress);
      onTable({ meta: { ...record.meta, rows: result.rows }, rows: result.rows, ms: result.ms, readMs: result.readMs, loadMs: result.loadMs, format: result.format });
    } catch (error) {
      console.error(`restoring ${name} failed; it starts empty and its stored record is kept`, error);
      failures.push({ table: name, detail: error instanceof Error ? error.message : String(error) });
      await emptyTable(engine, name).catch(() => undefined);
    }
  }
  return failures;
}
