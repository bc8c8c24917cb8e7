// The rules of the annual evaluation of grid workers (网格员年度考核): which components make the
// score, how each raw figure becomes 0–100, their weights, the grade bands with the 优秀 cap, the
// subsidy pool and the grade coefficients. Saved with the other 口径 settings (MetricSettings'
// `evaluation`), so they are exchanged in the same settings file and read back through
// readEvaluationSettings, which refuses anything malformed (the caller then keeps the default).
import { DEFAULT_BANDS, GRADES, type Grade, type GradeBands } from './grades';
import { DEFAULT_COEFFICIENTS, DEFAULT_POOL_YUAN } from './subsidy';

/**
 * The score's components, in the order the page and the export show them:
 *  events       events the worker reported in the year (上报)
 *  verified     share of them verified (核验 done: verified_at set)
 *  returned     share returned (退回): status one of `returnedStatuses` — lower is better
 *  onTime       metrics.md's grid on_time_rate (处置 by the deadline over due events)
 *  loopHours    metrics.md's median_loop_hours (上报→核验 through every stage) — lower is better
 *  supervised   metrics.md's supervised_share (督办 needed) — lower is better
 *  selfResolved metrics.md's self_resolved_rate (自办结)
 *  missed       confirmed missed reports (漏报) from the comparison's checking — lower is better
 */
export const COMPONENTS = ['events', 'verified', 'returned', 'onTime', 'loopHours', 'supervised', 'selfResolved', 'missed'] as const;
export type ComponentId = (typeof COMPONENTS)[number];

/**
 * How a raw figure becomes 0–100: linear from `zeroAt` (0 points) to `fullAt` (100 points),
 * clamped to [0, 100]. fullAt above zeroAt: more is better; below: less is better. Past fullAt
 * nothing more is earned — the cap.
 */
export interface ComponentRule {
  weight: number;
  zeroAt: number;
  fullAt: number;
}

export interface EvaluationSettings {
  version: 1;
  components: Record<ComponentId, ComponentRule>;
  /** Statuses (状态, trimmed, exact) that mean the event was returned (退回) as not valid or not in scope. */
  returnedStatuses: string[];
  bands: GradeBands;
  /** Whole yuan. */
  poolYuan: number;
  coefficients: Record<Grade, number>;
}

export const DEFAULT_EVALUATION: Readonly<EvaluationSettings> = Object.freeze({
  version: 1,
  components: {
    // Defaults chosen on the 2024 sample (1,501 workers): 60 events is about the mean per worker.
    events: { weight: 25, zeroAt: 0, fullAt: 60 },
    verified: { weight: 10, zeroAt: 0.8, fullAt: 1 },
    returned: { weight: 10, zeroAt: 0.2, fullAt: 0 },
    onTime: { weight: 20, zeroAt: 0.8, fullAt: 1 },
    loopHours: { weight: 10, zeroAt: 72, fullAt: 24 },
    supervised: { weight: 10, zeroAt: 0.3, fullAt: 0.05 },
    selfResolved: { weight: 10, zeroAt: 0.2, fullAt: 0.7 },
    missed: { weight: 5, zeroAt: 5, fullAt: 0 },
  },
  returnedStatuses: ['退回', '已退回', '驳回', '已驳回'],
  bands: { ...DEFAULT_BANDS },
  poolYuan: DEFAULT_POOL_YUAN,
  coefficients: { ...DEFAULT_COEFFICIENTS },
} satisfies EvaluationSettings);

export function defaultEvaluationSettings(): EvaluationSettings {
  return structuredClone(DEFAULT_EVALUATION) as EvaluationSettings;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const MAX_WEIGHT = 1000;

function readRule(raw: unknown): ComponentRule | undefined {
  if (!isRecord(raw)) return undefined;
  const { weight, zeroAt, fullAt } = raw;
  if (!finite(weight) || weight < 0 || weight > MAX_WEIGHT || !finite(zeroAt) || !finite(fullAt) || zeroAt === fullAt) return undefined;
  return { weight, zeroAt, fullAt };
}

function readBands(raw: unknown): GradeBands | undefined {
  if (!isRecord(raw)) return undefined;
  const { excellent, competent, basic, excellentCap } = raw;
  if (![excellent, competent, basic].every(finite)) return undefined;
  if (!((excellent as number) >= (competent as number) && (competent as number) >= (basic as number) && (basic as number) >= 0 && (excellent as number) <= 100)) return undefined;
  if (excellentCap !== null && !(finite(excellentCap) && excellentCap >= 0 && excellentCap <= 1)) return undefined;
  return { excellent: excellent as number, competent: competent as number, basic: basic as number, excellentCap: excellentCap as number | null };
}

function readCoefficients(raw: unknown): Record<Grade, number> | undefined {
  if (!isRecord(raw)) return undefined;
  const out = {} as Record<Grade, number>;
  for (const g of GRADES) {
    const c = raw[g];
    if (!finite(c) || c < 0 || c > 100) return undefined;
    out[g] = c;
  }
  return out;
}

/**
 * The evaluation rules of a stored record or settings file; undefined when any part does not
 * read (the settings reader then keeps the default and reports it). Every weight may not be 0:
 * a score would then be 0/0.
 */
export function readEvaluationSettings(raw: unknown): EvaluationSettings | undefined {
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.components)) return undefined;
  const components = {} as Record<ComponentId, ComponentRule>;
  for (const id of COMPONENTS) {
    const rule = readRule(raw.components[id]);
    if (!rule) return undefined;
    components[id] = rule;
  }
  if (!COMPONENTS.some((id) => components[id].weight > 0)) return undefined;
  const statuses = raw.returnedStatuses;
  if (!Array.isArray(statuses) || !statuses.every((s) => typeof s === 'string')) return undefined;
  const bands = readBands(raw.bands);
  const coefficients = readCoefficients(raw.coefficients);
  const pool = raw.poolYuan;
  if (!bands || !coefficients || !(typeof pool === 'number' && Number.isSafeInteger(pool) && pool >= 0)) return undefined;
  return {
    version: 1,
    components,
    returnedStatuses: [...new Set((statuses as string[]).map((s) => s.trim()).filter(Boolean))],
    bands,
    poolYuan: pool,
    coefficients,
  };
}
