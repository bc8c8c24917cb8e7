// The workbench's shared state: the engine, which dataset is loaded, and a version number that
// rises whenever the loaded data changes so that every view re-queries.
import { getContext, setContext } from 'svelte';
import { EngineClient, missingCapabilities, type EngineStartTimings } from '$lib/engine';
import { benchRequested, exposeBenchHook } from '$lib/engine/bench-hook';
import type { TableSummary } from '../../../workers/engine-api';
import type { TableName } from '$lib/schema';
import { datasetStore, type DatasetMeta, type DatasetStore } from '$lib/data/datasets';
import { presetStore, type PresetStore } from '$lib/data/presets';
import { emptyTable, loadSampleOnly, restoreAll } from '$lib/data/dataset-sync';
import { commitImport, type CommitResult } from '$lib/data/commit';
import type { ParsedFile } from '../../../workers/import-api';

export type WorkbenchStatus =
  | { kind: 'starting' }
  | { kind: 'loading-data' }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'unsupported'; missing: string[] };

export type DataSource = 'sample' | 'user';

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
  /** Milliseconds the boot spent restoring stored tables; null when the sample loaded. */
  restoreMs = $state<number | null>(null);
  /** Imports and dataset changes run one at a time: each reads the state the previous one left. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: DatasetStore = datasetStore(),
    readonly presets: PresetStore = presetStore(),
  ) {}

  async boot(): Promise<void> {
    performance.mark('workbench:boot');
    const missing = missingCapabilities();
    if (missing.length) {
      this.status = { kind: 'unsupported', missing };
      return;
    }
    try {
      // Generate the sample while DuckDB compiles only when there is no stored data to restore.
      const stored = await this.store.tables().catch(() => []);
      const engine = await EngineClient.start({ prepareSample: stored.length === 0 });
      this.engine = engine;
      this.startTimings = engine.timings;
      // Marks on the performance timeline: the benchmark reads them, no UI does.
      performance.mark('workbench:engine-started', { detail: engine.timings });
      this.status = { kind: 'loading-data' };
      // The user's own tables when any were stored; the sample only when none were (or none could be read).
      const restored = await restoreAll(engine, this.store).catch((error: unknown) => {
        console.warn('restoring stored datasets failed; loading the sample', error);
        return null;
      });
      if (restored && restored.metas.length > 0) {
        this.tables = restored.tables;
        this.datasets = restored.metas;
        this.restoreMs = restored.ms;
        this.dataSource = 'user';
      } else {
        this.tables = await loadSampleOnly(engine);
        this.dataSource = 'sample';
      }
      performance.mark('workbench:data-loaded');
      if (benchRequested(location.hash)) exposeBenchHook(engine, () => this.dataVersion++);
      this.dataVersion++;
      this.status = { kind: 'ready' };
    } catch (error) {
      this.status = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private requireEngine(): EngineClient {
    if (!this.engine || !this.ready) throw new Error('the engine is not ready');
    return this.engine;
  }

  /** Load one parsed file (see commitImport); the first import of a sample session replaces the sample. */
  commit(parsed: ParsedFile): Promise<CommitResult> {
    return this.serial(async () => {
      const engine = this.requireEngine();
      const replaceSample = this.dataSource === 'sample';
      try {
        const result = await commitImport(engine, this.store, parsed, { replaceSample });
        this.datasets = [...this.datasets.filter((d) => d.table !== result.table && !replaceSample), result.meta];
        this.dataSource = 'user';
        this.tables = this.datasets.map((d) => ({ table: d.table, rows: d.rows }));
        return result;
      } finally {
        // Even a failed import may have swapped tables and put them back: every view re-reads.
        this.dataVersion++;
      }
    });
  }

  /** Forget the imported tables (mapping presets stay) and show the sample. */
  switchToSample(): Promise<void> {
    return this.serial(async () => {
      const engine = this.requireEngine();
      await this.store.clear();
      this.datasets = [];
      this.tables = await loadSampleOnly(engine);
      this.dataSource = 'sample';
      this.dataVersion++;
    });
  }

  /** Delete one imported table; with none left, the sample comes back. */
  deleteDataset(table: TableName): Promise<void> {
    return this.serial(async () => {
      const engine = this.requireEngine();
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

  /** Remove every key this page stored (tables and mapping presets) and go back to the sample. */
  clearAll(): Promise<void> {
    return this.serial(async () => {
      const engine = this.requireEngine();
      await this.store.clear();
      await this.presets.clear();
      this.datasets = [];
      this.tables = await loadSampleOnly(engine);
      this.dataSource = 'sample';
      this.dataVersion++;
    });
  }

  get ready(): boolean {
    return this.status.kind === 'ready';
  }
}

const KEY = Symbol('workbench');

export function provideWorkbench(workbench: Workbench): Workbench {
  return setContext(KEY, workbench);
}

export function useWorkbench(): Workbench {
  return getContext<Workbench>(KEY);
}
