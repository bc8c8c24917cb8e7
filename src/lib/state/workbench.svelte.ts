// The workbench's shared state: the engine, which dataset is loaded, and a version number that
// rises whenever the loaded data changes so that every view re-queries.
//
// Opening, step by step (each a performance mark the benchmark reads):
//   workbench:boot             the app runs; the engine's scripts are already loading (app.html)
//   workbench:engine-started   DuckDB is open in the engine worker
//   workbench:data-loaded      the first table is queryable: the sample, the stored tickets, or
//                              (when the first thing the user did was to choose a file) nothing
// While DuckDB compiles, the page already knows whether the user has stored tables; only when it
// has none does it fetch the sample's bytes, which the worker decodes meanwhile.
import { getContext, setContext } from 'svelte';
import { EngineClient, missingCapabilities, type EngineStartTimings } from '$lib/engine';
import { ScriptLoadError } from '$lib/platform/classic-script';
import { benchRequested, exposeBenchHook } from '$lib/engine/bench-hook';
import type { RestoreProgress, TableSummary } from '../../../workers/engine-api';
import type { TableName } from '$lib/schema';
import { datasetStore, type DatasetMeta, type DatasetStore } from '$lib/data/datasets';
import { presetStore, type PresetStore } from '$lib/data/presets';
import { emptyTable, loadSampleOnly, resetToEmpty, RESTORE_ORDER, restoreStoredTables, type RestoredTable, type RestoreFailure } from '$lib/data/dataset-sync';
import { CommitError, commitImport, type CommitResult } from '$lib/data/commit';
import { eraseEverything } from '$lib/store/kv';
import { askToPersist } from '$lib/store/quota';
import { Protection } from './protection.svelte';
import type { ParsedFile } from '../../../workers/import-api';

export type WorkbenchStatus =
  | { kind: 'starting' }
  | { kind: 'loading-data' }
  | { kind: 'ready' }
  /** `missingFile`: a file of the build folder could not be loaded (named, so the user can check the copy). */
  | { kind: 'failed'; detail: string; missingFile: string | null }
  | { kind: 'unsupported'; missing: string[] };

export type DataSource = 'sample' | 'user';

/** Restore progress worth showing: only once it has taken longer than this. */
const SHOW_RESTORE_AFTER_MS = 500;

export interface RestoreState {
  table: TableName;
  partsDone: number;
  parts: number;
  rows: number;
}

export class Workbench {
  status = $state<WorkbenchStatus>({ kind: 'starting' });
  engine = $state.raw<EngineClient | null>(null);
  dataSource = $state<DataSource>('sample');
  tables = $state.raw<TableSummary[]>([]);
  dataVersion = $state(0);
  /** How long each start step took; read by the benchmark and shown nowhere else. */
  startTimings = $state.raw<EngineStartTimings | null>(null);
  /** The user's stored tables (empty in a sample session). */
  datasets = $state.raw<DatasetMeta[]>([]);
  /** Stored tables still being restored (the first one is ready before the others). */
  restoring = $state.raw<ReadonlySet<TableName>>(new Set());
  /** What the restore is doing, once it has taken long enough to be worth a progress line. */
  restoreProgress = $state.raw<RestoreState | null>(null);
  /** Stored tables that could not be restored: they start empty and their records are kept. */
  restoreFailures = $state.raw<RestoreFailure[]>([]);
  /** Milliseconds the boot spent restoring stored tables; null when the sample loaded. */
  restoreMs = $state<number | null>(null);
  /** Imports and dataset changes run one at a time: each reads the state the previous one left. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Set the moment a file is chosen: a session whose first act is an import never loads the sample. */
  private importRequested = $state(false);
  private dataDecided = false;
  private readonly started: Promise<void>;
  private resolveStarted: () => void = () => undefined;
  private settleEngine: (engine: EngineClient | null) => void = () => undefined;
  /** The engine once it has started (not yet its data), or null once it cannot (whenEngine). */
  private readonly engineSettled = new Promise<EngineClient | null>((resolve) => (this.settleEngine = resolve));

  constructor(
    readonly store: DatasetStore = datasetStore(),
    readonly presets: PresetStore = presetStore(),
    readonly protection: Protection = new Protection(),
  ) {
    this.started = new Promise<void>((resolve) => (this.resolveStarted = resolve));
    // The engine worker reads and writes table pieces itself: it needs the key too.
    protection.onKey = async (key) => {
      await (await this.engineSettled)?.useStoreKey(key);
    };
  }


  async boot(): Promise<void> {
    performance.mark('workbench:boot');
    const missing = missingCapabilities();
    if (missing.length) {
      this.status = { kind: 'unsupported', missing };
      this.settleEngine(null);
      return;
    }
    try {
      const stored = this.store.tables().catch((error: unknown) => {
        console.error('listing the stored datasets failed; showing the sample', error);
        return [] as TableName[];
      });
      // Stored tables will be restored (restore): say the data is the user's while the engine
      // starts, not the sample's for the seconds until then.
      void stored.then((names) => {
        if (names.length > 0) this.dataSource = 'user';
      });
      // Nothing stored and no file chosen yet: bring the sample's bytes over while DuckDB compiles.
      const sampleWanted = stored.then((names) => names.length === 0 && !this.importRequested);
      // Without a passphrase the worker can read the stored tables at once (with one, it waits for the key).
      const storedTables = Promise.all([stored, this.protection.opened]).then(([names]) => RESTORE_ORDER.filter((t) => names.includes(t)));
      const engine = await EngineClient.start({ sampleWanted, storedTables });
      this.engine = engine;
      this.settleEngine(engine);
      // Stored tables are read only once the store is open (no passphrase, or the right one).
      await this.protection.opened;
      this.startTimings = engine.timings;
      performance.mark('workbench:engine-started', { detail: engine.timings });
      this.status = { kind: 'loading-data' };
      await this.serial(async () => {
        const names = await stored;
        if (names.length > 0) await this.restore(engine, names);
        else if (this.importRequested) {
          await resetToEmpty(engine, { freshEngine: true });
          this.dataSource = 'user';
          this.tables = [];
        } else {
          const t0 = performance.now();
          this.tables = await loadSampleOnly(engine, { freshEngine: true });
          this.dataSource = 'sample';
          performance.mark('workbench:sample-bound', { detail: { ms: performance.now() - t0 } });
        }
        this.dataDecided = true;
      });
      performance.mark('workbench:data-loaded');
      if (benchRequested(location.hash)) exposeBenchHook(engine, () => this.dataVersion++);
      this.dataVersion++;
      this.status = { kind: 'ready' };
      this.resolveStarted();
    } catch (error) {
      this.settleEngine(null);
      console.error('the engine could not start', error);
      this.status = {
        kind: 'failed',
        detail: error instanceof Error ? error.message : String(error),
        missingFile: error instanceof ScriptLoadError ? error.path : null,
      };
    }
  }

  /** Tickets first: the page is ready once they are; the other tables follow in the background. */
  private async restore(engine: EngineClient, names: TableName[]): Promise<void> {
    const t0 = performance.now();
    this.dataSource = 'user';
    this.restoring = new Set(names);
    // Called only at start, on the engine just opened.
    await resetToEmpty(engine, { freshEngine: true });
    const onProgress = (p: RestoreProgress) => {
      if (performance.now() - t0 > SHOW_RESTORE_AFTER_MS) this.restoreProgress = { ...p, table: p.table as TableName };
    };
    let firstIn: () => void = () => undefined;
    const firstTable = new Promise<void>((resolve) => (firstIn = resolve));
    let first = true;
    /** Tables restored from Arrow pieces: rewritten as database files once everything is in. */
    const legacy: RestoredTable['meta'][] = [];
    const all = restoreStoredTables(
      engine,
      this.store,
      names,
      (restored) => {
        if (restored.format === 'arrow') legacy.push(restored.meta);
        this.datasets = [...this.datasets.filter((d) => d.table !== restored.meta.table), restored.meta];
        this.tables = this.datasets.map((d) => ({ table: d.table, rows: d.rows }));
        const rest = new Set(this.restoring);
        rest.delete(restored.meta.table);
        this.restoring = rest;
        this.dataVersion++;
        if (first) {
          first = false;
          performance.mark('workbench:first-table-restored', {
            detail: { table: restored.meta.table, ms: restored.ms, readMs: restored.readMs, loadMs: restored.loadMs, format: restored.format },
          });
          firstIn();
        }
      },
      onProgress,
    ).then((failures) => {
      this.restoreFailures = failures;
      this.restoring = new Set();
      this.restoreProgress = null;
      this.restoreMs = performance.now() - t0;
      performance.mark('workbench:restored', { detail: { ms: this.restoreMs } });
      this.dataVersion++;
    });
    // Ready when the first table is in (or everything failed); the rest continue in the chain.
    await Promise.race([all, firstTable]);
    this.chain = this.chain.then(() => all).then(() => this.migrateStored(engine, legacy));
  }

  /**
   * Older records (Arrow pieces) are rewritten as database files right after they were restored,
   * in the chain, so the next open attaches instead of inserting. The write is atomic (a new
   * generation, then the record): if it fails, the old record stays and is read again next time.
   * Not under the bench (`bench=1`), which measures the old form on purpose.
   */
  private async migrateStored(engine: EngineClient, tables: readonly RestoredTable['meta'][]): Promise<void> {
    if (benchRequested(location.hash)) return;
    for (const meta of tables) {
      // Still the table that was restored (not replaced or deleted meanwhile)?
      if (!this.datasets.some((d) => d.table === meta.table && d.updatedAt === meta.updatedAt)) continue;
      await engine.persistTable(meta).catch((error) => console.warn(`rewriting ${meta.table} as a database file failed; its older record stays`, error));
    }
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The engine once its first data is decided; a file chosen during startup waits here instead of failing. */
  private async readyEngine(): Promise<EngineClient> {
    await this.started;
    if (!this.engine) throw new CommitError('工作台尚未启动完成，请稍后重试', 'the workbench has not finished starting; try again shortly');
    return this.engine;
  }

  /**
   * Whether the sample is what the pages show, or will be once it has loaded: not when the user's
   * first act was to choose a file before the data was decided (the sample is then never loaded).
   */
  get showsSample(): boolean {
    return this.dataSource === 'sample' && !(this.importRequested && this.tables.length === 0);
  }

  /**
   * The tables an import would fill from empty: those the browser holds no rows of (the sample's
   * are replaced by the first import, and a session that chose a file first never loads them).
   * Asked of the store, which knows before the restore has begun.
   */
  async emptyTables(): Promise<TableName[]> {
    const stored = await this.store.tables().catch(() => RESTORE_ORDER);
    return RESTORE_ORDER.filter((t) => !stored.includes(t));
  }

  /** The user chose a file: if the data is not decided yet, the sample is skipped altogether. */
  noteImportRequested(): void {
    if (!this.dataDecided) this.importRequested = true;
  }

  /**
   * Load one parsed file (see commitImport); the first import of a sample session replaces the
   * sample. The views re-read as soon as the rows are in DuckDB (`onCommitted` is told too), while
   * the save goes on; a failed save puts the tables and the views back as they were.
   */
  async commit(parsed: ParsedFile, onCommitted?: (result: CommitResult) => void): Promise<CommitResult> {
    const engine = await this.readyEngine();
    return this.serial(async () => {
      const replaceSample = this.dataSource === 'sample';
      const before = { datasets: this.datasets, dataSource: this.dataSource, tables: this.tables };
      const show = (result: CommitResult) => {
        this.datasets = [...before.datasets.filter((d) => d.table !== result.table && !replaceSample), result.meta];
        this.dataSource = 'user';
        this.tables = this.datasets.map((d) => ({ table: d.table, rows: d.rows }));
      };
      let shown = false;
      let reread = true;
      try {
        const result = await commitImport(engine, this.store, parsed, {
          replaceSample,
          onCommitted: (committed) => {
            show(committed);
            this.dataVersion++;
            shown = true;
            onCommitted?.(committed);
          },
        });
        // Real data is now kept: ask the browser not to evict it (it may say no).
        if (replaceSample || before.datasets.length === 0) void askToPersist();
        // The sample this import replaced is not read again unless the user goes back to it
        // (then its script is loaded again): its 40 MB of bytes and its database go now. Queued
        // in the worker behind this commit, before anything a later import does.
        if (replaceSample) void engine.discardSample().catch((error) => console.warn('letting the replaced sample go failed', error));
        show(result);
        // The views read these rows already, when they were committed.
        reread = !shown;
        return result;
      } catch (error) {
        // The save failed after the figures were shown: commitImport put DuckDB back, and so are these.
        this.datasets = before.datasets;
        this.dataSource = before.dataSource;
        this.tables = before.tables;
        if (this.datasets.length === 0 && this.dataSource === 'user') {
          // The session's first import failed and nothing else is loaded: show the sample after all.
          this.tables = await loadSampleOnly(engine).catch(() => []);
          this.dataSource = 'sample';
        }
        throw error;
      } finally {
        // Even a failed import may have swapped tables and put them back: every view re-reads.
        if (reread) this.dataVersion++;
      }
    });
  }

  /** Forget the imported tables (mapping presets stay) and show the sample. */
  async switchToSample(): Promise<void> {
    const engine = await this.readyEngine();
    return this.serial(async () => {
      await this.store.clear();
      this.datasets = [];
      this.tables = await loadSampleOnly(engine);
      this.dataSource = 'sample';
      this.dataVersion++;
    });
  }

  /** Delete one imported table; with none left, the sample comes back. */
  async deleteDataset(table: TableName): Promise<void> {
    const engine = await this.readyEngine();
    return this.serial(async () => {
      await this.store.remove(table);
      const rest = this.datasets.filter((d) => d.table !== table);
      if (rest.length === 0) {
        this.tables = await loadSampleOnly(engine);
        this.dataSource = 'sample';
      } else {
        await emptyTable(engine, table);
        this.tables = rest.map((d) => ({ table: d.table, rows: d.rows }));
      }
      this.datasets = rest;
      this.dataVersion++;
    });
  }

  /**
   * Remove every key the workbench wrote — tables, mapping presets, findings, the briefing
   * basket, SQL history, saved views, settings, the passphrase's record — and go back to the
   * sample. Resolves with how many keys of each kind were removed, for the page to say.
   */
  async clearAll(): Promise<Record<string, number>> {
    const engine = await this.readyEngine();
    return this.serial(async () => {
      const removed = await eraseEverything();
      this.protection.cleared();
      this.datasets = [];
      this.tables = await loadSampleOnly(engine);
      this.dataSource = 'sample';
      this.dataVersion++;
      return removed;
    });
  }

  get ready(): boolean {
    return this.status.kind === 'ready';
  }

  /**
   * The engine as soon as it has started (its data may still be loading), or null if it cannot
   * start: an import chosen during startup stages its file there rather than take the slower path.
   */
  whenEngine(): Promise<EngineClient | null> {
    return this.status.kind === 'failed' ? Promise.resolve(null) : this.engineSettled;
  }
}

const KEY = Symbol('workbench');

export function provideWorkbench(workbench: Workbench): Workbench {
  return setContext(KEY, workbench);
}

export function useWorkbench(): Workbench {
  return getContext<Workbench>(KEY);
}
