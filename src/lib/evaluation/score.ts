// The score of each grid worker from their year's figures, then grades and subsidy, with every
// step kept for the per-worker explanation. Pure: the figures come from ./sql (one row per
// worker, computed in the engine), the rules from ./settings.
//
// Rules, as the page states them:
//  - each component's raw figure becomes 0–100 linearly between its zeroAt and fullAt, clamped
//    (normalise below);
//  - a component with no figure for a worker (no due event for 按时, no verified event for the loop
//    hours, no self-resolved answer) is left out and the other weights count in its place;
//  - score = Σ weight × points ÷ Σ weight of the components present, rounded to two decimals
//    (half away from zero); grades and subsidy use the rounded score, the one shown;
//  - missed reports are counted only once checking has begun on #/compare; before that every
//    worker has 0 (nothing is confirmed yet).
import { bandOf, compareWorkers, gradeWorkers, GRADES, type Grade, type ScoredWorker } from './grades';
import { COMPONENTS, type ComponentId, type ComponentRule, type EvaluationSettings } from './settings';
import { allocateSubsidy, type Payment } from './subsidy';

/** One worker's figures for the year, as ./sql reads them. Shares are fractions in [0, 1]. */
export interface WorkerFigures {
  workerId: string;
  workerName: string | null;
  township: string;
  gridId: string | null;
  raw: Record<ComponentId, number | null>;
}

export interface ComponentScore {
  id: ComponentId;
  raw: number | null;
  /** 0–100, or null when the component is left out for this worker. */
  points: number | null;
  weight: number;
  /** weight × points ÷ the weights present: this component's share of the score. */
  contribution: number;
}

export interface GradeReason {
  /** The grade the score's band gives. */
  band: Grade;
  /** Position in the township by the tie rule (1 = first). */
  rank: number;
  townshipWorkers: number;
  /** How many 优秀 the cap allows in the township (null: no cap). */
  excellentAllowed: number | null;
}

export interface EvaluatedWorker extends WorkerFigures {
  components: ComponentScore[];
  /** Σ weights of the components present. */
  weightUsed: number;
  score: number;
  grade: Grade;
  capped: boolean;
  reason: GradeReason;
  payment: Payment;
  coefficient: number;
}

export interface EvaluationTotals {
  workers: number;
  poolYuan: number;
  paidYuan: number;
  totalWeight: number;
  byGrade: Record<Grade, number>;
  /** Grade counts per township, townships in name order. */
  townships: { township: string; workers: number; byGrade: Record<Grade, number>; capped: number; paidYuan: number }[];
}

export interface Evaluation {
  workers: EvaluatedWorker[];
  totals: EvaluationTotals;
}

export function normalise(raw: number | null, rule: ComponentRule): number | null {
  if (raw === null || !Number.isFinite(raw)) return null;
  const points = (100 * (raw - rule.zeroAt)) / (rule.fullAt - rule.zeroAt);
  return Math.min(100, Math.max(0, points));
}

/** Two decimals, half away from zero; the small nudge keeps 84.125 (stored as 84.12499…) at 84.13. */
export function roundScore(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-7) / 100;
}

export function scoreComponents(raw: Record<ComponentId, number | null>, settings: EvaluationSettings): { components: ComponentScore[]; weightUsed: number; exact: number } {
  // One pass for the points, one for the contributions: this runs for every worker on every
  // change of a rule, on the page's thread.
  const components: ComponentScore[] = new Array(COMPONENTS.length);
  let weightUsed = 0;
  for (let i = 0; i < COMPONENTS.length; i++) {
    const id = COMPONENTS[i];
    const rule = settings.components[id];
    const points = normalise(raw[id], rule);
    if (points !== null) weightUsed += rule.weight;
    components[i] = { id, raw: raw[id], points, weight: rule.weight, contribution: 0 };
  }
  let exact = 0;
  if (weightUsed > 0) {
    for (const c of components) {
      if (c.points === null) continue;
      c.contribution = (c.weight * c.points) / weightUsed;
      exact += c.contribution;
    }
  }
  return { components, weightUsed, exact };
}

const zeroByGrade = (): Record<Grade, number> => Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;

export function evaluateWorkers(figures: readonly WorkerFigures[], settings: EvaluationSettings): Evaluation {
  const scored = figures.map((f) => {
    const { components, weightUsed, exact } = scoreComponents(f.raw, settings);
    return { figures: f, components, weightUsed, score: roundScore(exact) };
  });
  const forGrading: ScoredWorker[] = scored.map((s) => ({
    workerId: s.figures.workerId,
    township: s.figures.township,
    score: s.score,
    eventsReported: s.figures.raw.events ?? 0,
  }));
  const grades = gradeWorkers(forGrading, settings.bands);

  // The tie rule's order within each township, for the explanation of a grade.
  const rankOf = new Map<string, { rank: number; size: number }>();
  const byTownship = new Map<string, ScoredWorker[]>();
  for (const w of forGrading) {
    const list = byTownship.get(w.township);
    if (list) list.push(w);
    else byTownship.set(w.township, [w]);
  }
  for (const list of byTownship.values()) {
    list.sort(compareWorkers);
    list.forEach((w, i) => rankOf.set(w.workerId, { rank: i + 1, size: list.length }));
  }

  const payments = allocateSubsidy(
    scored.map((s) => ({ workerId: s.figures.workerId, score: s.score, grade: grades.get(s.figures.workerId)!.grade })),
    settings.poolYuan,
    settings.coefficients,
  );
  const cap = settings.bands.excellentCap;
  const workers: EvaluatedWorker[] = scored.map((s, i) => {
    const { grade, capped } = grades.get(s.figures.workerId)!;
    const { rank, size } = rankOf.get(s.figures.workerId)!;
    const f = s.figures;
    // Named, not spread: `{ ...figures, a dozen more }` made V8 build every worker slowly and
    // churn the collector (measured on the sample's 1,501 workers, CPU median of 300 runs in Node:
    // ≈50 ms with the spread, ≈1.7 ms without).
    return {
      workerId: f.workerId,
      workerName: f.workerName,
      township: f.township,
      gridId: f.gridId,
      raw: f.raw,
      components: s.components,
      weightUsed: s.weightUsed,
      score: s.score,
      grade,
      capped,
      reason: { band: bandOf(s.score, settings.bands), rank, townshipWorkers: size, excellentAllowed: cap === null ? null : Math.floor(cap * size) },
      payment: payments[i],
      coefficient: settings.coefficients[grade],
    };
  });
  return { workers, totals: totalsOf(workers, settings) };
}

function totalsOf(workers: readonly EvaluatedWorker[], settings: EvaluationSettings): EvaluationTotals {
  const byGrade = zeroByGrade();
  const towns = new Map<string, EvaluationTotals['townships'][number]>();
  for (const w of workers) {
    byGrade[w.grade]++;
    const town = towns.get(w.township) ?? { township: w.township, workers: 0, byGrade: zeroByGrade(), capped: 0, paidYuan: 0 };
    town.workers++;
    town.byGrade[w.grade]++;
    if (w.capped) town.capped++;
    town.paidYuan += w.payment.yuan;
    towns.set(w.township, town);
  }
  return {
    workers: workers.length,
    poolYuan: settings.poolYuan,
    paidYuan: workers.reduce((s, w) => s + w.payment.yuan, 0),
    totalWeight: workers.reduce((s, w) => s + w.payment.weight, 0),
    byGrade,
    townships: [...towns.values()].sort((a, b) => (a.township < b.township ? -1 : a.township > b.township ? 1 : 0)),
  };
}
