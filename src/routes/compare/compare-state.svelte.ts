// The comparison page's state: its rules and checks (persisted through $lib/compare's stores), and
// the comparison itself, computed once per data version and rules into TEMP tables in the engine
// worker, which the unit table and the candidate list then query.
import {
  CompareSettingsStore,
  DecisionsStore,
  acceptedKeys,
  comparePrepareStatements,
  decisionKey,
  defaultCompareSettings,
  type CompareDecision,
  type CompareSettings,
} from '$lib/compare';
import { rowsOf, type Row } from '$lib/engine';
import type { SqlFragment } from '$lib/sql';
import type { SaveQueue } from '$lib/state/save-queue.svelte';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from '$lib/ui/live-query.svelte';

const COMPARED = ['tickets', 'grid_events', 'police_non_emergency', 'special_population_alerts'] as const;

export class CompareRules {
  current = $state.raw<CompareSettings>(defaultCompareSettings());
  loaded = $state(false);

  constructor(
    private readonly saves: SaveQueue,
    private readonly store = new CompareSettingsStore(),
  ) {}

  async load(): Promise<void> {
    try {
      this.current = await this.store.load();
    } finally {
      this.loaded = true;
    }
  }

  set(next: CompareSettings): void {
    this.current = next;
    void this.saves.run(() => this.store.save(next));
  }
}

export class CompareChecks {
  all = $state.raw<Map<string, CompareDecision>>(new Map());
  loaded = $state(false);
  /** Why the stored checks could not be read (a failed write is said by the page's SaveQueue). */
  error = $state<string | null>(null);

  constructor(
    private readonly saves: SaveQueue,
    private readonly store = new DecisionsStore(),
  ) {}

  async load(): Promise<void> {
    try {
      this.all = await this.store.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loaded = true;
    }
  }

  /** The accepted pair keys the figures count, or null while nothing has been checked. */
  get accepted(): string[] | null {
    return acceptedKeys(this.all);
  }

  decide(left: string, right: string, verdict: CompareDecision['verdict'] | null, note: string): void {
    const key = decisionKey({ left, right });
    const next = new Map(this.all);
    const decision: CompareDecision | null = verdict ? { left, right, verdict, note: note.trim(), updatedAt: new Date().toISOString() } : null;
    if (decision) next.set(key, decision);
    else next.delete(key);
    this.all = next;
    void this.saves.run(() => (decision ? this.store.save(decision) : this.store.remove(key)));
  }

  async merge(incoming: readonly CompareDecision[]): Promise<number> {
    await this.saves.flushed();
    const written = await this.store.merge(incoming);
    this.all = await this.store.load();
    return written;
  }
}

let sequence = 0;

/** The comparison prepared in the worker: its TEMP tables' name once built for the current data and rules. */
export function preparedComparison(workbench: Workbench, rules: CompareRules): LiveQuery<string> {
  const name = `compare_${++sequence}`;
  return new LiveQuery<string>(() => {
    const engine = workbench.engine;
    void workbench.dataVersion;
    if (!engine || !workbench.ready || !rules.loaded) return null;
    if (COMPARED.some((table) => workbench.restoring.has(table))) return null;
    const statements = comparePrepareStatements(rules.current, name);
    return async () => {
      for (const statement of statements) await engine.query(statement, 'compare:prepare');
      return name;
    };
  });
}

/** A query over the prepared comparison, rerun when it is rebuilt or `build`'s inputs change. */
export function comparisonQuery<T>(
  workbench: Workbench,
  prepared: LiveQuery<string>,
  channel: string,
  build: (name: string) => SqlFragment | null,
  read: (rows: Row[]) => T,
): LiveQuery<T> {
  return new LiveQuery<T>(() => {
    const engine = workbench.engine;
    const name = prepared.status === 'ready' ? prepared.data : null;
    if (!engine || !name) return null;
    const q = build(name);
    if (!q) return null;
    return async () => read(rowsOf(await engine.query(q, channel)));
  });
}
