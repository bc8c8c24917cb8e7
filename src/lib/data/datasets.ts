// The user's imported tables in IndexedDB. A table is stored as pieces of about 32 MB and one
// small record that names them. The pieces are a DuckDB database file written by the engine
// itself (version 3, data/stored-database.ts): reopening attaches it read-only, as the embedded
// sample is, and copies it into memory in the background. Its pieces are stored as Blobs (bytes
// when the vault seals them, and in records written before), which IndexedDB hands back unread.
// Older records hold Arrow IPC streams (version 2, or one buffer in version 1); they are still
// restored by DuckDB's Arrow insert.
//
// Atomicity without transactions across keys: the pieces of a new snapshot are written under a
// new generation first, the record pointing at them last; the previous generation's pieces are
// deleted after. A failure part-way leaves the previous record and its pieces as they were.
// This module is used from the page (which tables exist, delete, clear) and from the engine
// worker (which writes and reads the pieces, next to DuckDB).
import type { TableName } from '$lib/schema';
import { TABLE_NAMES } from '$lib/schema';
import { kv } from '$lib/store';
import type { KvLike } from './kv-like';
import { shortId } from '$lib/platform/short-id';

export interface SourceFileRecord {
  name: string;
  size: number;
  /** ISO time of the import. */
  importedAt: string;
  rowsRead: number;
  rejected: number;
  replaced: number;
}

export interface DatasetMeta {
  table: TableName;
  /** Rows in the table after the last import. */
  rows: number;
  /** Every file imported into the table, oldest first. */
  sourceFiles: SourceFileRecord[];
  updatedAt: string;
}

/** The record of a stored table as Arrow IPC pieces: its metadata and where its pieces are. Still read; written only on request (the bench compares it). */
export interface DatasetRecord {
  /** Record layout version: a future layout is not misread by this code. */
  version: 2;
  meta: DatasetMeta;
  /** Names this snapshot's pieces (see pieceKey). */
  generation: string;
  /** Pieces of the table's rows, in order. */
  parts: number;
  /** Pieces of its rows of import_extra_values (0 when it has none). */
  extrasParts: number;
  /** Bytes of all pieces, for the storage summary. */
  bytes: number;
}

/**
 * The table as a DuckDB database file (data/stored-database.ts): the table under its own name and
 * its extra values as `extras`, written by the engine itself, split into pieces of about 32 MB.
 * Reopening attaches the file read-only — no row is decoded or inserted before the first figure.
 */
export interface DatabaseRecord {
  version: 3;
  meta: DatasetMeta;
  generation: string;
  /** Pieces of the database file, in order; concatenated they are the file. */
  parts: number;
  bytes: number;
}

/** The layout before pieces: one Arrow IPC buffer of the whole table. Still read, never written. */
export interface LegacyDatasetRecord {
  version: 1;
  meta: DatasetMeta;
  ipc: Uint8Array;
  extras: Uint8Array | null;
}

export type StoredDataset = DatabaseRecord | DatasetRecord | LegacyDatasetRecord;

export type PieceKind = 'rows' | 'extras' | 'database';

/** Metadata after an import: the new files appended, the row count replaced. */
export function mergeMeta(previous: DatasetMeta | undefined, table: TableName, rows: number, files: readonly SourceFileRecord[], now: Date): DatasetMeta {
  return {
    table,
    rows,
    sourceFiles: [...(previous?.sourceFiles ?? []), ...files],
    updatedAt: now.toISOString(),
  };
}

function isTable(value: unknown): value is TableName {
  return (TABLE_NAMES as string[]).includes(value as string);
}

function isStored(value: unknown): value is StoredDataset {
  const r = value as { version?: unknown; meta?: { table?: unknown }; generation?: unknown; parts?: unknown; extrasParts?: unknown; ipc?: unknown } | undefined;
  if (!r || !r.meta || !isTable(r.meta.table)) return false;
  if (r.version === 3) return typeof r.generation === 'string' && Number.isInteger(r.parts);
  if (r.version === 2) return typeof r.generation === 'string' && Number.isInteger(r.parts) && Number.isInteger(r.extrasParts);
  return r.version === 1 && r.ipc instanceof Uint8Array;
}

/** The key of one piece; never equal to a table name, so `tables()` cannot mistake it for a record. */
export function pieceKey(table: TableName, generation: string, kind: PieceKind, index: number): string {
  return `${table}@${generation}:${kind}:${index}`;
}

export function newGeneration(now = Date.now()): string {
  return shortId(now);
}

export function datasetStore(store: KvLike = kv('datasets')) {
  return {
    async tables(): Promise<TableName[]> {
      const keys = await store.keys();
      return TABLE_NAMES.filter((t) => keys.includes(t));
    },
    async load(table: TableName): Promise<StoredDataset | undefined> {
      const value = await store.get<unknown>(table);
      return isStored(value) ? value : undefined;
    },
    async piece(table: TableName, generation: string, kind: PieceKind, index: number): Promise<Uint8Array> {
      const piece = await this.filePiece(table, generation, kind, index);
      return piece instanceof Uint8Array ? piece : new Uint8Array(await piece.arrayBuffer());
    },
    /**
     * A piece as IndexedDB hands it back: a database file's piece written as a Blob comes back as a
     * handle, its bytes unread (engine/pieces-file.ts reads the slices DuckDB asks for).
     */
    async filePiece(table: TableName, generation: string, kind: PieceKind, index: number): Promise<Uint8Array | Blob> {
      const piece = await store.get<unknown>(pieceKey(table, generation, kind, index));
      if (piece instanceof Uint8Array || (typeof Blob !== 'undefined' && piece instanceof Blob)) return piece;
      throw new Error(`stored piece ${pieceKey(table, generation, kind, index)} is missing or damaged`);
    },
    /**
     * Write a piece. With `asBlob` and a store that does not seal, it is stored as a Blob, which
     * IndexedDB keeps as a file of its own and hands back unread; a sealed value is bytes either way.
     */
    writePiece(table: TableName, generation: string, kind: PieceKind, index: number, bytes: Uint8Array, asBlob = false): Promise<void> {
      const blob = asBlob && store.seals?.() === false && typeof Blob !== 'undefined';
      return store.set(pieceKey(table, generation, kind, index), blob ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : bytes);
    },
    /** Point the table's record at a generation whose pieces are all written. */
    saveRecord(record: DatasetRecord | DatabaseRecord): Promise<void> {
      return store.set(record.meta.table, record);
    },
    /** Delete the table's pieces: every generation but `keep`, or only `only`'s. */
    async dropPieces(table: TableName, which: { keep?: string; only?: string } = {}): Promise<void> {
      const prefix = `${table}@`;
      for (const key of await store.keys()) {
        if (!key.startsWith(prefix)) continue;
        const generation = key.slice(prefix.length, key.indexOf(':', prefix.length));
        if (which.keep !== undefined && generation === which.keep) continue;
        if (which.only !== undefined && generation !== which.only) continue;
        await store.delete(key);
      }
    },
    async remove(table: TableName): Promise<void> {
      await store.delete(table);
      await this.dropPieces(table);
    },
    /** Every key of the namespace, whatever table or version wrote it. */
    async clear(): Promise<void> {
      for (const key of await store.keys()) await store.delete(key);
    },
  };
}

export type DatasetStore = ReturnType<typeof datasetStore>;
