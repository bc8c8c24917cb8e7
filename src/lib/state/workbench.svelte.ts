// The workbench's shared state: the engine, which dataset is loaded, and a version number that
// rises whenever the loaded data changes so that every view re-queries.
import { getContext, setContext } from 'svelte';
import { EngineClient, missingCapabilities, type EngineStartTimings } from '$lib/engine';
import { benchRequested, exposeBenchHook } from '$lib/engine/bench-hook';
import type { TableSummary } from '../../../workers/engine-api';

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

  async boot(): Promise<void> {
    const missing = missingCapabilities();
    if (missing.length) {
      this.status = { kind: 'unsupported', missing };
      return;
    }
    try {
      const engine = await EngineClient.start();
      this.engine = engine;
      this.startTimings = engine.timings;
      // Marks on the performance timeline: the benchmark reads them, no UI does.
      performance.mark('workbench:engine-started', { detail: engine.timings });
      this.status = { kind: 'loading-data' };
      this.tables = await engine.loadSample();
      performance.mark('workbench:data-loaded');
      if (benchRequested(location.hash)) exposeBenchHook(engine);
      this.dataSource = 'sample';
      this.dataVersion++;
      this.status = { kind: 'ready' };
    } catch (error) {
      this.status = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
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
