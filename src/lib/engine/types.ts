import type { Table } from 'apache-arrow';
import type { SqlFragment } from '$lib/sql';

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
   * engine: the browser reads the File lazily. Names must not collide with other imports'.
   */
  registerFile(name: string, file: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
}

/** Settings every engine applies right after start (file-protocol.md: no extension downloads). */
export const ENGINE_STARTUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
] as const;
