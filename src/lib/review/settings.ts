// The review's own rules: thresholds of the key-ticket flags and the severity weights. Defaults
// below are the documented ones (shown on the page); the user's changes are saved in IndexedDB
// (settings-store.ts) and always read back through normaliseReviewSettings.
import { FLAG_IDS, type FlagId } from './flags';

export interface ReviewThresholds {
  /** returned: 退回 at least this many times. Default 2. */
  returnedMin: number;
  /** repeat: the same caller phone (as exported, masked or not) at least this many times in the area's quarter. Default 3. */
  repeatPhoneMin: number;
  /** repeat: the same normalised address at least this many times in the area's quarter. Default 3. */
  repeatAddressMin: number;
  /** hotspot: the address cluster (address.ts) holds at least this many tickets in the area's quarter. Default 25 (about two a week). */
  hotspotMin: number;
  /** multi_department: returned at least this many times (each 退回 means a reassignment to another unit). Default 1. */
  multiDepartmentMinReturns: number;
}

export type SeverityWeights = Record<FlagId, number>;

export interface ReviewSettings {
  version: 1;
  thresholds: ReviewThresholds;
  /** enterprise_complaint: enterprise-related tickets of these request types. Default 投诉. */
  enterpriseComplaintTypes: string[];
  /**
   * Severity = the sum of the weights of a ticket's flags. Defaults: 3 for what the assessment
   * itself scores against the area or that needs an owner decided on site (unsatisfied, reopened,
   * unattributable); 2 for process failures and cross-unit disputes (late, returned, repeat,
   * multi_department, enterprise_complaint); 1 for hotspot, which is context rather than a fault.
   */
  weights: SeverityWeights;
  /** How many of the most severe key tickets the briefing deck lists. Default 15. */
  deckTopTickets: number;
}

export const DEFAULT_REVIEW_SETTINGS: Readonly<ReviewSettings> = Object.freeze({
  version: 1,
  thresholds: { returnedMin: 2, repeatPhoneMin: 3, repeatAddressMin: 3, hotspotMin: 25, multiDepartmentMinReturns: 1 },
  enterpriseComplaintTypes: ['投诉'],
  weights: {
    unsatisfied: 3,
    late: 2,
    reopened: 3,
    returned: 2,
    repeat: 2,
    hotspot: 1,
    unattributable: 3,
    multi_department: 2,
    enterprise_complaint: 2,
  },
  deckTopTickets: 15,
} satisfies ReviewSettings);

export function defaultReviewSettings(): ReviewSettings {
  return structuredClone(DEFAULT_REVIEW_SETTINGS) as ReviewSettings;
}

export const THRESHOLD_KEYS = ['returnedMin', 'repeatPhoneMin', 'repeatAddressMin', 'hotspotMin', 'multiDepartmentMinReturns'] as const satisfies readonly (keyof ReviewThresholds)[];

const MAX_THRESHOLD = 100_000;
const MAX_WEIGHT = 100;

function wholeNumber(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * Stored or imported settings made safe: every field that does not read takes its default and is
 * named in `problems`, so a damaged record costs one field, not all of the user's rules.
 */
export function normaliseReviewSettings(raw: unknown): { settings: ReviewSettings; problems: string[] } {
  const settings = defaultReviewSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw) || (raw as { version?: unknown }).version !== 1) {
    return { settings, problems: ['review settings: unknown format'] };
  }
  const input = raw as Partial<Record<keyof ReviewSettings, unknown>>;
  const thresholds = (input.thresholds ?? {}) as Record<string, unknown>;
  for (const key of THRESHOLD_KEYS) {
    if (!(key in thresholds)) continue;
    const v = wholeNumber(thresholds[key], 1, MAX_THRESHOLD);
    if (v === null) problems.push(`thresholds.${key}`);
    else settings.thresholds[key] = v;
  }
  const weights = (input.weights ?? {}) as Record<string, unknown>;
  for (const flag of FLAG_IDS) {
    if (!(flag in weights)) continue;
    const v = wholeNumber(weights[flag], 0, MAX_WEIGHT);
    if (v === null) problems.push(`weights.${flag}`);
    else settings.weights[flag] = v;
  }
  if ('enterpriseComplaintTypes' in input) {
    const types = input.enterpriseComplaintTypes;
    if (Array.isArray(types) && types.every((t) => typeof t === 'string' && t.trim() !== '')) {
      settings.enterpriseComplaintTypes = [...new Set(types.map((t: string) => t.trim()))];
    } else problems.push('enterpriseComplaintTypes');
  }
  if ('deckTopTickets' in input) {
    const v = wholeNumber(input.deckTopTickets, 1, 50);
    if (v === null) problems.push('deckTopTickets');
    else settings.deckTopTickets = v;
  }
  return { settings, problems };
}

/** The settings that differ from the defaults, for the page to mark. */
export function changedReviewSettings(settings: ReviewSettings): string[] {
  const d = DEFAULT_REVIEW_SETTINGS;
  const changed: string[] = [];
  for (const key of THRESHOLD_KEYS) if (settings.thresholds[key] !== d.thresholds[key]) changed.push(`thresholds.${key}`);
  for (const flag of FLAG_IDS) if (settings.weights[flag] !== d.weights[flag]) changed.push(`weights.${flag}`);
  if ([...settings.enterpriseComplaintTypes].sort().join('|') !== [...d.enterpriseComplaintTypes].sort().join('|')) changed.push('enterpriseComplaintTypes');
  if (settings.deckTopTickets !== d.deckTopTickets) changed.push('deckTopTickets');
  return changed;
}
