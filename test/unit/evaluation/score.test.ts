// The per-worker score on a worked example computed by hand, then grades (a tie, the 优秀 cap) and
// the subsidy (the rounding remainder) through the whole evaluation.
//
// Rules used: events 0→10 weight 50, 按时 0→1 weight 50, every other component weight 0.
//   A1 events 10 → 100, 按时 0.90 → 90            score (50·100 + 50·90) / 100 = 95
//   A2 events 20 → 100 (capped at 10), 按时 0.90   score 95 — ties A1; more events, so A2 is first
//   A3 events 8 → 80, no due event: 按时 left out  score 50·80 / 50 = 80
//   A4 events 5 → 50, 按时 0.75 → 75               score 62.5
//   A5 events 2 → 20, 按时 0.50 → 50               score 35
//   B1 events 10 → 100, 按时 0.845 → 84.5          score 92.25 (alone in B)
// Grades, 优秀 cap 20 %: A allows floor(0.2·5) = 1 → A2 优秀, A1 称职 (capped); B allows 0 → B1 称职 (capped);
//   A3 称职, A4 基本称职, A5 不称职.
// Subsidy, pool 1,000, coefficients 1.2 / 1 / 0.6 / 0: weights A2 114, A1 95, A3 80, A4 37.5, A5 0,
//   B1 92.25, total 418.75; exact A2 272.239, A1 226.866, A3 191.045, A4 89.552, B1 220.299;
//   floors 998, the 2 yuan left go to the largest fractions A1 (.866) and A4 (.552).
import { describe, expect, it } from 'vitest';
import {
  COMPONENTS,
  defaultEvaluationSettings,
  evaluateWorkers,
  normalise,
  roundScore,
  type ComponentId,
  type EvaluationSettings,
  type WorkerFigures,
} from '$lib/evaluation';
import { normaliseSettings } from '$lib/metrics';

function rules(): EvaluationSettings {
  const s = defaultEvaluationSettings();
  for (const id of COMPONENTS) s.components[id].weight = 0;
  s.components.events = { weight: 50, zeroAt: 0, fullAt: 10 };
  s.components.onTime = { weight: 50, zeroAt: 0, fullAt: 1 };
  s.poolYuan = 1000;
  return s;
}

function worker(workerId: string, township: string, events: number, onTime: number | null): WorkerFigures {
  const raw = Object.fromEntries(COMPONENTS.map((id) => [id, null])) as Record<ComponentId, number | null>;
  return { workerId, workerName: null, township, gridId: null, raw: { ...raw, events, onTime, missed: 0 } };
}

const FIGURES = [
  worker('A1', 'A', 10, 0.9),
  worker('A2', 'A', 20, 0.9),
  worker('A3', 'A', 8, null),
  worker('A4', 'A', 5, 0.75),
  worker('A5', 'A', 2, 0.5),
  worker('B1', 'B', 10, 0.845),
];

describe('normalise', () => {
  it('is linear between zeroAt and fullAt and clamped, in either direction', () => {
    expect(normalise(6, { weight: 1, zeroAt: 0, fullAt: 10 })).toBe(60);
    expect(normalise(25, { weight: 1, zeroAt: 0, fullAt: 10 })).toBe(100);
    // Fewer hours is better: 72 h scores 0, 24 h or less 100.
    expect(normalise(48, { weight: 1, zeroAt: 72, fullAt: 24 })).toBe(50);
    expect(normalise(10, { weight: 1, zeroAt: 72, fullAt: 24 })).toBe(100);
    expect(normalise(100, { weight: 1, zeroAt: 72, fullAt: 24 })).toBe(0);
    expect(normalise(null, { weight: 1, zeroAt: 0, fullAt: 1 })).toBeNull();
  });

  it('rounds a score to two decimals, half away from zero', () => {
    expect(roundScore(84.125)).toBe(84.13);
    expect(roundScore((100 + 100 * 0.6825) / 2)).toBe(84.13);
    expect(roundScore(84.1249)).toBe(84.12);
  });
});

describe('the evaluation of a worked example', () => {
  const evaluation = evaluateWorkers(FIGURES, rules());
  const by = new Map(evaluation.workers.map((w) => [w.workerId, w]));

  it('scores each worker, leaving out a component without a figure', () => {
    expect(Object.fromEntries(evaluation.workers.map((w) => [w.workerId, w.score]))).toEqual({ A1: 95, A2: 95, A3: 80, A4: 62.5, A5: 35, B1: 92.25 });
    const a3 = by.get('A3')!;
    expect(a3.weightUsed).toBe(50);
    expect(a3.components.find((c) => c.id === 'onTime')).toMatchObject({ raw: null, points: null, contribution: 0 });
    expect(a3.components.find((c) => c.id === 'events')).toMatchObject({ raw: 8, points: 80, weight: 50, contribution: 80 });
    const b1 = by.get('B1')!;
    expect(b1.components.find((c) => c.id === 'onTime')!.contribution).toBeCloseTo(42.25, 12);
  });

  it('grades by band, breaks the tie by events and applies the 优秀 cap per township', () => {
    expect(Object.fromEntries(evaluation.workers.map((w) => [w.workerId, w.grade]))).toEqual({
      A1: '称职', A2: '优秀', A3: '称职', A4: '基本称职', A5: '不称职', B1: '称职',
    });
    expect(by.get('A1')!.capped).toBe(true);
    expect(by.get('A1')!.reason).toEqual({ band: '优秀', rank: 2, townshipWorkers: 5, excellentAllowed: 1 });
    expect(by.get('B1')!.reason).toEqual({ band: '优秀', rank: 1, townshipWorkers: 1, excellentAllowed: 0 });
    expect(by.get('A3')!.capped).toBe(false);
  });

  it('pays whole yuan summing to the pool, the remainder to the largest fractions', () => {
    expect(Object.fromEntries(evaluation.workers.map((w) => [w.workerId, w.payment.yuan]))).toEqual({ A1: 227, A2: 272, A3: 191, A4: 90, A5: 0, B1: 220 });
    expect(evaluation.workers.filter((w) => w.payment.remainder).map((w) => w.workerId)).toEqual(['A1', 'A4']);
    expect(evaluation.totals.paidYuan).toBe(1000);
    expect(evaluation.totals.totalWeight).toBeCloseTo(418.75, 9);
  });

  it('counts grades per township', () => {
    expect(evaluation.totals.byGrade).toEqual({ 优秀: 1, 称职: 3, 基本称职: 1, 不称职: 1 });
    expect(evaluation.totals.townships.map((t) => [t.township, t.byGrade.称职, t.capped, t.paidYuan])).toEqual([
      ['A', 2, 1, 780],
      ['B', 1, 1, 220],
    ]);
  });
});

describe('the evaluation rules in the 口径 settings', () => {
  it('a settings record without them reads with the defaults, and a damaged one is reported', () => {
    expect(normaliseSettings({ version: 1 }).settings.evaluation).toEqual(defaultEvaluationSettings());
    const damaged = defaultEvaluationSettings() as unknown as { bands: { excellent: number } };
    damaged.bands.excellent = 50; // below 称职's 75: bands out of order
    const read = normaliseSettings({ version: 1, evaluation: damaged });
    expect(read.settings.evaluation).toEqual(defaultEvaluationSettings());
    expect(read.problems).toEqual(['evaluation: invalid value, using the default']);
  });

  it('keeps changed rules', () => {
    const changed = defaultEvaluationSettings();
    changed.poolYuan = 1_000_000;
    changed.components.missed.weight = 15;
    changed.bands.excellentCap = null;
    const read = normaliseSettings({ version: 1, evaluation: changed });
    expect(read.problems).toEqual([]);
    expect(read.settings.evaluation).toEqual(changed);
  });

  it('refuses all-zero weights and a pool that is not whole yuan', () => {
    const zero = defaultEvaluationSettings();
    for (const id of COMPONENTS) zero.components[id].weight = 0;
    expect(normaliseSettings({ version: 1, evaluation: zero }).problems).toHaveLength(1);
    expect(normaliseSettings({ version: 1, evaluation: { ...defaultEvaluationSettings(), poolYuan: 10.5 } }).problems).toHaveLength(1);
  });
});
