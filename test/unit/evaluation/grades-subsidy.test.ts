// A worked example computed by hand: six workers in two townships, a tie on the top score, the
// 优秀 cap (20 %: one of five in 悦来镇, none of one in 常乐镇) and a pool of 1,000 yuan whose
// rounding leaves 3 yuan to hand out.
//
//   weights (coefficient × score): W2 1.2×95 = 114, W1 1.0×95 = 95 (capped to 称职), W3 80,
//   W4 0.6×62 = 37.2, W5 0 (不称职), W6 1.0×92 = 92 (capped); total 418.2
//   exact shares of 1,000: W2 272.597, W1 227.164, W3 191.296, W4 88.953, W6 219.990
//   floors sum to 997; the 3 yuan left go to the largest fractions: W6 (.990), W4 (.953), W2 (.597)
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_COEFFICIENTS, allocateSubsidy, gradeWorkers, type ScoredWorker } from '$lib/evaluation';

const workers: ScoredWorker[] = [
  { workerId: 'W1', township: '悦来镇', score: 95, eventsReported: 40 },
  { workerId: 'W2', township: '悦来镇', score: 95, eventsReported: 50 },
  { workerId: 'W3', township: '悦来镇', score: 80, eventsReported: 30 },
  { workerId: 'W4', township: '悦来镇', score: 62, eventsReported: 20 },
  { workerId: 'W5', township: '悦来镇', score: 50, eventsReported: 5 },
  { workerId: 'W6', township: '常乐镇', score: 92, eventsReported: 60 },
];

describe('grades', () => {
  it('bands scores, breaks the tie by events reported and applies the 优秀 cap per township', () => {
    const grades = gradeWorkers(workers, DEFAULT_BANDS);
    expect(Object.fromEntries([...grades].map(([id, g]) => [id, g.grade]))).toEqual({
      W2: '优秀', W1: '称职', W3: '称职', W4: '基本称职', W5: '不称职', W6: '称职',
    });
    expect(grades.get('W1')!.capped).toBe(true);
    expect(grades.get('W6')!.capped).toBe(true);
    expect(grades.get('W3')!.capped).toBe(false);
  });

  it('without a cap every score of 90 or more is 优秀', () => {
    const grades = gradeWorkers(workers, { ...DEFAULT_BANDS, excellentCap: null });
    expect(['W1', 'W2', 'W6'].map((id) => grades.get(id)!.grade)).toEqual(['优秀', '优秀', '优秀']);
  });
});

describe('subsidy', () => {
  it('pays whole yuan summing exactly to the pool, the remainder to the largest fractions', () => {
    const grades = gradeWorkers(workers, DEFAULT_BANDS);
    const payments = allocateSubsidy(workers.map((w) => ({ workerId: w.workerId, score: w.score, grade: grades.get(w.workerId)!.grade })), 1000, DEFAULT_COEFFICIENTS);
    expect(Object.fromEntries(payments.map((p) => [p.workerId, p.yuan]))).toEqual({ W1: 227, W2: 273, W3: 191, W4: 89, W5: 0, W6: 220 });
    expect(payments.filter((p) => p.remainder).map((p) => p.workerId).sort()).toEqual(['W2', 'W4', 'W6']);
    expect(payments.reduce((s, p) => s + p.yuan, 0)).toBe(1000);
    expect(payments.find((p) => p.workerId === 'W4')!.weight).toBeCloseTo(37.2, 12);
  });

  it('sums to the default pool exactly for 1,508 workers', () => {
    const many = Array.from({ length: 1508 }, (_, i) => ({ workerId: `W${String(i).padStart(4, '0')}`, score: 40 + ((i * 37) % 61), grade: (['优秀', '称职', '基本称职', '不称职'] as const)[i % 4] }));
    const payments = allocateSubsidy(many, 8_440_000, DEFAULT_COEFFICIENTS);
    expect(payments.reduce((s, p) => s + p.yuan, 0)).toBe(8_440_000);
    expect(payments.every((p) => Number.isInteger(p.yuan) && p.yuan >= 0)).toBe(true);
  });
});
