// The engine worker's implementation of the contract in workers/engine-api.ts. DuckDB runs here,
// in this thread, through its synchronous bindings (sync-engine.ts): a query is one message in and
// one transferred buffer of DuckDB's own Arrow bytes out. Jobs run one at a time in arrival order
// (query-queue.ts); between jobs the queue yields, so a cancel or a newer brush step is seen
// before the next job starts.
import { transfer } from 'comlink';
import type {
  ConsoleOptions,
  ConsoleResult,
  EngineInfo,
  EngineStartOptions,
  EngineWorkerApi,
  EngineWorkMessage,
  QueryRequest,
  RestoreProgress,
  SamplePayload,
  StagedUpsertRequest,
  StoredTableResult,
  TableSummary,
  UpsertCounts,
  UpsertRequest,
} from '../../../../workers/engine-api';
import { datasetStore, type DatabaseRecord, type DatasetMeta, type DatasetStore } from '$lib/data/datasets';
import { keyRing } from '$lib/store/vault';
import { openDatabaseFile, persistTable, restoreTableAttached, type OpenedDatabaseFile, type StoredFormat } from '$lib/data/stored-tables';
import { PartLaneReceiver, releaseParts } from '../part-lane';
import { PiecesFile, type WholeReader } from '../pieces-file';
import { blobReaderWorker } from './blob-reader';
import { copyAttachedSql, detachTable, swapInCopy, type AttachedTable } from '$lib/data/stored-database';
import { upsertFromStaging, upsertInto } from '$lib/import/upsert';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { BackgroundEngine, SyncEngine } from '../sync-engine';
import { nextTask } from '$lib/platform/next-task';
import { ENGINE_OPEN_CONFIG, ENGINE_STARTUP_SQL } from '../types';
import { trusted } from '$lib/sql';
import { bootDuckDB } from './duckdb-boot';
import { statementTimings, watchEngineWork, type StatementTiming } from '../statement-log';
import { QueryQueue } from './query-queue';
import { ConsoleLane } from './console-lane';
import { warmCsvReader } from './warm-reader';
import { SAMPLE_DATABASE, SampleDatabase, bindSampleCopy } from './sample';
import { sampleCopyName } from '$lib/data/relations';
import { ident, sql } from '$lib/sql';

/** A background copy into memory (the sample's, a restored table's) waits until the page has sent no query for this long. */
const BACKGROUND_COPY_QUIET_MS = 1000;

/**
 * The save after an import goes on between the page's queries once the page has been quiet this
 * long: the figures of the import are read first (the page re-reads them as soon as the rows are
 * committed), then the save's slices run whenever the page is idle.
 */
const SAVE_QUIET_MS = 200;

/** Statements DuckDB executes in slices of about this many milliseconds, so a cancel lands quickly. */
const QUERY_POLLING_MS = 10;

function bytesOut(bytes: Uint8Array): Uint8Array {
  return transfer(bytes, [bytes.buffer as ArrayBuffer]);
}

function asTable(name: string): TableName {
  if (!(TABLE_NAMES as string[]).includes(name)) throw new Error(`not a canonical table: ${name}`);
  return name as TableName;
}

interface StoredCopy {
  attached: AttachedTable;
  /** Resolves true once the copy table exists, false when it could not be made. */
  copied: Promise<boolean>;
  settled: boolean;
  /** Stops the background copy before it starts or at its next slice: an import needs the table now. */
  stop: AbortController;
}

export class EngineService implements EngineWorkerApi {
  private engine: SyncEngine | null = null;
  /**
   * A second connection for moving whole tables to and from IndexedDB. Those jobs wait on
   * IndexedDB between pieces; on their own connection they do not hold the queue, so the page's
   * queries keep running meanwhile and see each table as it was until the move commits.
   */
  private mover: SyncEngine | null = null;
  private readonly queue = new QueryQueue();
  /** The SQL console's statements wait here, not in `queue`: see console-lane.ts. */
  private readonly consoleQueue = new QueryQueue();
  private console: ConsoleLane | null = null;
  /** Copies the sample into memory in the background (materializeSample). */
  private copier: SyncEngine | null = null;
  /** Bumped when the sample is discarded: a copy under way for an older one is thrown away. */
  private sampleGeneration = 0;
  private readonly sample = new SampleDatabase();
  /** Copies restored database files into memory, one at a time (startStoredCopy). */
  private storedCopier: SyncEngine | null = null;
  private storedCopyChain: Promise<unknown> = Promise.resolve();
  /** Per table, the attached stored database whose copy into memory is pending. */
  private readonly storedCopies = new Map<TableName, StoredCopy>();
  /** Stored database files opened (their pieces fetched from IndexedDB) while DuckDB was still starting (prefetchStored). */
  private readonly prefetched = new Map<TableName, Promise<{ generation: string; opened: OpenedDatabaseFile } | null>>();
  /** Restored tables read from Blob pieces on demand, for the bench's read counts (lazyReads). */
  private readonly lazyFiles = new Map<TableName, PiecesFile>();
  /** Reads stored pieces whole off this thread (blob-reader.ts; its worker starts with the first Blob piece). */
  private readonly pieceReader: WholeReader | undefined = blobReaderWorker() ?? undefined;
  /** Tables whose restore has begun: a prefetch asked for later is not started. */
  private readonly restoreBegun = new Set<TableName>();
  /** Sessions (beginSession): a connection each, with its transaction open. */
  private readonly sessions = new Map<number, SyncEngine>();
  /** Part lanes of the imports under way (part-lane.ts), by name. */
  private readonly lanes = new Map<string, PartLaneReceiver>();
  /** The pieces of each lane part registered as a file, freed when the file is dropped. */
  private readonly laneFiles = new Map<string, Uint8Array[]>();
  private nextSession = 1;

  constructor(
    private readonly store: DatasetStore = datasetStore(),
    /** The worker's own port: comlink answers on it too, in the order posted. */
    private readonly post: (message: unknown) => void = (message) => self.postMessage(message),
  ) {}

  private starting: Promise<EngineInfo> | null = null;

  start(options?: EngineStartOptions): Promise<EngineInfo> {
    if (!this.starting) {
      if (!options) return Promise.reject(new Error('the engine was not started and no WASM was given'));
      this.starting = this.boot(options);
    }
    return this.starting;
  }

  private async boot(options: EngineStartOptions): Promise<EngineInfo> {
    const booted = await bootDuckDB(options);
    const t0 = performance.now();
    booted.bindings.open({ ...ENGINE_OPEN_CONFIG, query: { queryPollingInterval: QUERY_POLLING_MS } });
    const engine = SyncEngine.connect(booted.bindings);
    for (const statement of ENGINE_STARTUP_SQL) await engine.exec(trusted(statement));
    this.engine = engine;
    this.mover = SyncEngine.connect(booted.bindings);
    this.console = new ConsoleLane(booted.bindings);
    performance.mark('engine:open');
    return {
      duckdbVersion: booted.bindings.getVersion(),
      timings: { decodeMs: booted.decodeMs, instantiateMs: booted.instantiateMs, openMs: performance.now() - t0 },
    };
  }

  private get db(): SyncEngine {
    if (!this.engine) throw new Error('engine not started');
    return this.engine;
  }

  /** Saves run on a connection of their own, in slices behind the page's queries (BackgroundEngine). */
  private saver: BackgroundEngine | null = null;
  private saveChain: Promise<unknown> = Promise.resolve();

  private get savingConnection(): BackgroundEngine {
    return (this.saver ??= BackgroundEngine.over(this.db.bindings, this.behindThePage(SAVE_QUIET_MS)));
  }

  private get movingConnection(): SyncEngine {
    if (!this.mover) throw new Error('engine not started');
    return this.mover;
  }

  query(request: QueryRequest): Promise<Uint8Array> {
    return this.queue.enqueue(request.id, async (signal) => bytesOut(await this.connectionOf(request).run(request.sql, request.params, signal)));
  }

  async exec(request: QueryRequest): Promise<void> {
    await this.queue.enqueue(request.id, (signal) => this.connectionOf(request).run(request.sql, request.params, signal));
  }

  private connectionOf(request: QueryRequest): SyncEngine {
    if (request.session === undefined) return this.db;
    const session = this.sessions.get(request.session);
    if (!session) throw new Error(`no session ${request.session}`);
    return session;
  }

  beginSession(): Promise<number> {
    return this.queue.enqueue(-1, async () => {
      const connection = SyncEngine.connect(this.db.bindings);
      await connection.exec(sql`BEGIN TRANSACTION`);
      const id = this.nextSession++;
      this.sessions.set(id, connection);
      return id;
    });
  }

  endSession(session: number, commit: boolean): Promise<void> {
    return this.queue.enqueue(-1, async () => {
      const connection = this.sessions.get(session);
      if (!connection) return;
      this.sessions.delete(session);
      try {
        await connection.exec(commit ? sql`COMMIT` : sql`ROLLBACK`);
      } finally {
        connection.bindings.disconnect(connection.connection);
      }
    });
  }

  runUserSql(request: QueryRequest, options: ConsoleOptions): Promise<ConsoleResult> {
    return this.consoleQueue.enqueue(request.id, async (signal) => {
      if (!this.console) throw new Error('engine not started');
      const result = await this.console.run(request.sql, options, signal);
      return transfer(result, [result.ipc.buffer]);
    });
  }

  insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    return this.queue.enqueue(-1, () => this.db.insertArrow(table, ipc, mode));
  }

  async cancel(id: number): Promise<boolean> {
    return this.queue.cancel(id) || this.consoleQueue.cancel(id);
  }

  upsert(request: UpsertRequest): Promise<UpsertCounts> {
    const table = asTable(request.table);
    return this.queue.enqueue(-1, async () => {
      await this.storedInMemory(table);
      return upsertInto(this.db, table, request.batches, { extras: request.extras });
    });
  }

  upsertStaged(request: StagedUpsertRequest): Promise<UpsertCounts> {
    const table = asTable(request.table);
    return this.queue.enqueue(-1, async () => {
      await this.storedInMemory(table);
      return upsertFromStaging(this.db, table, request.staged);
    });
  }

  async provideSample(payload: SamplePayload): Promise<void> {
    this.sample.provide(payload);
  }

  useSample(): Promise<TableSummary[]> {
    return this.queue.enqueue(-1, async () => {
      performance.mark('engine:sample-use');
      const tables = await this.sample.use(this.db);
      performance.mark('engine:sample-bound');
      // The first figures read the attached file; later ones read memory (see materializeSample).
      void this.materializeSample(tables.map((t) => asTable(t.table)));
      performance.mark('engine:sample-returned');
      return tables;
    });
  }

  discardSample(): Promise<void> {
    this.sampleGeneration++;
    // The bytes go now, not in the queue: a sample provided again meanwhile (useSample after a
    // discard) must not be forgotten by this discard's turn.
    this.sample.forget();
    return this.queue.enqueue(-1, () => this.sample.detach(this.db));
  }

  /** Imports under way (importUnderWay), and the copies waiting for them to end. */
  private importsUnderWay = 0;
  private importsOver: (() => void)[] = [];

  async importUnderWay(underWay: boolean): Promise<void> {
    this.importsUnderWay = Math.max(0, this.importsUnderWay + (underWay ? 1 : -1));
    if (this.importsUnderWay > 0) return;
    for (const go of this.importsOver.splice(0)) go();
  }

  private readerWarmed: Promise<number | null> | null = null;

  /**
   * Ready DuckDB's CSV reader (warm-reader.ts) on a connection of its own, once per engine, behind
   * whatever is queued. Not while an import is under way: it then needs the thread itself, and
   * its progress counts the engine's file reads.
   */
  warmCsvReader(): Promise<number | null> {
    return (this.readerWarmed ??= this.queue.enqueue(-1, async () => {
      if (this.importsUnderWay > 0) return null;
      const connection = SyncEngine.connect(this.db.bindings);
      try {
        return await warmCsvReader(connection);
      } finally {
        connection.bindings.disconnect(connection.connection);
      }
    }));
  }

  async watchEngineWork(watch: boolean): Promise<void> {
    watchEngineWork(watch ? (work) => this.post({ workbenchWork: work } satisfies EngineWorkMessage) : null);
  }

  /** Pace for the background copies: behind the page's queries, and never while an import runs. */
  private readonly copyPace = async (): Promise<void> => {
    for (;;) {
      while (this.importsUnderWay > 0) await new Promise<void>((go) => this.importsOver.push(go));
      await this.behindThePage()();
      // An import may have begun while this waited for the page.
      if (this.importsUnderWay === 0) return;
    }
  };

  /**
   * Pace for background copies: go on only once the dashboards' queue and the console's have both
   * been quiet for a moment. A copy's slice can hold the thread for seconds, and a console
   * statement's Stop is only heard between slices.
   */
  private readonly behindThePage = (quietMs = BACKGROUND_COPY_QUIET_MS) => async (): Promise<void> => {
    await nextTask();
    await this.queue.idleFor(quietMs);
    await this.consoleQueue.idleFor(quietMs);
    await this.queue.idleFor(quietMs);
  };

  /**
   * Copy the sample's tables into memory, one at a time, and point the canonical names at the
   * copies. Reading the attached file costs every query its decompression (the overview's
   * quarter headline ≈4× an in-memory table, measured in Node); copying costs ≈1.5 s a table
   * once. The copy runs on its own connection as a pending query, in slices, so the dashboards'
   * queries go on between them (each slice waits for a quiet moment); the switch is one queued
   * statement. A session that replaced the sample meanwhile (an import, a restore) keeps its
   * tables: the copy is dropped.
   */
  private async materializeSample(tables: readonly TableName[]): Promise<void> {
    const generation = this.sampleGeneration;
    const copier = (this.copier ??= SyncEngine.connect(this.db.bindings));
    const current = () => generation === this.sampleGeneration;
    // Tickets first: the overview and the ticket page read them.
    const order = [...tables].sort((a, b) => Number(b === 'tickets') - Number(a === 'tickets'));
    try {
      for (const table of order) {
        // The page's first figures first: starting a copy runs its first slice at once, which
        // held useSample's answer back by ≈2 s (engine:sample-bound → engine:sample-returned).
        await this.copyPace();
        if (!current()) return;
        const copy = sampleCopyName(table);
        const stop = new AbortController();
        // A sample replaced meanwhile (an import committed) stops its copy at the next slice.
        const pace = async () => {
          await this.copyPace();
          if (!current()) stop.abort();
        };
        await copier.run(sql`CREATE OR REPLACE TABLE ${ident(copy)} AS SELECT * FROM ${ident(SAMPLE_DATABASE)}.main.${ident(table)}`.text, [], stop.signal, pace);
        const swapped = await this.queue.enqueue(-1, async () => {
          if (current()) return bindSampleCopy(this.db, table);
          await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(copy)}`);
          return false;
        });
        // The name is no longer the sample's: a user's import replaced the whole sample (and
        // dropped the copies made so far, resetToEmpty), so the other tables are not copied.
        if (!swapped) return;
      }
      if (current()) performance.mark('engine:sample-materialized');
    } catch (error) {
      // Stopped because the sample was replaced: nothing to say.
      if (!current()) return;
      // The views still read the attached file: slower, never wrong.
      console.warn('copying the sample into memory failed; it is read from its file', error);
    }
  }

  async restoreStored(name: string, onProgress?: (p: RestoreProgress) => void): Promise<StoredTableResult> {
    const table = asTable(name);
    const t0 = performance.now();
    performance.mark(`engine:restore-start:${table}`);
    const stored = await this.store.load(table);
    if (!stored) throw new Error(`no stored record for ${table}`);
    const early = this.prefetched.get(table);
    this.prefetched.delete(table);
    this.restoreBegun.add(table);
    const restored = await restoreTableAttached(
      this.movingConnection,
      this.store,
      stored,
      (step) => {
        if (step.kind !== 'extras') void onProgress?.({ table, partsDone: step.done, parts: step.total, rows: stored.meta.rows });
      },
      async (store, record, onStep) => {
        // Opened while DuckDB compiled, and still the record's current generation? Then no wait here.
        const file = await early;
        return file && file.generation === record.generation ? file.opened : openDatabaseFile(store, record, onStep, this.pieceReader);
      },
    );
    const file = restored.opened?.file;
    performance.mark(`engine:restore-bound:${table}`, {
      detail: {
        readMs: restored.readMs,
        loadMs: restored.loadMs,
        version: stored.version,
        lazyPieces: restored.opened?.lazyPieces ?? 0,
        pieceMs: restored.opened?.pieceMs ?? [],
        reads: file instanceof PiecesFile ? { ...file.stats } : null,
      },
    });
    if (file instanceof PiecesFile) {
      this.lazyFiles.set(table, file);
      void file.loadAll().then(() => performance.mark(`engine:stored-loaded:${table}`), () => undefined);
    }
    // Queries read the attached file until its copy in memory takes its place.
    if (restored.attached) this.startStoredCopy(restored.attached);
    return { table, rows: restored.rows, ms: performance.now() - t0, readMs: restored.readMs, loadMs: restored.loadMs, format: stored.version === 3 ? 'duckdb' : 'arrow' };
  }

  /**
   * Start reading stored database files from IndexedDB now, tickets first, while DuckDB compiles:
   * restoreStored then finds the bytes ready. Asked twice (app.html asks before the app has
   * parsed, the app again once it knows the store is open), a table's read is not repeated unless
   * the first gave nothing (a vault still locked then). Anything that goes wrong here (a locked
   * vault, an older record, a missing piece, a name that is no table) just leaves restoreStored to
   * read as it would have.
   */
  async prefetchStored(names: string[]): Promise<void> {
    let chain: Promise<unknown> = Promise.resolve();
    for (const name of names) {
      if (!(TABLE_NAMES as string[]).includes(name)) continue;
      const table = name as TableName;
      // Already restored (a late ask): reading it again would only hold memory.
      if (this.restoreBegun.has(table)) continue;
      const earlier = this.prefetched.get(table);
      const read = async () => {
        const stored = await this.store.load(table);
        if (stored?.version !== 3) return null;
        performance.mark(`engine:prefetch-start:${table}`);
        const opened = await openDatabaseFile(this.store, stored as DatabaseRecord, undefined, this.pieceReader);
        performance.mark(`engine:prefetched:${table}`, { detail: { lazyPieces: opened.lazyPieces, pieceMs: opened.pieceMs } });
        return { generation: stored.generation, opened };
      };
      const before = chain;
      const file = earlier ? earlier.then((found) => found ?? before.then(read)) : before.then(read);
      const settled = file.catch(() => null);
      this.prefetched.set(table, settled);
      // One table at a time: the first one restored should not share IndexedDB with the others.
      chain = settled;
    }
  }

  /**
   * Copy a restored table from its attached file into memory in the background, on a connection
   * of its own and one table at a time (tickets come first, as they were restored first); then,
   * between the page's queries, the copy takes the view's place and the file is detached. Like
   * the sample's copy (materializeSample), for the same reason: every query over the attached
   * file pays its decompression.
   */
  private startStoredCopy(attached: AttachedTable): void {
    const copier = (this.storedCopier ??= SyncEngine.connect(this.db.bindings));
    const stop = new AbortController();
    const stopped = new Promise<void>((go) => stop.signal.addEventListener('abort', () => go(), { once: true }));
    const entry: StoredCopy = { attached, settled: false, copied: Promise.resolve(false), stop };
    // A table restored again before its copy landed: the older entry is no longer current, so its
    // copy is dropped and its file detached when it lands (settleStored).
    this.storedCopies.set(attached.table, entry);
    // The page's queries first: the copy starts, and goes on after each slice, only once the
    // page's queue has been quiet for a moment (the first figures read the attached file meanwhile).
    // A stop ends every wait at once: an import waiting for this table (storedInMemory) holds the
    // queue, so the quiet the copy waits for would never come.
    const pace = () => Promise.race([this.copyPace(), stopped]);
    const before = this.storedCopyChain;
    entry.copied = Promise.race([before, stopped]).then(async () => {
      await pace();
      if (stop.signal.aborted || this.storedCopies.get(attached.table) !== entry) return false;
      await copier.run(copyAttachedSql(attached).text, [], stop.signal, pace);
      return true;
    });
    entry.copied = entry.copied.catch((error) => {
      if (!stop.signal.aborted) console.warn(`copying ${attached.table} into memory failed; it is read from its stored file`, error);
      return false;
    });
    // The copier runs one copy at a time: a copy stopped early must not let the next one start
    // while the one before it still runs.
    this.storedCopyChain = Promise.all([before, entry.copied]);
    void entry.copied.then((ok) => this.queue.enqueue(-1, () => this.settleStored(entry, ok)));
  }

  /** Runs as a queued job: no query of the page's runs meanwhile. */
  private async settleStored(entry: StoredCopy, copied: boolean): Promise<void> {
    if (entry.settled) return;
    const table = entry.attached.table;
    const current = this.storedCopies.get(table) === entry;
    if (!copied && current) return; // the view keeps reading the file: slower, never wrong
    entry.settled = true;
    if (current) this.storedCopies.delete(table);
    if (copied) await swapInCopy(this.db, entry.attached, current);
    else await detachTable(this.db, entry.attached);
    if (current) {
      const lazy = this.lazyFiles.get(table);
      this.lazyFiles.delete(table);
      performance.mark(`engine:stored-in-memory:${table}`, { detail: { reads: lazy ? { ...lazy.stats } : null } });
    }
  }

  /** Before an import changes the table, it must be a table in memory, not the view over its file. */
  private async storedInMemory(table: TableName): Promise<void> {
    const entry = this.storedCopies.get(table);
    if (!entry) return;
    // Called from a queued job, while the background copy waits for a quiet queue and for imports
    // to end: it is stopped (rolled back if it had begun) and the copy made here, at once.
    entry.stop.abort();
    if (!(await entry.copied)) await this.db.exec(copyAttachedSql(entry.attached));
    await this.settleStored(entry, true);
  }

  async persistTable(meta: unknown, format?: StoredFormat): Promise<{ bytes: number; ms: number }> {
    const m = meta as DatasetMeta;
    asTable(m.table);
    const t0 = performance.now();
    // One save at a time on the saving connection: a pending query there must not meet another statement.
    const saving = this.saveChain.then(() => persistTable(this.savingConnection, this.store, m, undefined, format === 'arrow' || format === 'duckdb-bytes' ? format : 'duckdb'));
    this.saveChain = saving.catch(() => undefined);
    const bytes = await saving;
    return { bytes, ms: performance.now() - t0 };
  }

  registerFile(name: string, file: Blob | Uint8Array[]): Promise<void> {
    return this.queue.enqueue(-1, () => this.db.registerFile(name, file));
  }

  openLane(lane: string, port: MessagePort): void {
    this.lanes.get(lane)?.close();
    this.lanes.set(lane, new PartLaneReceiver(port));
  }

  async registerLanePart(name: string, lane: string, index: number, before: Uint8Array[]): Promise<void> {
    const receiver = this.lanes.get(lane);
    if (!receiver) throw new Error(`no part lane ${lane}`);
    // Waited for outside the queue: the page's queries go on while a part is still on its way.
    const pieces = await receiver.take(index);
    this.laneFiles.set(name, pieces);
    try {
      return await this.queue.enqueue(-1, () => this.db.registerFile(name, [...before, ...pieces]));
    } catch (error) {
      // Never registered, so never dropped (csv-parts.ts drops only what it registered): free it now.
      this.laneFiles.delete(name);
      releaseParts(pieces);
      throw error;
    }
  }

  closeLane(lane: string): void {
    this.lanes.get(lane)?.close();
    this.lanes.delete(lane);
  }

  dropFile(name: string): Promise<void> {
    return this.queue.enqueue(-1, async () => {
      const part = this.laneFiles.get(name);
      this.laneFiles.delete(name);
      try {
        await this.db.dropFile(name);
      } finally {
        // DuckDB has closed the file: nothing reads the part's bytes again.
        if (part) releaseParts(part);
      }
    });
  }

  async useStoreKey(key: CryptoKey | null): Promise<void> {
    keyRing.use(key);
  }

  async statementTimings(sinceEpochMs: number): Promise<(StatementTiming & { epochMs: number })[]> {
    return statementTimings(sinceEpochMs - performance.timeOrigin).map((t) => ({ ...t, epochMs: performance.timeOrigin + t.startedAt }));
  }

  /** What reading a restored table's Blob pieces has cost so far (the bench asks at the first figure). */
  async lazyReads(table: string): Promise<{ sliceReads: number; sliceBytes: number; sliceMs: number; piecesLoaded: number } | null> {
    const file = this.lazyFiles.get(asTable(table));
    return file ? { ...file.stats } : null;
  }

  async marks(): Promise<{ name: string; epochMs: number }[]> {
    return performance.getEntriesByType('mark').map((m) => ({ name: m.name, epochMs: performance.timeOrigin + m.startTime, detail: (m as PerformanceMark).detail ?? undefined }));
  }
}
