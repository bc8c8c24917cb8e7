// The annual report's rows on hand-made rankings: rank change, YoY, targets, drivers, order.
import { describe, expect, it } from 'vitest';
import { annualRows, largestDrivers, yearPeriod, annualTable } from '$lib/annual';
import { POOLED_KEY } from '$lib/explain';

const now = [
  { key: 'B', rank: 1, score: 0.9, satisfaction_rate: 0.96, rated: 100 },
  { key: 'A', rank: 2, score: 0.8, satisfaction_rate: 0.94, rated: 100 },
  { key: 'C', rank: null, score: null, satisfaction_rate: 0.5, rated: 3 },
];
const before = [
  { key: 'A', rank: 1, score: 0.85, satisfaction_rate: 0.95, rated: 100 },
  { key: 'B', rank: 2, score: 0.8, satisfaction_rate: 0.9, rated: 100 },
];

describe('annualRows', () => {
  it('joins last year by key: B rose one place (+6 pp), A fell one (−1 pp), C unranked last', () => {
    const rows = annualRows('township', now, before, new Map([['A', false], ['B', true]]));
    expect(rows.map((r) => [r.key, r.rank, r.previousRank, r.rankChange, r.targetMet])).toEqual([
      ['B', 1, 2, 1, true],
      ['A', 2, 1, -1, false],
      ['C', null, null, null, null],
    ]);
    expect(rows[0].yoy).toBeCloseTo(0.06, 12);
    expect(rows[1].yoy).toBeCloseTo(-0.01, 12);
    expect(rows[2].yoy).toBeNull();
  });
  it('names the largest non-pooled group as the driver', () => {
    // X: 90/100 → 80/100 and Y: 50/50 → 50/50 (pooled: fewer than 30? no, kept as given).
    // Shares 2/3, 1/3 both years; X's rate effect −0.1 × 2/3 is the only contribution.
    const drivers = largestDrivers(new Map([['A', [
      { key: POOLED_KEY, numerator0: 0, denominator0: 10, numerator1: 10, denominator1: 10 },
      { key: 'X', numerator0: 90, denominator0: 100, numerator1: 80, denominator1: 100 },
      { key: 'Y', numerator0: 50, denominator0: 50, numerator1: 50, denominator1: 50 },
    ]]]));
    expect(drivers.get('A')?.key).toBe('X');
  });
  it('covers the calendar year and makes one table of both unit kinds', () => {
    expect(yearPeriod(2024)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    const table = annualTable(annualRows('township', now, before), (k) => k, 'T');
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toMatchObject({ key: 'B', rank: 1, rankChange: 1 });
  });
});
