// The page's side of the engine worker. Components never see SQL text or the worker: they call
// named queries from the metric layer, which come here as fragments, and get Arrow tables back.
import { transfer, wrap, type Remote } from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import EngineWorker from '../../../workers/engine.worker?worker&inline';
import type { EngineInfo, EngineWorkerApi, TableSummary, UpsertCounts } from '../../../workers/engine-api';
import type { SqlFragment } from '$lib/sql';
import type { Engine } from './types';
import { loadEmbeddedWasm } from './wasm-script';

/** A newer request on the same channel replaced this one before its result was used. */
export class QuerySuperseded extends Error {
  constructor() {
    super('superseded by a newer query');
    this.name = 'QuerySuperseded';
  }
}

export interface EngineStartTimings {
  scriptMs: number;
  workerMs: number;
  info: EngineInfo;
}

export class EngineClient implements Engine {
  private nextId = 1;
  /** The newest request id per channel: an older one still running is cancelled. */
  private readonly latest = new Map<string, number>();

  private constructor(
    private readonly remote: Remote<EngineWorkerApi>,
    private readonly worker: Worker,
    readonly timings: EngineStartTimings,
  ) {}

  static async start(options: { wasmSrc?: string; timeoutMs?: number; prepareSample?: boolean } = {}): Promise<EngineClient> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const t0 = performance.now();
    const wasm = await loadEmbeddedWasm(options.wasmSrc ?? './engine/duckdb-eh.wasm.js', timeoutMs);
    const t1 = performance.now();
    const worker = new EngineWorker();
    const remote = wrap<EngineWorkerApi>(worker);
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(`engine worker failed: ${e.message || 'script error'}`)), { once: true });
    });
    try {
      const info = await Promise.race([
        remote.start({
          wasmBase64: wasm.base64,
          wasmEncoding: wasm.encoding,
          instantiateTimeoutMs: timeoutMs,
          prepareSample: options.prepareSample,
        }),
        failed,
      ]);
      return new EngineClient(remote, worker, { scriptMs: t1 - t0, workerMs: performance.now() - t1, info });
    } catch (error) {
      worker.terminate();
      throw error;
    }
  }

  /**
   * Run a query. With a channel, a newer query on the same channel supersedes this one: it is
   * dropped from the worker's queue (or interrupted) and this call rejects with QuerySuperseded.
   */
  query(q: SqlFragment, channel?: string): Promise<Table> {
    return this.onChannel(channel, (id) => this.remote.query({ id, sql: q.text, params: [...q.params] }));
  }

  /** The SQL console's door: one statement, read-only unless the user opted in to writes. */
  runUserSql(text: string, options: { allowWrites: boolean }, channel = 'sql-console'): Promise<Table> {
    return this.onChannel(channel, (id) => this.remote.runUserSql({ id, sql: text, params: [] }, options));
  }

  private async onChannel(channel: string | undefined, send: (id: number) => Promise<Uint8Array>): Promise<Table> {
    const id = this.nextId++;
    if (channel) {
      const previous = this.latest.get(channel);
      if (previous !== undefined) void this.remote.cancel(previous);
      this.latest.set(channel, id);
    }
    try {
      const bytes = await send(id);
      if (channel && this.latest.get(channel) !== id) throw new QuerySuperseded();
      return tableFromIPC(bytes);
    } catch (error) {
      if (error instanceof QuerySuperseded || (error as Error)?.name === 'QueryCancelled') throw new QuerySuperseded();
      throw error;
    } finally {
      if (channel && this.latest.get(channel) === id) this.latest.delete(channel);
    }
  }

  async exec(q: SqlFragment): Promise<void> {
    await this.remote.exec({ id: this.nextId++, sql: q.text, params: [...q.params] });
  }

  async insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    // Transferred, not copied: the caller hands over the bytes.
    await this.remote.insertArrow(table, transfer(ipc, [ipc.buffer]), mode);
  }

  /** A result as Arrow IPC stream bytes, undecoded: what persistence stores. */
  queryIPC(q: SqlFragment): Promise<Uint8Array> {
    return this.remote.query({ id: this.nextId++, sql: q.text, params: [...q.params] });
  }

  /** A result as Arrow IPC bytes in a Blob made by the worker (see EngineWorkerApi.queryBlob). */
  queryBlob(q: SqlFragment): Promise<Blob> {
    return this.remote.queryBlob({ id: this.nextId++, sql: q.text, params: [...q.params] });
  }

  /** Upsert parsed import batches as one job in the worker (see EngineWorkerApi.upsert). The bytes are handed over. */
  upsert(table: string, batches: Uint8Array[], extras: Uint8Array[]): Promise<UpsertCounts> {
    const buffers = [...new Set([...batches, ...extras].map((b) => b.buffer as ArrayBuffer))];
    return this.remote.upsert(transfer({ table, batches, extras }, buffers));
  }

  /**
   * The Engine interface with every statement cancellable by `signal`: on abort the running
   * statement is interrupted in the worker (statements without bound parameters) or dropped from
   * the queue, and it rejects. For long import work the page must be able to stop.
   */
  cancellable(signal: AbortSignal): Engine {
    const run = async <T>(send: (id: number) => Promise<T>): Promise<T> => {
      if (signal.aborted) throw new QuerySuperseded();
      const id = this.nextId++;
      const onAbort = () => void this.remote.cancel(id);
      signal.addEventListener('abort', onAbort);
      try {
        return await send(id);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    };
    return {
      query: (q) => run(async (id) => tableFromIPC(await this.remote.query({ id, sql: q.text, params: [...q.params] }))),
      exec: (q) => run((id) => this.remote.exec({ id, sql: q.text, params: [...q.params] })),
      insertArrow: (table, ipc, mode) => run(() => this.insertArrow(table, ipc, mode)),
      registerFile: (name, file) => this.registerFile(name, file),
      dropFile: (name) => this.dropFile(name),
    };
  }

  /** Upsert an engine-path import from its staging tables, as one job in the worker. */
  upsertStaged(table: string, rows: string, extras: string | null): Promise<UpsertCounts> {
    return this.remote.upsertStaged({ table, rows, extras });
  }

  /** A File crosses as a handle (structured clone), not a copy; DuckDB reads it lazily. */
  registerFile(name: string, file: Blob): Promise<void> {
    return this.remote.registerFile(name, file);
  }

  dropFile(name: string): Promise<void> {
    return this.remote.dropFile(name);
  }

  /** Replace a table by IPC bytes; resolves with its row count. The bytes are handed over. */
  restoreTable(table: string, ipc: Uint8Array, createSql: string | null): Promise<number> {
    return this.remote.restoreTable(table, transfer(ipc, [ipc.buffer as ArrayBuffer]), createSql);
  }

  loadSample(seed?: number): Promise<TableSummary[]> {
    return this.remote.loadSample(seed);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

export function isSuperseded(error: unknown): boolean {
  return error instanceof QuerySuperseded;
}
