// DuckDB-WASM's synchronous bindings behind the Engine interface. The browser's engine worker and
// Node (the report command, the unit tests) both run DuckDB this way, in the thread that asks: a
// query from the page crosses one worker boundary, not two, and a result leaves as the Arrow IPC
// bytes DuckDB wrote, never decoded and re-encoded on the way.
//
// Cancelling: a statement without bound parameters runs as a pending query that DuckDB executes
// in slices; between slices this yields to the event loop, so a cancel message can arrive and
// interrupt it. A prepared statement (bound parameters) runs in one call and cannot be
// interrupted; it can still be dropped while it waits in the queue (query-queue.ts). Prepared
// statements are kept by their text (statement-cache.ts), which spares the parse; DuckDB still
// binds and plans one with parameters at every run, so a read asked again with the same values
// runs as a statement of its own with them inlined (runPrepared).
import type { DuckDBBindings, DuckDBDataProtocol } from '@duckdb/duckdb-wasm/blocking';
import { RecordBatchReader, tableFromIPC, type Table } from 'apache-arrow';
import { boundLiteral, inlineParams, type SqlFragment, type SqlValue } from '$lib/sql';
import { ENGINE_FILE_PREFIX, SAMPLE_FILE, type Engine } from './types';
import { MEMORY_FILE_PROTOCOL, type MemoryFile } from './memory-file';
import { PiecesFile, type BytePieces } from './pieces-file';
import { isKeptKind, RecentTexts, StatementCache } from './statement-cache';
import { nextTask } from '$lib/platform/next-task';
import { concatBytes } from '$lib/platform/bytes';
import { startStatement } from './statement-log';

/** What an Arrow IPC stream ends with; DuckDB's stream reader inserts once it sees it. */
export const IPC_END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

export class QueryInterrupted extends Error {
  constructor() {
    super('the query was interrupted');
    this.name = 'QueryInterrupted';
  }
}


function plainParams(params: readonly SqlValue[]): unknown[] {
  // The bindings serialise parameters as JSON, which has no BigInt.
  return params.map((p) => (typeof p === 'bigint' ? Number(p) : p));
}

export class SyncEngine implements Engine {
  private readonly statements: StatementCache;
  /** Reads with their values inlined, as asked lately: a repeat gets a statement of its own. */
  private readonly askedBefore = new RecentTexts();

  constructor(
    readonly bindings: DuckDBBindings,
    readonly connection: number,
  ) {
    this.statements = new StatementCache(bindings, connection);
  }

  static connect(bindings: DuckDBBindings): SyncEngine {
    return new SyncEngine(bindings, bindings.connect().useUnsafe((_, id) => id));
  }

  /**
   * Arrow IPC bytes of a statement's result. With a signal, a statement without parameters can
   * be interrupted while it runs: it rejects with QueryInterrupted.
   */
  async run(text: string, params: readonly SqlValue[] = [], signal?: AbortSignal, pace: () => Promise<void> = nextTask): Promise<Uint8Array> {
    if (params.length > 0) return this.runPrepared(text, params);
    const b = this.bindings;
    const probe = startStatement(text, this.heapBytes);
    try {
      if (!signal) return probe.slice(() => b.runQuery(this.connection, text));
      // A pending query answers with the schema message once done; the record batches follow.
      // Between slices `pace` lets other work in (by default: whatever messages have arrived).
      let header = probe.slice(() => pending(() => b.startPendingQuery(this.connection, text, false)));
      while (header === null) {
        await pace();
        if (signal.aborted) this.interrupt();
        header = probe.slice(() => pending(() => b.pollPendingQuery(this.connection)));
      }
      const pieces = [header];
      for (let chunk = this.nextChunk(); chunk.length > 0; chunk = this.nextChunk()) pieces.push(chunk);
      pieces.push(IPC_END_OF_STREAM);
      return concatBytes(pieces);
    } finally {
      probe.end();
    }
  }

  /**
   * Cancel the connection's pending statement and roll it back now. DuckDB ends a cancelled
   * statement's transaction only when the connection next runs something; until then it keeps
   * what the statement wrote, and a table it was creating blocks that name on every other
   * connection ("Catalog write-write conflict"). A trivial statement ends it.
   */
  private interrupt(): never {
    this.bindings.cancelPendingQuery(this.connection);
    try {
      this.bindings.runQuery(this.connection, 'SELECT 1');
    } catch {
      // Inside an explicit transaction (the console's read-only lane) the cancel aborts it, so this
      // fails; that transaction's owner rolls it back.
    }
    throw new QueryInterrupted();
  }

  /** The WASM heap's size (statement-log.ts reports it around long statements). */
  private readonly heapBytes = (): number => {
    try {
      return (this.bindings as unknown as { mod: { HEAPU8: Uint8Array } }).mod.HEAPU8.length;
    } catch {
      return 0;
    }
  };

  /**
   * A statement typed by a person: streamed, so that at most about `cap` rows are fetched (the
   * rest are never produced), and interruptible by `signal` both while it runs and between batches.
   */
  async runCapped(text: string, cap: number, signal: AbortSignal): Promise<{ ipc: Uint8Array; rows: number; truncated: boolean }> {
    const b = this.bindings;
    let header = pending(() => b.startPendingQuery(this.connection, text, true));
    while (header === null) {
      await nextTask();
      if (signal.aborted) this.interrupt();
      header = pending(() => b.pollPendingQuery(this.connection));
    }
    const pieces = [header];
    let rows = 0;
    let truncated = false;
    for (let chunk = this.nextChunk(); chunk.length > 0; chunk = this.nextChunk()) {
      if (rows >= cap) {
        truncated = true;
        // Stop producing rows: the remainder of a streamed result is simply never fetched.
        b.cancelPendingQuery(this.connection);
        break;
      }
      pieces.push(chunk);
      rows += batchRows(header, chunk);
      if (signal.aborted) this.interrupt();
    }
    pieces.push(IPC_END_OF_STREAM);
    return { ipc: concatBytes(pieces), rows, truncated };
  }

  /** The next record batch message of the connection's current result; empty when there is none left. */
  private nextChunk(): Uint8Array {
    let chunk: Uint8Array | null = null;
    while (chunk === null) chunk = pending(() => this.bindings.fetchQueryResults(this.connection));
    return chunk;
  }

  private runPrepared(text: string, params: readonly SqlValue[]): Uint8Array {
    // Logged too (one slice: it cannot be interrupted), so the bench sees every long statement;
    // by its text with placeholders, never with the values in it.
    const probe = startStatement(text, this.heapBytes, { watched: false });
    try {
      // DuckDB binds and plans a prepared statement with parameters again at every run (the
      // overview's headline: 3.3-5.7 ms a run in Node, 20-25 ms in the browser's baseline-tier
      // WASM). A read asked again with the same values gets a statement with them as literals,
      // which a further run only executes (0.75-1.45 ms); values asked once stay bound, since
      // parsing the whole text again for them cost more than the re-planning (3-5 ms in the
      // page). The literals are read as the bound values would be (boundLiteral).
      if (isKeptKind(text)) {
        const inlined = inlineParams(text, params, boundLiteral);
        if (this.statements.has(inlined) || this.askedBefore.seenBefore(inlined)) {
          return probe.slice(() => this.statements.with(inlined, (statement) => this.bindings.runPrepared(this.connection, statement, [])));
        }
      }
      return probe.slice(() => this.statements.with(text, (statement) => this.bindings.runPrepared(this.connection, statement, plainParams(params))));
    } finally {
      probe.end();
    }
  }

  async query(q: SqlFragment): Promise<Table> {
    return tableFromIPC(await this.run(q.text, q.params));
  }

  async exec(q: SqlFragment): Promise<void> {
    await this.run(q.text, q.params);
  }

  async insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    this.insertIPC(table, [ipc], mode);
  }

  /**
   * Insert one Arrow IPC stream given in pieces (a schema message, record batches, …). They go
   * to DuckDB in ONE call: its stream decoder keeps pointers into the bytes it was handed, which
   * the bindings free when the call returns, so a stream fed across calls reads freed memory.
   */
  insertIPC(table: string, pieces: readonly Uint8Array[], mode: 'create' | 'append'): void {
    const parts = endsWithEndOfStream(pieces[pieces.length - 1]) ? pieces : [...pieces, IPC_END_OF_STREAM];
    const bytes = concatBytes(parts);
    this.bindings.insertArrowFromIPCStream(this.connection, bytes, { name: table, create: mode === 'create' });
  }

  /**
   * A result as an Arrow IPC stream in pieces: the schema message first, then record batches,
   * each piece at most about `pieceBytes` (batches are never split). The whole result is never
   * held as one buffer, so a million-row table can be written out piece by piece.
   */
  async *stream(q: SqlFragment, pieceBytes = 32 << 20): AsyncGenerator<Uint8Array[]> {
    const b = this.bindings;
    let header: Uint8Array | null;
    let statement: number | null = null;
    if (q.params.length > 0) {
      // Open until the last batch is fetched: the streamed result belongs to the statement.
      statement = b.createPrepared(this.connection, q.text);
      header = b.sendPrepared(this.connection, statement, plainParams(q.params));
    } else {
      header = b.startPendingQuery(this.connection, q.text, true);
      while (header === null) header = b.pollPendingQuery(this.connection);
    }
    try {
      let piece: Uint8Array[] = [header];
      let size = header.length;
      for (;;) {
        const chunk = this.nextChunk();
        if (chunk.length === 0) break;
        if (size + chunk.length > pieceBytes && piece.length > 1) {
          yield piece;
          piece = [header];
          size = header.length;
        }
        piece.push(chunk);
        size += chunk.length;
      }
      yield piece;
    } finally {
      if (statement !== null) b.closePrepared(this.connection, statement);
    }
  }

  async registerFile(name: string, file: Blob | BytePieces): Promise<void> {
    // Pieces already in JavaScript memory are read where they are (pieces-file.ts).
    if (!(file instanceof Blob)) return this.registerMemoryFile(name, new PiecesFile(file));
    // DuckDB reads the Blob lazily with FileReaderSync, never as one copy.
    this.bindings.registerFileHandle(readableName(name), file, BROWSER_FILEREADER, true);
  }

  registerBuffer(name: string, bytes: Uint8Array): void {
    this.bindings.registerFileBuffer(readableName(name), bytes);
  }

  /** Register a growable file in JavaScript memory that DuckDB may create a database in (memory-file.ts). */
  registerMemoryFile(name: string, file: MemoryFile): void {
    this.bindings.registerFileHandle(readableName(name), file, MEMORY_FILE_PROTOCOL as DuckDBDataProtocol, true);
  }

  async dropFile(name: string): Promise<void> {
    this.bindings.dropFile(name);
    // The runtime's registry keeps JavaScript handles; Node's runtime never forgets them itself.
    (globalThis as { DUCKDB_RUNTIME?: { _files?: Map<string, unknown> } }).DUCKDB_RUNTIME?._files?.delete(name);
  }
}

/**
 * A connection for work behind the page (the save after an import): every statement without
 * parameters runs as a pending query, in DuckDB's slices, and waits on `between` before each next
 * slice, so the page's queries on the other connection get the thread first.
 */
export class BackgroundEngine extends SyncEngine {
  private readonly never = new AbortController().signal;

  constructor(
    bindings: DuckDBBindings,
    connection: number,
    private readonly between: () => Promise<void>,
  ) {
    super(bindings, connection);
  }

  static over(bindings: DuckDBBindings, between: () => Promise<void>): BackgroundEngine {
    return new BackgroundEngine(bindings, bindings.connect().useUnsafe((_, id) => id), between);
  }

  override run(text: string, params: readonly SqlValue[] = [], signal?: AbortSignal, pace?: () => Promise<void>): Promise<Uint8Array> {
    return super.run(text, params, signal ?? this.never, pace ?? this.between);
  }
}

/**
 * A pending query's step. Its errors arrive as DuckDB's JSON error object; they are rethrown in
 * the form every other statement's errors have ("Parser Error: … LINE 1: …"), which the console
 * reads for the kind and the position.
 */
function pending<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw plainDuckDBError(error);
  }
}

export function plainDuckDBError(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.startsWith('{')) return error;
  try {
    const info = JSON.parse(error.message) as { exception_type?: string; exception_message?: string };
    if (!info.exception_type || info.exception_message === undefined) return error;
    const plain = new Error(`${info.exception_type} Error: ${info.exception_message}`);
    plain.stack = error.stack;
    return plain;
  } catch {
    return error;
  }
}

/** Rows in one record batch message (decoded for its length only; the data is not copied). */
function batchRows(header: Uint8Array, chunk: Uint8Array): number {
  let rows = 0;
  for (const batch of RecordBatchReader.from(concatBytes([header, chunk, IPC_END_OF_STREAM]))) rows += batch.numRows;
  return rows;
}

/**
 * DuckDBDataProtocol.BROWSER_FILEREADER, spelled here so the worker does not import the enum's
 * module; the type annotation fails the check if DuckDB ever renumbers it.
 */
const BROWSER_FILEREADER: DuckDBDataProtocol.BROWSER_FILEREADER = 2;

/** Only names the locked engine lets DuckDB read (ENGINE_STARTUP_SQL) can be registered. */
function readableName(name: string): string {
  if (name === SAMPLE_FILE || (name.startsWith(ENGINE_FILE_PREFIX) && !name.includes('..'))) return name;
  throw new Error(`a file DuckDB may read must be named ${ENGINE_FILE_PREFIX}…: ${name}`);
}

function endsWithEndOfStream(piece: Uint8Array | undefined): boolean {
  if (!piece || piece.length < 8) return false;
  const tail = piece.subarray(piece.length - 8);
  return IPC_END_OF_STREAM.every((byte, i) => tail[i] === byte);
}
