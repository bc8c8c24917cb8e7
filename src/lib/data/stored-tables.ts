// A canonical table between DuckDB and the dataset store, piece by piece (see datasets.ts). Runs
// where DuckDB runs — the engine worker, or Node in tests — so the bytes go from DuckDB's Arrow
// writer to IndexedDB and back without crossing to the page.
import type { Table } from 'apache-arrow';
import { createExtraValuesSql, createTableSql, EXTRA_VALUES_TABLE } from '$lib/import/upsert';
import type { TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { newGeneration, type DatabaseRecord, type DatasetMeta, type DatasetRecord, type DatasetStore, type PieceKind, type StoredDataset } from './datasets';
import { dropRelation } from './relations';
import { concatBytes } from '$lib/platform/bytes';
import { MemoryFile } from '$lib/engine/memory-file';
import { PiecesFile, fileReaderSync, type StoredPiece, type WholeReader } from '$lib/engine/pieces-file';
import { attachDatabaseFile, copyAttachedSql, swapInCopy, writeDatabaseFile, type AttachedTable, type DatabaseFileEngine } from './stored-database';

/**
 * How a table is stored: a DuckDB database file in Blob pieces (what the workbench writes), the
 * same file in byte pieces (what it wrote before; the bench compares them), or Arrow IPC pieces
 * (older still).
 */
export type StoredFormat = 'duckdb' | 'duckdb-bytes' | 'arrow';

/** Pieces of about this size: IndexedDB handles them well, and no single value is huge. */
export const PIECE_BYTES = 32 << 20;

/** What this module needs of the engine: SyncEngine (src/lib/engine/sync-engine.ts). */
export interface PieceEngine extends DatabaseFileEngine {
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
 * them; then delete the previous generation. Resolves with the bytes written. The format is a
 * DuckDB database file unless the caller asks for the older Arrow pieces (the bench compares them).
 */
export async function persistTable(engine: PieceEngine, store: DatasetStore, meta: DatasetMeta, pieceBytes?: number, format: StoredFormat = 'duckdb'): Promise<number> {
  if (format !== 'arrow') return persistDatabase(engine, store, meta, pieceBytes, format === 'duckdb');
  const table = meta.table;
  const generation = newGeneration();
  let bytes = 0;
  const write = async (kind: PieceKind, q: SqlFragment): Promise<number> => {
    let index = 0;
    for await (const piece of engine.stream(q, pieceBytes)) {
      const body = concatBytes(piece);
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

async function persistDatabase(engine: PieceEngine, store: DatasetStore, meta: DatasetMeta, pieceBytes = PIECE_BYTES, asBlobs = true): Promise<number> {
  const table = meta.table;
  const generation = newGeneration();
  const file = await writeDatabaseFile(engine, table);
  let parts = 0;
  try {
    for (let at = 0; at < file.length || parts === 0; at += pieceBytes) {
      // As Blobs (unless sealed): a reopen reads only the slices DuckDB asks for (pieces-file.ts).
      await store.writePiece(table, generation, 'database', parts++, file.slice(at, at + pieceBytes), asBlobs);
    }
    const record: DatabaseRecord = { version: 3, meta, generation, parts, bytes: file.length };
    await store.saveRecord(record);
  } catch (error) {
    await store.dropPieces(table, { only: generation }).catch(() => undefined);
    throw error;
  }
  await store.dropPieces(table, { keep: generation }).catch(() => undefined);
  return file.length;
}

/** A restore's outcome, with where its time went (IndexedDB, including decryption, against DuckDB). */
export interface RestoredTable {
  rows: number;
  /** Set when the table is a view over its attached database file, to be copied into memory later. */
  attached: AttachedTable | null;
  readMs: number;
  loadMs: number;
  /** A database file's pieces as opened (version 3). */
  opened?: OpenedDatabaseFile;
}

/** A version-3 record's database file, ready to attach, and how its pieces came back. */
export interface OpenedDatabaseFile {
  file: MemoryFile;
  /** Pieces that came back as Blobs, read on demand (the rest were bytes: sealed, or written before). */
  lazyPieces: number;
  /** Milliseconds of each piece's IndexedDB get (and unsealing), in order. */
  pieceMs: number[];
}

/**
 * The database file of a version-3 record, its pieces fetched from IndexedDB at once: Blob pieces
 * as handles (their bytes are read when DuckDB asks), byte pieces whole (sealed ones decrypted).
 * Never concatenated: DuckDB reads across the pieces where they are. Needs no engine: the worker
 * may start it while DuckDB is still compiling. A thread that cannot read a Blob synchronously
 * (Node) reads the Blob pieces whole here instead.
 */
export async function openDatabaseFile(
  store: DatasetStore,
  stored: DatabaseRecord,
  onStep: (step: RestoreStep) => void = () => undefined,
  /** How the pieces are read whole in the background (PiecesFile's readWhole). */
  readWhole?: WholeReader,
): Promise<OpenedDatabaseFile> {
  const table = stored.meta.table;
  let done = 0;
  const pieceMs: number[] = [];
  const sync = fileReaderSync();
  const pieces = await Promise.all(
    Array.from({ length: stored.parts }, async (_, i): Promise<StoredPiece> => {
      const t0 = performance.now();
      const got = await store.filePiece(table, stored.generation, 'database', i);
      const piece = got instanceof Uint8Array || sync ? got : new Uint8Array(await got.arrayBuffer());
      pieceMs[i] = performance.now() - t0;
      onStep({ kind: 'database', done: ++done, total: stored.parts });
      return piece;
    }),
  );
  const lazyPieces = pieces.filter((p) => !(p instanceof Uint8Array)).length;
  if (pieces.length === 1 && pieces[0] instanceof Uint8Array) return { file: MemoryFile.of(pieces[0]), lazyPieces, pieceMs };
  const file = new PiecesFile(pieces, { readWhole });
  // Fetched whole in the background from now on (often while DuckDB still compiles); a window
  // DuckDB needs sooner is read on its own. A failed background read leaves the slices to do it.
  if (lazyPieces > 0) file.loadAll().catch((error: unknown) => console.warn(`reading ${table}'s stored file in the background failed; it is read as DuckDB asks`, error));
  return { file, lazyPieces, pieceMs };
}

/**
 * Replace the table (and its extra values) by its stored record. A database file (version 3) is
 * attached read-only and the canonical name bound to it, nothing copied yet (`attached`); Arrow
 * pieces are inserted in one transaction. Either every piece loads, or the table is left as it was.
 */
export async function restoreTableAttached(
  engine: PieceEngine,
  store: DatasetStore,
  stored: StoredDataset,
  onStep: (step: RestoreStep) => void = () => undefined,
  /** How to get a version-3 record's file (default: open it now); the worker passes one it opened early. */
  open?: (store: DatasetStore, stored: DatabaseRecord, onStep: (step: RestoreStep) => void) => Promise<OpenedDatabaseFile>,
): Promise<RestoredTable> {
  const table = stored.meta.table;
  if (stored.version === 3) {
    const t0 = performance.now();
    const opened = await (open ?? openDatabaseFile)(store, stored, onStep);
    const t1 = performance.now();
    const { attached } = await attachDatabaseFile(engine, table, opened.file, (t) => recreateEmpty(engine, t));
    const rows = await count(engine, sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`);
    return { rows, attached, readMs: t1 - t0, loadMs: performance.now() - t1, opened };
  }
  const timing = { readMs: 0, loadMs: 0 };
  const timed = <T>(key: 'readMs' | 'loadMs', run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    return run().finally(() => (timing[key] += performance.now() - t0));
  };
  const rows = await restorePieces(engine, store, stored, onStep, timed);
  return { rows, attached: null, ...timing };
}

/**
 * The stored table as a table in memory, whatever its format (for callers that need no first
 * figure early: the tests, a failed save's undo). Resolves with the row count.
 */
export async function restoreTable(
  engine: PieceEngine,
  store: DatasetStore,
  stored: StoredDataset,
  onStep: (step: RestoreStep) => void = () => undefined,
): Promise<number> {
  const restored = await restoreTableAttached(engine, store, stored, onStep);
  if (restored.attached) {
    await engine.exec(copyAttachedSql(restored.attached));
    await swapInCopy(engine, restored.attached, true);
  }
  return restored.rows;
}

async function restorePieces(
  engine: PieceEngine,
  store: DatasetStore,
  stored: DatasetRecord | Exclude<StoredDataset, DatasetRecord | DatabaseRecord>,
  onStep: (step: RestoreStep) => void,
  timed: <T>(key: 'readMs' | 'loadMs', run: () => Promise<T>) => Promise<T>,
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
        const piece = await timed('readMs', () => store.piece(table, stored.generation, 'rows', i));
        await timed('loadMs', () => insertPieces(engine, table, [piece]));
        onStep({ kind: 'rows', done: i + 1, total: stored.parts });
      }
      for (let i = 0; i < stored.extrasParts; i++) {
        const piece = await timed('readMs', () => store.piece(table, stored.generation, 'extras', i));
        await timed('loadMs', () => insertPieces(engine, EXTRA_VALUES_TABLE, [piece]));
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
