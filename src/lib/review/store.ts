// The review's records in IndexedDB (through $lib/store's kv, the only door to it): one key per
// finding, so saving one finding never rewrites another, and the review settings under one key.
// Records are read back through parseFinding / normaliseReviewSettings: a damaged record is
// reported and skipped, never allowed to break the page.
import { kv, type KvNamespace } from '$lib/store';
import { findingKey, isBlankFinding, parseFinding, planMerge, type Finding, type FindingKey, type MergePlan } from './findings';
import { normaliseReviewSettings, type ReviewSettings } from './settings';

export type ReviewKv = Pick<KvNamespace, 'get' | 'set' | 'delete' | 'keys'>;

export interface FindingsLoad {
  findings: Map<FindingKey, Finding>;
  /** Keys of stored records that did not read as findings. */
  damaged: string[];
}

export class FindingsStore {
  constructor(private readonly store: ReviewKv = kv('review-findings')) {}

  /** Every stored finding, or those of one area's quarter. */
  async load(scope?: { township: string; quarter: string }): Promise<FindingsLoad> {
    const prefix = scope ? findingKey({ quarter: scope.quarter, township: scope.township, ticketId: '' }) : '';
    const keys = (await this.store.keys()).filter((k) => k.startsWith(prefix));
    const findings = new Map<FindingKey, Finding>();
    const damaged: string[] = [];
    for (const key of keys) {
      const parsed = parseFinding(await this.store.get<unknown>(key));
      if (parsed.finding && findingKey(parsed.finding) === key) findings.set(key, parsed.finding);
      else damaged.push(key);
    }
    return { findings, damaged };
  }

  /** Stores the finding (a blank one is deleted: nothing recorded, nothing kept). */
  async save(finding: Finding): Promise<void> {
    const key = findingKey(finding);
    if (isBlankFinding(finding)) await this.store.delete(key);
    // A plain copy: IndexedDB's structured clone refuses Svelte state proxies.
    else await this.store.set(key, { ...finding });
  }

  /**
   * Merges imported findings into the stored ones (planMerge's rule) and writes only what the
   * plan says; existing findings are never deleted. Returns the plan for the report.
   */
  async merge(incoming: readonly Finding[]): Promise<MergePlan> {
    const { findings } = await this.load();
    const plan = planMerge(findings, incoming);
    for (const f of plan.writes) await this.store.set(findingKey(f), { ...f });
    return plan;
  }
}

const SETTINGS_KEY = 'current';

export class ReviewSettingsStore {
  constructor(private readonly store: Pick<KvNamespace, 'get' | 'set' | 'delete'> = kv('review-settings')) {}

  async load(): Promise<{ settings: ReviewSettings; problems: string[] }> {
    return normaliseReviewSettings(await this.store.get<unknown>(SETTINGS_KEY));
  }

  async save(settings: ReviewSettings): Promise<void> {
    await this.store.set(SETTINGS_KEY, JSON.parse(JSON.stringify(settings)) as ReviewSettings);
  }
}
