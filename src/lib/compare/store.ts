// Decisions and the comparison's settings in IndexedDB, through $lib/store (the only door to it):
// one key per decided pair, so recording one never rewrites another.
import { kv, type KvNamespace } from '$lib/store';
import { decisionKey, parseDecision, planDecisionMerge, type CompareDecision } from './decisions';
import { normaliseCompareSettings, type CompareSettings } from './settings';

type Kv = Pick<KvNamespace, 'get' | 'set' | 'delete' | 'keys'>;

export class DecisionsStore {
  constructor(private readonly store: Kv = kv('compare-decisions')) {}

  async load(): Promise<Map<string, CompareDecision>> {
    const out = new Map<string, CompareDecision>();
    for (const key of await this.store.keys()) {
      const d = parseDecision(await this.store.get<unknown>(key));
      if (d && decisionKey(d) === key) out.set(key, d);
    }
    return out;
  }

  async save(decision: CompareDecision): Promise<void> {
    await this.store.set(decisionKey(decision), { ...decision });
  }

  async remove(key: string): Promise<void> {
    await this.store.delete(key);
  }

  /** Writes the incoming decisions that are new or later than the stored ones; returns how many. */
  async merge(incoming: readonly CompareDecision[]): Promise<number> {
    const writes = planDecisionMerge(await this.load(), incoming);
    for (const d of writes) await this.save(d);
    return writes.length;
  }
}

export class CompareSettingsStore {
  constructor(private readonly store: Pick<KvNamespace, 'get' | 'set'> = kv('compare-settings')) {}

  async load(): Promise<CompareSettings> {
    return normaliseCompareSettings(await this.store.get<unknown>('current')).settings;
  }

  async save(settings: CompareSettings): Promise<void> {
    await this.store.set('current', JSON.parse(JSON.stringify(settings)) as CompareSettings);
  }
}
