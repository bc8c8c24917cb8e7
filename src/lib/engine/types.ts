import type { Table } from 'apache-arrow';
import type { SqlFragment } from '$lib/sql';
import type { BytePieces } from './pieces-file';

/**
 * What the metric, import and review layers need from DuckDB, whichever DuckDB it is: the
 * browser's worker, or DuckDB-WASM in Node for the report command and the unit tests. The same
 * WASM build runs in both, so the browser and the command line cannot disagree.
 */
export interface Engine {
  /** Run a query and return its result; parameters are bound, never pasted. */
  query(q: SqlFragment): Promise<Table>;
  /** Run statements that return nothing of interest (DDL, INSERT … SELECT). */
  exec(q: SqlFragment): Promise<void>;
  /** Create (or append to) a table from Arrow IPC stream bytes. */
  insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void>;
  /**
   * Make a file readable by SQL (read_csv) under `name`, without copying it whole into the
   * engine: the browser reads the File lazily; pieces (a transcoding) are read where they are, in
   * JavaScript memory. Names must not collide with other imports'.
   */
  registerFile(name: string, file: Blob | BytePieces): Promise<void>;
  dropFile(name: string): Promise<void>;
}

/**
 * Statements on a connection of their own, inside a transaction that ends with commit or
 * rollback (then the connection closes). Its query and exec run there; its files are the
 * database's, as everywhere.
 */
export interface EngineTransaction extends Engine {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Files DuckDB may read: the user's files registered for an import live under this prefix
 * (registered in memory or as a browser File, never a path on disk).
 */
export const ENGINE_FILE_PREFIX = 'workbench-files/';
/** The embedded sample database, attached read-only (src/lib/engine/worker/sample.ts). */
export const SAMPLE_FILE = 'workbench-sample.duckdb';

/**
 * How every engine opens its database. Direct IO lets DuckDB-WASM create a database in an empty
 * registered file (its LoadDatabase treats an empty file as new only then): that is how a stored
 * table is written as a database file (memory-file.ts, data/stored-database.ts).
 */
export const ENGINE_OPEN_CONFIG = { useDirectIO: true } as const;

/**
 * Settings every engine applies right after start, then locks. No extension is ever downloaded
 * or loaded (file-protocol.md); no URL and no file but the workbench's own registered ones can be
 * read (a console query for https://… is refused by DuckDB, not merely failed by the network);
 * and no statement can change these again, whoever types it in the SQL console.
 */
export const ENGINE_STARTUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  `SET allowed_directories = ['${ENGINE_FILE_PREFIX}']`,
  // Attaching checks for a write-ahead log beside the file, too.
  `SET allowed_paths = ['${SAMPLE_FILE}', '${SAMPLE_FILE}.wal']`,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
] as const;
