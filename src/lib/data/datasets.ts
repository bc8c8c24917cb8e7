// The user's imported tables in IndexedDB: one record per canonical table holding the Arrow IPC
// of the whole table (and its unmapped extra columns) together with its metadata. One record is
// written by one IndexedDB put, so the bytes and the metadata can never disagree with each other.
// Why IPC and not the source files: restoring IPC is one Arrow insert, whereas the source files
// would have to be decoded, parsed, coerced and upserted again (see the report for the figures).
import type { TableName } from '$lib/schema';
import { TABLE_NAMES } from '$lib/schema';
import { kv } from '$lib/store';
import type { KvLike } from './kv-like';

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

export interface DatasetRecord {
  /** Record layout version: a future layout is not misread by this code. */
  version: 1;
  meta: DatasetMeta;
  /** Arrow IPC stream bytes; a Blob since the engine writes snapshots itself (older records hold bytes). */
  ipc: Uint8Array | Blob;
  /** The table's rows of import_extra_values, or null when it has none. */
  extras: Uint8Array | null;
}

/** Metadata after an import: the new files appended, the row count replaced. */
export function mergeMeta(previous: DatasetMeta | undefined, table: TableName, rows: number, files: readonly SourceFileRecord[], now: Date): DatasetMeta {
  return {
    table,
    rows,
    sourceFiles: [...(previous?.sourceFiles ?? []), ...files],
    updatedAt: now.toISOString(),
  };
}

function isRecord(value: unknown): value is DatasetRecord {
  const r = value as DatasetRecord | undefined;
  return !!r && r.version === 1 && (r.ipc instanceof Uint8Array || r.ipc instanceof Blob) && !!r.meta && (TABLE_NAMES as string[]).includes(r.meta.table);
}

export function datasetStore(store: KvLike = kv('datasets')) {
  return {
    async tables(): Promise<TableName[]> {
      const keys = await store.keys();
      return TABLE_NAMES.filter((t) => keys.includes(t));
    },
    async load(table: TableName): Promise<DatasetRecord | undefined> {
      const value = await store.get<unknown>(table);
      return isRecord(value) ? value : undefined;
    },
    save(record: DatasetRecord): Promise<void> {
      return store.set(record.meta.table, record);
    },
    remove(table: TableName): Promise<void> {
      return store.delete(table);
    },
    /** Every key of the namespace, whatever table or version wrote it. */
    async clear(): Promise<void> {
      for (const key of await store.keys()) await store.delete(key);
    },
  };
}

export type DatasetStore = ReturnType<typeof datasetStore>;
