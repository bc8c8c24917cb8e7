// A canonical table between DuckDB and the dataset store, piece by piece (see datasets.ts). Runs
// where DuckDB runs — the engine worker, or Node in tests — so the bytes go from DuckDB's Arrow
// writer to IndexedDB and back without crossing to the page.
import type { Table } from 'apache-arrow';
import { createExtraValuesSql, createTableSql, EXTRA_VALUES_TABLE } from '$lib/import/upsert';
import type { TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { newGeneration, type DatasetMeta, type DatasetRecord, type DatasetStore, type PieceKind, type StoredDataset } from './datasets';
import { dropRelation } from './relations';

/** What this module needs of the engine: SyncEngine (src/lib/engine/sync-engine.ts). */
export interface PieceEngine {
  query(q: SqlFragment): Promise<Table>;
  exec(q: SqlFragment): Promise<void>;
  /** The result as Arrow IPC stream pieces, each [schema message, record batches…]. */
  stream(q: SqlFragment, pieceBytes?: number): AsyncGenerator<Uint8Array[]>;
  /** Insert IPC stream pieces (an end-of-stream marker is added when missing). */
  insertIPC(table: string, pieces: readonly Uint8Array[], mode: 'create' | 'append'): void;
}

export interface RestoreStep {
  kind: PieceKind;
  done: number;
  total: number;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function count(engine: PieceEngine, q: SqlFragment): Promise<number> {
  const t = await engine.query(q);
  return Number(t.toArray()[0]?.n ?? 0);
}

/** The table as a canonical, empty base table, whatever was bound to its name before (the sample's view). */
export async function recreateEmpty(engine: PieceEngine, table: TableName): Promise<void> {
  await dropRelation(engine, table);
  await engine.exec(createTableSql(table));
}

/**
 * Write the table and its extra values as a new generation of pieces, then the record naming
 * them; then delete the previous generation. Resolves with the bytes written.
 */
export async function persistTable(engine: PieceEngine, store: DatasetStore, meta: DatasetMeta, pieceBytes?: number): Promise<number> {
  const table = meta.table;
  const generation = newGeneration();
  let bytes = 0;
  const write = async (kind: PieceKind, q: SqlFragment): Promise<number> => {
    let index = 0;
    for await (const piece of engine.stream(q, pieceBytes)) {
      const body = concat(piece);
      await store.writePiece(table, generation, kind, index++, body);
      bytes += body.length;
    }
    return index;
  };
  try {
    const parts = await write('rows', sql`SELECT * FROM ${ident(table)}`);
    const hasExtras = (await count(engine, sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ${EXTRA_VALUES_TABLE} AND database_name = current_database()`)) > 0;
    const extrasParts =
      hasExtras && (await count(engine, sql`SELECT count(*)::INTEGER AS n FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`)) > 0
        ? await write('extras', sql`SELECT * FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`)
        : 0;
    const record: DatasetRecord = { version: 2, meta, generation, parts, extrasParts, bytes };
    await store.saveRecord(record);
  } catch (error) {
    // The record still names the previous generation: only this one's pieces go.
    await store.dropPieces(table, { only: generation }).catch(() => undefined);
    throw error;
  }
  await store.dropPieces(table, { keep: generation }).catch(() => undefined);
  return bytes;
}

/**
 * Replace the table (and its extra values) by its stored record, in one transaction: every piece
 * loads, or the table is left as it was. Resolves with the row count.
 */
export async function restoreTable(
  engine: PieceEngine,
  store: DatasetStore,
  stored: StoredDataset,
  onStep: (step: RestoreStep) => void = () => undefined,
): Promise<number> {
  const table = stored.meta.table;
  await engine.exec(createExtraValuesSql());
  await engine.exec(sql`BEGIN TRANSACTION`);
  try {
    await recreateEmpty(engine, table);
    await engine.exec(sql`DELETE FROM ${ident(EXTRA_VALUES_TABLE)} WHERE table_name = ${table}`);
    if (stored.version === 1) {
      await insertPieces(engine, table, [stored.ipc]);
      if (stored.extras) await insertPieces(engine, EXTRA_VALUES_TABLE, [stored.extras]);
    } else {
      for (let i = 0; i < stored.parts; i++) {
        await insertPieces(engine, table, [await store.piece(table, stored.generation, 'rows', i)]);
        onStep({ kind: 'rows', done: i + 1, total: stored.parts });
      }
      for (let i = 0; i < stored.extrasParts; i++) {
        await insertPieces(engine, EXTRA_VALUES_TABLE, [await store.piece(table, stored.generation, 'extras', i)]);
        onStep({ kind: 'extras', done: i + 1, total: stored.extrasParts });
      }
    }
    await engine.exec(sql`COMMIT`);
  } catch (error) {
    await engine.exec(sql`ROLLBACK`).catch(() => undefined);
    throw error;
  }
  return count(engine, sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`);
}

/**
 * Append IPC pieces to a canonical table by position (the pieces were written from SELECT * of
 * the same declaration). A piece written under an older declaration (a column added since) goes
 * through a staging table and INSERT … BY NAME instead.
 */
async function insertPieces(engine: PieceEngine, table: string, pieces: readonly Uint8Array[]): Promise<void> {
  try {
    engine.insertIPC(table, pieces, 'append');
  } catch {
    const staging = `__restore_${table}_${Math.random().toString(36).slice(2, 8)}`;
    engine.insertIPC(staging, pieces, 'create');
    try {
      await engine.exec(sql`INSERT INTO ${ident(table)} BY NAME SELECT * FROM ${ident(staging)}`);
    } finally {
      await engine.exec(sql`DROP TABLE IF EXISTS ${ident(staging)}`);
    }
  }
}
