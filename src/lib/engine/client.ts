// The page's side of the engine worker. Components never see SQL text or the worker: they call
// named queries from the metric layer, which come here as fragments, and get Arrow tables back.
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import type {
  ConsoleOptions,
  EngineInfo,
  EngineWorkerApi,
  EngineWorkMessage,
  RestoreProgress,
  SampleFacts,
  SamplePayload,
  StoredTableResult,
  TableSummary,
  UpsertCounts,
} from '../../../workers/engine-api';
import type { SqlFragment } from '$lib/sql';
import { scriptWorker, takeScriptPayload, type BinaryPayload } from '$lib/platform/classic-script';
import { carriedBase64, type CarriedPayload } from '$lib/platform/payload';
import type { Engine, EngineTransaction } from './types';
import type { BytePieces } from './pieces-file';
import type { LanePart } from './part-lane';
import type { EngineWork } from './statement-log';
import type { StagedTables } from '$lib/import/upsert';
import { readKey, SharedReads } from './shared-reads';
import { ForegroundGate } from './foreground-gate';

/** Side scripts beside index.html (scripts/embed-wasm.mjs, scripts/build-sample.ts). */
export const WASM_SCRIPT = 'engine/duckdb-eh.wasm.js';
export const SAMPLE_SCRIPT = 'engine/sample.js';

/** A newer request on the same channel replaced this one before its result was used. */
export class QuerySuperseded extends Error {
  constructor() {
    super('superseded by a newer query');
    this.name = 'QuerySuperseded';
  }
}

export interface QueryOptions {
  /**
   * What sits below the page's figures (a record table): sent once none of the page's other
   * queries waits for its answer (foreground-gate.ts).
   */
  background?: boolean;
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
  /** Identical reads running at once are asked of the worker once (shared-reads.ts). */
  private readonly reads = new SharedReads<Uint8Array>((id) => void this.remote.cancel(id));
  /** How to give up a request that is a member of a shared read, by the caller's id. */
  private readonly memberships = new Map<number, () => void>();
  /** Background queries wait here for the foreground ones (foreground-gate.ts). */
  private readonly gate = new ForegroundGate();

  private constructor(
    private readonly remote: Remote<EngineWorkerApi>,
    private readonly worker: Worker,
    readonly timings: EngineStartTimings,
    /** The sample's bytes on their way to the worker, once asked for. */
    private sampleProvision: Promise<void> | null,
  ) {
    // The engine's reports of its work come on the port its answers take (watchEngineWork).
    worker.addEventListener('message', (event: MessageEvent) => {
      const work = (event.data as Partial<EngineWorkMessage> | null)?.workbenchWork;
      if (work) this.onWork?.(work);
    });
  }

  /** Told what DuckDB does while a watch is set (watchEngineWork). */
  private onWork: ((work: EngineWork) => void) | null = null;

  /**
   * Start the engine worker and DuckDB in it. When `sampleWanted` resolves true, the sample's
   * bytes are loaded and handed to the worker at once, so that they are decoded while DuckDB
   * compiles rather than after.
   */
  static async start(options: { timeoutMs?: number; sampleWanted?: Promise<boolean>; storedTables?: Promise<readonly string[]> } = {}): Promise<EngineClient> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const t0 = performance.now();
    // Usually app.html has started the worker and handed it the WASM already; otherwise (dev
    // tools, an old page) the app does it here.
    const preloaded = await globalThis.__workbenchPreload?.engineWorker?.catch(() => undefined);
    const [wasm, worker] = preloaded
      ? [null, preloaded]
      : await Promise.all([takeScriptPayload<CarriedPayload>(WASM_SCRIPT, 'duckdb-eh.wasm').then(binaryPayload), scriptWorker('engine-worker')]);
    const t1 = performance.now();
    performance.mark('workbench:engine-scripts', { detail: { ms: t1 - t0 } });
    const remote = wrap<EngineWorkerApi>(worker);
    // app.html may have handed the worker the sample's bytes already (it checked IndexedDB first);
    // otherwise they are sent once the caller knows it wants them.
    const preloadedSample = (preloaded && globalThis.__workbenchPreload?.sample?.catch(() => null)) || Promise.resolve(null);
    const sampleProvision = preloadedSample.then(async (handedOver) => {
      if (handedOver) return;
      if (options.sampleWanted && (await options.sampleWanted)) return provideSampleTo(remote);
      throw new Error('the sample was not wanted at start');
    });
    // Asked for later (useSample) when it was not wanted at start: not an error now.
    sampleProvision.catch(() => undefined);
    // The user's stored tables are read from IndexedDB while DuckDB compiles (a cache: best effort).
    void options.storedTables
      ?.then((names) => (names.length > 0 ? remote.prefetchStored([...names]) : undefined))
      .catch(() => undefined);
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(`engine worker failed: ${e.message || 'script error'}`)), { once: true });
    });
    try {
      const info = await Promise.race([
        remote.start(wasm ? { wasmBase64: wasm.base64, wasmEncoding: wasm.encoding, instantiateTimeoutMs: timeoutMs } : undefined),
        failed,
      ]);
      return new EngineClient(remote, worker, { scriptMs: t1 - t0, workerMs: performance.now() - t1, info }, sampleProvision);
    } catch (error) {
      worker.terminate();
      throw error;
    }
  }



  /**
   * Run a query. With a channel, a newer query on the same channel supersedes this one: it is
   * dropped from the worker's queue (or interrupted) and this call rejects with QuerySuperseded.
   */
  query(q: SqlFragment, channel?: string, options: QueryOptions = {}): Promise<Table> {
    return this.onChannel(channel, async (id) => {
      if (options.background) {
        await this.gate.quiet();
        if (channel && this.latest.get(channel) !== id) throw new QuerySuperseded();
      }
      const leave = options.background ? null : this.gate.enter();
      try {
        const params = [...q.params];
        const membership = this.reads.join(readKey(q.text, params), () => this.nextId++, (requestId) => this.remote.query({ id: requestId, sql: q.text, params }));
        this.memberships.set(id, membership.leave);
        return await membership.result;
      } finally {
        this.memberships.delete(id);
        leave?.();
      }
    });
  }

  /**
   * The SQL console's door (see EngineWorkerApi.runUserSql). A newer console statement supersedes
   * this one; `signal` interrupts it. The table holds at most `rowCap` rows.
   */
  async runUserSql(
    text: string,
    options: ConsoleOptions,
    signal?: AbortSignal,
    channel = 'sql-console',
  ): Promise<{ table: Table; truncated: boolean }> {
    let truncated = false;
    // With writes allowed a console statement may change what a read sees.
    if (options.allowWrites) this.writing();
    const onAbort = () => {
      const id = this.latest.get(channel);
      if (id !== undefined) void this.remote.cancel(id);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const table = await this.onChannel(channel, async (id) => {
        const result = await this.remote.runUserSql({ id, sql: text, params: [] }, options);
        truncated = result.truncated;
        return result.ipc;
      });
      // Whole batches arrive; the cap is exact on screen and in exports.
      return { table: truncated && table.numRows > options.rowCap ? table.slice(0, options.rowCap) : table, truncated };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async onChannel(channel: string | undefined, send: (id: number) => Promise<Uint8Array>): Promise<Table> {
    const id = this.nextId++;
    if (channel) {
      const previous = this.latest.get(channel);
      if (previous !== undefined) this.giveUp(previous);
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

  /** A superseded request: leave its shared read (cancelled once nobody waits), or cancel it. */
  private giveUp(id: number): void {
    const leave = this.memberships.get(id);
    if (leave) leave();
    else void this.remote.cancel(id);
  }

  /** Whatever may change the data: a read asked after it never joins one asked before. */
  private writing(): void {
    this.reads.invalidate();
  }

  async exec(q: SqlFragment): Promise<void> {
    this.writing();
    await this.remote.exec({ id: this.nextId++, sql: q.text, params: [...q.params] });
  }

  async insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    this.writing();
    // Transferred, not copied: the caller hands over the bytes.
    await this.remote.insertArrow(table, transfer(ipc, [ipc.buffer]), mode);
  }

  /** Upsert parsed import batches as one job in the worker (see EngineWorkerApi.upsert). The bytes are handed over. */
  upsert(table: string, batches: Uint8Array[], extras: Uint8Array[]): Promise<UpsertCounts> {
    this.writing();
    const buffers = [...new Set([...batches, ...extras].map((b) => b.buffer as ArrayBuffer))];
    return this.remote.upsert(transfer({ table, batches, extras }, buffers));
  }

  /**
   * The Engine interface with every statement cancellable by `signal`: on abort the running
   * statement is interrupted in the worker (statements without bound parameters) or dropped from
   * the queue, and it rejects. For long import work the page must be able to stop. With
   * `session`, query and exec run on that session's connection (transaction).
   */
  cancellable(signal: AbortSignal, session?: number): Engine {
    const run = async <T>(send: (id: number) => Promise<T>): Promise<T> => {
      if (signal.aborted) throw new QuerySuperseded();
      this.writing();
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
      query: (q) => run(async (id) => tableFromIPC(await this.remote.query({ id, sql: q.text, params: [...q.params], session }))),
      exec: (q) => run((id) => this.remote.exec({ id, sql: q.text, params: [...q.params], session })),
      insertArrow: (table, ipc, mode) => run(() => this.insertArrow(table, ipc, mode)),
      registerFile: (name, file) => this.registerFile(name, file),
      dropFile: (name) => this.dropFile(name),
    };
  }

  /**
   * A transaction on a connection of its own (EngineService.beginSession), its statements
   * cancellable by `signal` as `cancellable`'s are. Files belong to the database: they are
   * registered as on the page's connection.
   */
  async transaction(signal: AbortSignal): Promise<EngineTransaction> {
    if (signal.aborted) throw new QuerySuperseded();
    this.writing();
    const session = await this.remote.beginSession();
    const inSession = this.cancellable(signal, session);
    let ended = false;
    const end = async (commit: boolean) => {
      if (ended) return;
      ended = true;
      await this.remote.endSession(session, commit);
    };
    return { ...inSession, commit: () => end(true), rollback: () => end(false) };
  }

  /** Upsert an engine-path import from its staging tables, as one job in the worker. */
  upsertStaged(table: string, staged: StagedTables): Promise<UpsertCounts> {
    this.writing();
    return this.remote.upsertStaged({ table, staged });
  }

  /** Bind the canonical tables to the sample (its bytes are loaded now if they were not at start). */
  async useSample(): Promise<TableSummary[]> {
    this.writing();
    const provision = this.sampleProvision?.then(
      () => undefined,
      () => provideSampleTo(this.remote),
    );
    this.sampleProvision = provision ?? provideSampleTo(this.remote);
    await this.sampleProvision;
    return this.remote.useSample();
  }

  /** Let the sample go (an import replaced it): a later useSample loads its bytes again. */
  discardSample(): Promise<void> {
    this.writing();
    this.sampleProvision = null;
    return this.remote.discardSample();
  }

  /** An import is under way (true) or over (false): background copies into memory wait meanwhile. */
  importUnderWay(underWay: boolean): Promise<void> {
    return this.remote.importUnderWay(underWay);
  }

  /** Ready DuckDB's CSV reader for the first import (see EngineWorkerApi); once per engine. */
  warmCsvReader(): Promise<number | null> {
    return this.remote.warmCsvReader();
  }

  /** What DuckDB does from now on, told as it does it (null stops); see EngineWorkerApi. */
  watchEngineWork(onWork: ((work: EngineWork) => void) | null): Promise<void> {
    this.onWork = onWork;
    return this.remote.watchEngineWork(onWork !== null);
  }

  /** One stored table from IndexedDB into the engine, read and inserted inside the worker. */
  restoreStored(table: string, onProgress?: (p: RestoreProgress) => void): Promise<StoredTableResult> {
    this.writing();
    return this.remote.restoreStored(table, onProgress ? proxy(onProgress) : undefined);
  }

  /** Write a table to IndexedDB from inside the worker (see datasets.ts for the layout). */
  persistTable(meta: unknown, format?: 'duckdb' | 'duckdb-bytes' | 'arrow'): Promise<{ bytes: number; ms: number }> {
    return this.remote.persistTable(meta, format);
  }

  lazyReads(table: string): ReturnType<EngineWorkerApi['lazyReads']> {
    return this.remote.lazyReads(table);
  }

  registerFile(name: string, file: Blob | BytePieces): Promise<void> {
    this.writing();
    if (file instanceof Blob) return this.remote.registerFile(name, file);
    // Moved, not copied: the pieces are the import's transcoding, of no further use here.
    const pieces = [...file];
    return this.remote.registerFile(name, transfer(pieces, [...new Set(pieces.map((p) => p.buffer as ArrayBuffer))]));
  }

  dropFile(name: string): Promise<void> {
    this.writing();
    return this.remote.dropFile(name);
  }

  /**
   * A new part lane (part-lane.ts): one end goes to the engine worker now, the other is for the
   * import worker, which sends the parts on it.
   */
  openPartLane(): { lane: string; port: MessagePort } {
    const channel = new MessageChannel();
    const lane = `lane-${this.nextId++}`;
    void this.remote.openLane(lane, transfer(channel.port2, [channel.port2]));
    return { lane, port: channel.port1 };
  }

  registerLanePart(name: string, part: LanePart, before: Uint8Array[]): Promise<void> {
    this.writing();
    return this.remote.registerLanePart(name, part.lane, part.index, transfer(before, before.map((b) => b.buffer as ArrayBuffer)));
  }

  closeLane(lane: string): void {
    void this.remote.closeLane(lane);
  }

  useStoreKey(key: CryptoKey | null): Promise<void> {
    return this.remote.useStoreKey(key);
  }

  /** The worker's marks on this page's timeline (milliseconds since navigation), for the benchmark. */
  async workerMarks(): Promise<{ name: string; startTime: number; detail?: unknown }[]> {
    return (await this.remote.marks()).map((m) => ({ name: m.name, startTime: m.epochMs - performance.timeOrigin, detail: m.detail }));
  }

  /** The worker's long statements since `since` (this page's performance.now()), for the bench. */
  statementTimings(since: number): ReturnType<EngineWorkerApi['statementTimings']> {
    return this.remote.statementTimings(performance.timeOrigin + since);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/** Load the sample's side script and hand its bytes to the worker (decoded there, in the background). */
async function provideSampleTo(remote: Remote<EngineWorkerApi>): Promise<void> {
  const carried = await takeScriptPayload<CarriedPayload & { facts?: SampleFacts }>(SAMPLE_SCRIPT, 'sample');
  const payload: SamplePayload = { ...binaryPayload(carried), facts: carried.facts };
  await remote.provideSample(payload);
}

function binaryPayload(payload: CarriedPayload): BinaryPayload {
  return { encoding: payload.encoding, base64: carriedBase64(payload.base64) };
}

export function isSuperseded(error: unknown): boolean {
  return error instanceof QuerySuperseded;
}
