// The user-changeable parts of the assessment rules (口径), metrics.md's *setting* marks. The
// defaults are the district's rules; a figure computed under anything else says so, which is
// why diffFromDefault exists. Stored as versioned JSON, read back through normaliseSettings.
import { defaultTargets, readTargets, type Target } from '$lib/targets/model';
import { defaultEvaluationSettings, readEvaluationSettings, type EvaluationSettings } from '$lib/evaluation/settings';

/** Which exit reasons (退出原因) take a ticket out of the satisfaction figures. */
export type ExitExclusion = { mode: 'any' } | { mode: 'list'; reasons: string[] };

/** 'rate': share satisfied; 'weighted': mean score 非常满意 = 满意 = 100, 基本满意 = 80, else 0, as a 0–1 fraction. */
export type SatisfactionVariant = 'rate' | 'weighted';

/** 'natural': calendar hours; 'working': hours on working days of the PRC calendar (holidays and 调休). */
export type DurationMode = 'natural' | 'working';

export interface RankingWeights {
  satisfaction_rate: number;
  on_time_rate: number;
  resolution_rate: number;
  /** Applied to the inverted return rate: fewer returns score higher. */
  return_rate: number;
}

export interface MetricSettings {
  version: 1;
  excludedExitReasons: ExitExclusion;
  /** Whether 基本满意 counts as satisfied in the 'rate' variant (the weighted variant always scores it 80). */
  basicSatisfiedCounts: boolean;
  satisfactionVariant: SatisfactionVariant;
  /** Fixed as-of time 'YYYY-MM-DD HH:MM:SS' (naive local time), or null for metrics.md's automatic rule. */
  asOf: string | null;
  durationMode: DurationMode;
  excludeUnattributableFromRankings: boolean;
  minRatedForRanking: number;
  rankingWeights: RankingWeights;
  /**
   * Working days allowed per urgency (紧急程度) for tickets that carry no deadline_at. Used only
   * when durationMode is 'working': the default 口径 counts only tickets with a deadline as due,
   * and a deadline stated in working days has no meaning in natural time.
   */
  deadlineWorkingDays: Record<string, number>;
  /**
   * The district's targets (issue 15). They change no figure, only how one is read against its
   * target; a file written before targets existed has none and reads with the default target.
   */
  targets: Target[];
  /**
   * The annual evaluation of grid workers (issue 16): score components, bands, pool and
   * coefficients. It changes no metric, only the evaluation page and its export; a file written
   * before it existed reads with the default rules.
   */
  evaluation: EvaluationSettings;
}

export type SettingKey = Exclude<keyof MetricSettings, 'version'>;

export const SETTING_KEYS: readonly SettingKey[] = [
  'excludedExitReasons',
  'basicSatisfiedCounts',
  'satisfactionVariant',
  'asOf',
  'durationMode',
  'excludeUnattributableFromRankings',
  'minRatedForRanking',
  'rankingWeights',
  'deadlineWorkingDays',
  'targets',
  'evaluation',
];

export const DEFAULT_SETTINGS: Readonly<MetricSettings> = Object.freeze({
  version: 1,
  excludedExitReasons: { mode: 'any' },
  basicSatisfiedCounts: true,
  satisfactionVariant: 'rate',
  asOf: null,
  durationMode: 'natural',
  excludeUnattributableFromRankings: true,
  minRatedForRanking: 30,
  rankingWeights: { satisfaction_rate: 0.4, on_time_rate: 0.3, resolution_rate: 0.2, return_rate: 0.1 },
  deadlineWorkingDays: { 特急: 1, 紧急: 3, 一般: 5 },
  targets: defaultTargets(),
  evaluation: defaultEvaluationSettings(),
} satisfies MetricSettings);

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): MetricSettings {
  return structuredClone(DEFAULT_SETTINGS) as MetricSettings;
}

function sameValue(key: SettingKey, a: MetricSettings, b: MetricSettings): boolean {
  return canonicalJson(a[key]) === canonicalJson(b[key]);
}

/** JSON with object keys and exit-reason lists sorted, so equal settings compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify([...value].map(canonicalJson).sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The settings that differ from the district's defaults, in SETTING_KEYS order. */
export function diffFromDefault(settings: MetricSettings): SettingKey[] {
  return SETTING_KEYS.filter((key) => !sameValue(key, settings, DEFAULT_SETTINGS as MetricSettings));
}

export function isDefaultSettings(settings: MetricSettings): boolean {
  return diffFromDefault(settings).length === 0;
}

export interface SettingsReadResult {
  settings: MetricSettings;
  /** One line per field that was missing, invalid or of another version and fell back to its default. */
  problems: string[];
}

const NAIVE_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** 'YYYY-MM-DD[ T]HH:MM[:SS]' → 'YYYY-MM-DD HH:MM:SS'; null when malformed or carrying a zone. */
export function normaliseAsOf(value: string): string | null {
  const m = NAIVE_TIMESTAMP.exec(value.trim());
  if (!m) return null;
  const [, date, hh = '00', mm = '00', ss = '00'] = m;
  const [y, mo, d] = date.split('-').map(Number);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  return `${date} ${hh}:${mm}:${ss}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

type Reader<K extends SettingKey> = (raw: unknown) => MetricSettings[K] | undefined;

const readers: { [K in SettingKey]: Reader<K> } = {
  excludedExitReasons: (raw) => {
    if (!isRecord(raw)) return undefined;
    if (raw.mode === 'any') return { mode: 'any' };
    if (raw.mode === 'list' && Array.isArray(raw.reasons) && raw.reasons.every((r) => typeof r === 'string')) {
      const reasons = [...new Set((raw.reasons as string[]).map((r) => r.trim()).filter(Boolean))].sort();
      return { mode: 'list', reasons };
    }
    return undefined;
  },
  basicSatisfiedCounts: (raw) => (typeof raw === 'boolean' ? raw : undefined),
  satisfactionVariant: (raw) => (raw === 'rate' || raw === 'weighted' ? raw : undefined),
  asOf: (raw) => {
    if (raw === null) return null;
    return typeof raw === 'string' ? (normaliseAsOf(raw) ?? undefined) : undefined;
  },
  durationMode: (raw) => (raw === 'natural' || raw === 'working' ? raw : undefined),
  excludeUnattributableFromRankings: (raw) => (typeof raw === 'boolean' ? raw : undefined),
  minRatedForRanking: (raw) => (isNonNegative(raw) && Number.isInteger(raw) ? raw : undefined),
  rankingWeights: (raw) => {
    if (!isRecord(raw)) return undefined;
    const { satisfaction_rate, on_time_rate, resolution_rate, return_rate } = raw;
    const weights = [satisfaction_rate, on_time_rate, resolution_rate, return_rate];
    if (!weights.every(isNonNegative)) return undefined;
    // All-zero weights would make every score 0/0.
    if (!weights.some((w) => (w as number) > 0)) return undefined;
    return {
      satisfaction_rate: satisfaction_rate as number,
      on_time_rate: on_time_rate as number,
      resolution_rate: resolution_rate as number,
      return_rate: return_rate as number,
    };
  },
  deadlineWorkingDays: (raw) => {
    if (!isRecord(raw)) return undefined;
    const out: Record<string, number> = {};
    for (const [urgency, days] of Object.entries(raw)) {
      // Whole working days: a deadline falls at the receipt's clock time on the N-th working day.
      if (!urgency.trim() || !isNonNegative(days) || !Number.isInteger(days) || days === 0) return undefined;
      out[urgency.trim()] = days;
    }
    return out;
  },
  targets: readTargets,
  evaluation: readEvaluationSettings,
};

function readField<K extends SettingKey>(key: K, raw: unknown, into: MetricSettings, problems: string[]): void {
  const value = readers[key](raw);
  if (value === undefined) problems.push(`${key}: invalid value, using the default`);
  else into[key] = value;
}

/**
 * Settings read from storage or a file: anything missing or invalid falls back to its default
 * and is reported, so a damaged store never silently changes a figure's meaning.
 */
export function normaliseSettings(input: unknown): SettingsReadResult {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (!isRecord(input)) return { settings, problems: ['not a settings object, using the defaults'] };
  if (input.version !== 1) return { settings, problems: [`unknown settings version ${String(input.version)}, using the defaults`] };
  for (const key of SETTING_KEYS) {
    if (!(key in input)) continue;
    readField(key, input[key], settings, problems);
  }
  return { settings, problems };
}
