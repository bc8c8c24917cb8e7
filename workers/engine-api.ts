// The one contract between the page and the engine worker. The page asks for SQL with bound
// parameters and gets Arrow IPC bytes back (transferred, decoded on the main thread); the dataset
// operations (the sample, stored tables, imports) are named jobs. Both sides import only these types.

import type { EngineWork, StatementTiming } from '../src/lib/engine/statement-log';
import type { StagedTables } from '../src/lib/import/upsert';

/** What the engine worker posts on its port while a watch is set (EngineWorkerApi.watchEngineWork). */
export interface EngineWorkMessage {
  workbenchWork: EngineWork;
}

export type SqlParam = string | number | boolean | null | bigint;

export interface EngineStartOptions {
  /** DuckDB's EH WASM as base64 (from the classic script beside index.html). */
  wasmBase64: string;
  /** 'gzip' when the base64 holds gzip bytes, decompressed in the worker. */
  wasmEncoding: 'gzip' | 'identity';
  /** Give up on instantiation after this long: instantiation hangs forever when it cannot load. */
  instantiateTimeoutMs: number;
}

export interface EngineInfo {
  duckdbVersion: string;
  /** Milliseconds spent in each start step, measured inside the worker. */
  timings: { decodeMs: number; instantiateMs: number; openMs: number };
}

export interface QueryRequest {
  /** Unique per request; `cancel(id)` refers to it. */
  id: number;
  sql: string;
  params: SqlParam[];
  /** Run on this session's connection (beginSession) instead of the page's. */
  session?: number;
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
  /** What an engine-path import staged (import/upsert.ts): dropped by the upsert. */
  staged: StagedTables;
}

export interface UpsertCounts {
  /** Distinct keys written. */
  inserted: number;
  /** Of those, keys that were in the table already. */
  replaced: number;
}

/** The sample's row count per table, written by the build beside the bytes; absent in an older build's sample. */
export interface SampleFacts {
  rows?: Record<string, number>;
}

/**
 * The embedded sample database (a DuckDB file, scripts/build-sample.ts): as its side script holds
 * it, or already decoded by the page's decoder worker (app.html), transferred.
 */
export type SamplePayload = ({ encoding: 'gzip' | 'identity'; base64: string } | { bytes: Uint8Array }) & { facts?: SampleFacts };

export interface RestoreProgress {
  table: string;
  partsDone: number;
  parts: number;
  rows: number;
}

export interface StoredTableResult {
  table: string;
  rows: number;
  /** Milliseconds from the first read to the table being queryable. */
  ms: number;
  /** Of those, reading IndexedDB (and decrypting), and DuckDB's part (attach, or Arrow insert). */
  readMs?: number;
  loadMs?: number;
  /** How the record was stored: a DuckDB database file, or Arrow IPC pieces (older records). */
  format?: 'duckdb' | 'arrow';
}

export interface ConsoleOptions {
  allowWrites: boolean;
  /** The user chose to see personal data: the raw tables, not the masked views. */
  unmasked: boolean;
  rowCap: number;
}

export interface ConsoleResult {
  /** Arrow IPC bytes: at least the first `rowCap` rows (whole batches), all of them when not truncated. */
  ipc: Uint8Array;
  rows: number;
  /** More rows existed than the cap; they were never produced. */
  truncated: boolean;
}

export interface EngineWorkerApi {
  /**
   * Start DuckDB. Idempotent: a second call (the app's, after app.html already started the worker
   * with a plain `{ workbenchStart: options }` message) resolves with the first start; it may then
   * omit the options.
   */
  start(options?: EngineStartOptions): Promise<EngineInfo>;
  /** Arrow IPC bytes of the result. Rejects with an Error named 'QueryCancelled' when cancelled. */
  query(request: QueryRequest): Promise<Uint8Array>;
  /** Statements whose result is not needed (DDL, INSERT … SELECT, transactions). */
  exec(request: QueryRequest): Promise<void>;
  insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void>;
  /** Drop a queued request before it runs, or interrupt it while it runs. True when it was found. */
  cancel(id: number): Promise<boolean>;
  /**
   * A connection of its own with a transaction begun on it, for statements that must commit
   * together while the page's queries go on (a transcoded CSV's parts: import/csv-parts.ts).
   * Returns the session for QueryRequest.session.
   */
  beginSession(): Promise<number>;
  /** COMMIT (or ROLLBACK) the session's transaction and close its connection. */
  endSession(session: number, commit: boolean): Promise<void>;
  /**
   * A statement typed by a person in the SQL console, on the console's own connection and queue:
   * exactly one statement, checked first (console/guard.ts); personal columns masked in the engine
   * unless `unmasked`; streamed and cut at `rowCap` rows; interruptible by cancel. Unless
   * `allowWrites`, it runs inside a transaction that is always rolled back. Rejects with an Error
   * named 'ConsoleRefused' for a statement the console does not run.
   */
  runUserSql(request: QueryRequest, options: ConsoleOptions): Promise<ConsoleResult>;
  /**
   * Upsert an import as ONE queued job, so that no other query runs between its BEGIN and
   * COMMIT (on one connection, an interleaved view query would see the half-done table).
   * The table is untouched when this rejects.
   */
  upsert(request: UpsertRequest): Promise<UpsertCounts>;
  /**
   * Hand over the sample's bytes as soon as the page has them; they are decoded and gunzipped in
   * the background (while DuckDB compiles), and used only if `useSample` is called.
   */
  provideSample(payload: SamplePayload): Promise<void>;
  /** Show the sample: its database attached read-only, the canonical names bound to its tables. */
  useSample(): Promise<TableSummary[]>;
  /** Forget the sample's bytes (a session that has the user's own data never needs them). */
  discardSample(): Promise<void>;
  /**
   * Load one of the user's stored tables from IndexedDB into the engine (read and inserted piece
   * by piece, in this worker). `onProgress` is a comlink proxy. The table is replaced only when
   * every piece loaded; a damaged record rejects and leaves the table empty.
   */
  restoreStored(table: string, onProgress?: (p: RestoreProgress) => void): Promise<StoredTableResult>;
  /**
   * Start reading these stored tables' database files from IndexedDB now (in this order), while
   * DuckDB may still be compiling; `restoreStored` uses what was read. Never rejects for a read that
   * fails: restoreStored then reads again itself.
   */
  prefetchStored(tables: string[]): Promise<void>;
  /**
   * Write a table (and its extra values) to IndexedDB as the stored record of `meta` (a
   * DatasetMeta): a DuckDB database file in Blob pieces; for the bench, the same file in byte pieces
   * ('duckdb-bytes', the form written before) or Arrow IPC pieces ('arrow').
   */
  persistTable(meta: unknown, format?: 'duckdb' | 'duckdb-bytes' | 'arrow'): Promise<{ bytes: number; ms: number }>;
  /** For the bench: what reading a restored table's Blob pieces on demand has cost so far (null once it is in memory, or when read whole). */
  lazyReads(table: string): Promise<{ sliceReads: number; sliceBytes: number; sliceMs: number; piecesLoaded: number } | null>;
  /** Make a user's file readable by DuckDB under `name` (read lazily, never copied whole), or UTF-8 pieces (transferred). */
  registerFile(name: string, file: Blob | Uint8Array[]): Promise<void>;
  /** Receive an import's parts on `port`, straight from the import worker (engine/part-lane.ts). */
  openLane(lane: string, port: MessagePort): void;
  /** Register part `index` of `lane` as `name`, behind the bytes `before`, once it has come. */
  registerLanePart(name: string, lane: string, index: number, before: Uint8Array[]): Promise<void>;
  /** Drop what the lane still holds and close it. */
  closeLane(lane: string): void;
  dropFile(name: string): Promise<void>;
  /**
   * Upsert an engine-path import from its staging tables (import/staged-csv.ts) as ONE queued
   * job, like `upsert`; the staging tables are dropped whatever happens.
   */
  upsertStaged(request: StagedUpsertRequest): Promise<UpsertCounts>;
  /**
   * An import is under way (true) or over (false): the background copies into memory (the
   * sample's, a restored table's) wait meanwhile, so they do not take the thread from it (the
   * sample's, which an import will replace, took seconds of it).
   */
  importUnderWay(underWay: boolean): Promise<void>;
  /**
   * Run DuckDB's CSV reader once over a small made-up export, so a user's first import does not
   * pay for readying it; once per engine. Milliseconds taken, or null when an import was under way.
   */
  warmCsvReader(): Promise<number | null>;
  /**
   * From this call on, post what DuckDB does as `{ workbenchWork: EngineWork }` messages on the
   * worker's own port, from inside the statement doing it: the bytes it has read from files, after
   * each read, and the steps of the statement running, after each step (an import's progress during
   * its long read_csv and its checks). The port is the one comlink answers on, so a statement's
   * last report always arrives before its result; through a comlink proxy (a port of its own) it
   * could arrive after, and a check's count then stepped back. False stops.
   */
  watchEngineWork(watch: boolean): Promise<void>;
  /** The store's key (src/lib/store/vault.ts) for this worker's reads and writes of table pieces; null to forget it. */
  useStoreKey(key: CryptoKey | null): Promise<void>;
  /**
   * The worker's own performance marks (engine:*) as wall-clock milliseconds (timeOrigin + time),
   * so the page can place them on its timeline: where an open's time goes, for the benchmark.
   */
  marks(): Promise<{ name: string; epochMs: number; detail?: unknown }[]>;
  /**
   * Statements of 20 ms or more that ran since `sinceEpochMs` (wall clock), each split into DuckDB's
   * slices, the pauses between them and its file reads (engine/statement-log.ts): for the bench.
   */
  statementTimings(sinceEpochMs: number): Promise<(StatementTiming & { epochMs: number })[]>;
}
