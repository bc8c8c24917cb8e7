// The review page's persisted state: the rules (thresholds, weights) and the findings, each read
// from IndexedDB once and written on every change. Writes go one after another so the last
// change is the one stored; a failed write is kept as a message for the page to show.
import {
  FindingsStore,
  ReviewSettingsStore,
  defaultReviewSettings,
  findingKey,
  type Finding,
  type FindingKey,
  type MergePlan,
  type ReviewSettings,
} from '$lib/review';
import { SaveQueue } from '$lib/state/save-queue.svelte';

export class ReviewRules {
  current = $state.raw<ReviewSettings>(defaultReviewSettings());
  loaded = $state(false);
  problems = $state.raw<string[]>([]);
  readonly saves = new SaveQueue();

  constructor(private readonly store = new ReviewSettingsStore()) {}

  async load(): Promise<void> {
    try {
      const { settings, problems } = await this.store.load();
      this.current = settings;
      this.problems = problems;
    } catch (error) {
      this.problems = [error instanceof Error ? error.message : String(error)];
    } finally {
      this.loaded = true;
    }
  }

  set(next: ReviewSettings): void {
    this.current = next;
    void this.saves.run(() => this.store.save(next));
  }
}

export type SaveState = { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

export class ReviewFindings {
  /** Every finding on this machine, by key. */
  all = $state.raw<Map<FindingKey, Finding>>(new Map());
  loaded = $state(false);
  loadError = $state<string | null>(null);
  damaged = $state(0);
  /** Per finding key: the state of its last save. */
  saveState = $state.raw<Map<FindingKey, SaveState>>(new Map());
  #saving: Promise<void> = Promise.resolve();

  constructor(private readonly store = new FindingsStore()) {}

  async load(): Promise<void> {
    try {
      const { findings, damaged } = await this.store.load();
      this.all = findings;
      this.damaged = damaged.length;
      this.loadError = null;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      this.loaded = true;
    }
  }

  count(township: string, quarter: string): number {
    let n = 0;
    for (const f of this.all.values()) if (f.township === township && f.quarter === quarter) n++;
    return n;
  }

  get(ticketId: string, township: string, quarter: string): Finding | undefined {
    return this.all.get(findingKey({ ticketId, township, quarter }));
  }

  #setSaveState(key: FindingKey, state: SaveState): void {
    const next = new Map(this.saveState);
    next.set(key, state);
    this.saveState = next;
  }

  save(finding: Finding): Promise<void> {
    const stamped = { ...finding, updatedAt: new Date().toISOString() };
    const key = findingKey(stamped);
    const next = new Map(this.all);
    next.set(key, stamped);
    this.all = next;
    this.#setSaveState(key, { kind: 'saving' });
    this.#saving = this.#saving.then(async () => {
      try {
        await this.store.save(stamped);
        this.#setSaveState(key, { kind: 'saved', at: stamped.updatedAt });
      } catch (error) {
        this.#setSaveState(key, { kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    });
    return this.#saving;
  }

  async merge(incoming: readonly Finding[]): Promise<MergePlan> {
    await this.#saving;
    const plan = await this.store.merge(incoming);
    await this.load();
    return plan;
  }
}
