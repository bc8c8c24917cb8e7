// The one contract between the page and the engine worker. The page asks for SQL with bound
// parameters and gets Arrow IPC stream bytes back (transferred, decoded on the main thread);
// nothing else crosses. Both sides import only these types.

export type SqlParam = string | number | boolean | null | bigint;

export interface EngineStartOptions {
  /** DuckDB's EH WASM as base64 (from the classic script beside index.html). */
  wasmBase64: string;
  /** 'gzip' when the base64 holds gzip bytes, decompressed in the worker. */
  wasmEncoding: 'gzip' | 'identity';
  /** Give up on instantiation after this long: db.instantiate() hangs forever when it cannot load. */
  instantiateTimeoutMs: number;
  /** Generate the sample dataset while DuckDB instantiates (the page has no data of its own). */
  prepareSample?: boolean;
}

export interface EngineInfo {
  duckdbVersion: string;
  /** Milliseconds spent in each start step, measured inside the worker. */
  timings: { decodeMs: number; instantiateMs: number; connectMs: number };
}

export interface QueryRequest {
  /** Unique per request; `cancel(id)` refers to it. */
  id: number;
  sql: string;
  params: SqlParam[];
}

export interface TableSummary {
  table: string;
  rows: number;
}

export interface UpsertRequest {
  /** A canonical table name (schema TableName). */
  table: string;
  /** Arrow IPC stream batches of the typed rows (import core's ParsedImport.batches). */
  batches: Uint8Array[];
  /** Arrow IPC batches of the unmapped columns, kept in the extras table. */
  extras: Uint8Array[];
}

export interface StagedUpsertRequest {
  table: string;
  /** Staging table of typed rows (canonical columns + __seq). */
  rows: string;
  /** Staging table of the unmapped columns, or null. */
  extras: string | null;
}

export interface UpsertCounts {
  /** Distinct keys written. */
  inserted: number;
  /** Of those, keys that were in the table already. */
  replaced: number;
}

export interface EngineWorkerApi {
  start(options: EngineStartOptions): Promise<EngineInfo>;
  /** Arrow IPC stream bytes of the result. Rejects with an Error named 'QueryCancelled' when cancelled. */
  query(request: QueryRequest): Promise<Uint8Array>;
  /**
   * A result as Arrow IPC stream bytes wrapped in a Blob made in the worker: what persistence
   * stores. A Blob crosses as a handle and IndexedDB keeps it without the page serializing the
   * bytes (a million-row table held the main thread for seconds as an ArrayBuffer).
   */
  queryBlob(request: QueryRequest): Promise<Blob>;
  /** Statements whose result is not needed (DDL, INSERT … SELECT, transactions). */
  exec(request: QueryRequest): Promise<void>;
  insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void>;
  /** Drop a queued request before it runs, or interrupt it while it runs. True when it was found. */
  cancel(id: number): Promise<boolean>;
  /**
   * A statement typed by a person in the SQL console: exactly one statement (it is prepared,
   * so `a; b` is refused). Unless `allowWrites`, it runs inside a transaction that is always
   * rolled back, so it cannot change the imported tables whatever it says.
   */
  runUserSql(request: QueryRequest, options: { allowWrites: boolean }): Promise<Uint8Array>;
  /**
   * Upsert an import as ONE queued job, so that no other query runs between its BEGIN and
   * COMMIT (on one connection, an interleaved view query would see the half-done table).
   * The table is untouched when this rejects.
   */
  upsert(request: UpsertRequest): Promise<UpsertCounts>;
  /**
   * Replace a table by Arrow IPC bytes (persisted earlier from `query`), as one job. With
   * `createSql` the table is created by that statement first and the rows inserted into it,
   * so its column types are the declared ones rather than whatever Arrow round-tripped to.
   */
  restoreTable(table: string, ipc: Uint8Array, createSql: string | null): Promise<number>;
  /**
   * Make a user's file readable by read_csv under `name` (import engine path). The browser's
   * DuckDB reads the File lazily in slices: it is never copied whole into the WASM heap.
   */
  registerFile(name: string, file: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Upsert an engine-path import from its staging tables (import/staged-csv.ts) as ONE queued
   * job, like `upsert`; the staging tables are dropped whatever happens.
   */
  upsertStaged(request: StagedUpsertRequest): Promise<UpsertCounts>;
  /** Generate the seeded sample dataset inside the worker and load it as the canonical tables. */
  loadSample(seed?: number): Promise<TableSummary[]>;
}
