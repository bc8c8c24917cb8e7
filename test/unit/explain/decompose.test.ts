// Kitagawa's decomposition on two-group examples worked by hand.
import { describe, expect, it } from 'vitest';
import { basePeriod, decompose, parseExplainQuery, poolSmallGroups, POOLED_KEY, type GroupCounts } from '$lib/explain';

const g = (key: string, n0: number, s0: number, n1: number, s1: number): GroupCounts => ({ key, denominator0: n0, numerator0: s0, denominator1: n1, numerator1: s1 });
const byKey = (d: ReturnType<typeof decompose>) => Object.fromEntries(d.drivers.map((x) => [x.key, x]));

describe('decompose', () => {
  it('puts the whole change in mix when only the groups’ shares move', () => {
    // A 90/100 and B 50/100 → A 270/300 and B 50/100: 0.7 → 0.8, both own rates unchanged.
    // Centred on R̄ = (0.7 + 0.8)/2 = 0.75: mix A = (0.75 − 0.5)(0.9 − 0.75) = 0.0375,
    // mix B = (0.25 − 0.5)(0.5 − 0.75) = 0.0625 (B's share fell, and B is below average).
    const d = decompose([g('A', 100, 90, 300, 270), g('B', 100, 50, 100, 50)]);
    expect(d.change).toBeCloseTo(0.1, 15);
    expect(d.mix).toBeCloseTo(0.1, 15);
    expect(d.rate).toBeCloseTo(0, 15);
    expect(byKey(d).A.mix).toBeCloseTo(0.0375, 15);
    expect(byKey(d).B.mix).toBeCloseTo(0.0625, 15);
  });

  it('puts the whole change in rate when only the groups’ own rates move', () => {
    // Shares stay 0.5/0.5; A 0.9 → 0.95, B 0.5 → 0.7: 0.7 → 0.825.
    // rate A = 0.05 × 0.5 = 0.025, rate B = 0.2 × 0.5 = 0.1.
    const d = decompose([g('A', 100, 90, 100, 95), g('B', 100, 50, 100, 70)]);
    expect(d.change).toBeCloseTo(0.125, 15);
    expect(d.mix).toBeCloseTo(0, 15);
    expect(d.rate).toBeCloseTo(0.125, 15);
    expect(byKey(d).A.rate).toBeCloseTo(0.025, 15);
    expect(byKey(d).B.rate).toBeCloseTo(0.1, 15);
    // Largest contribution first.
    expect(d.drivers.map((x) => x.key)).toEqual(['B', 'A']);
  });

  it('splits a change with both effects exactly', () => {
    // A 90/100 → 285/300, B 50/100 → 60/100: 0.7 → 0.8625, change 0.1625.
    // R̄ = 0.78125: mix A = 0.25 × (0.925 − 0.78125) = 0.0359375, mix B = −0.25 × (0.55 − 0.78125) = 0.0578125 → mix 0.09375;
    // rate A = 0.05 × 1.25/2 = 0.03125, rate B = 0.1 × 0.75/2 = 0.0375 → rate 0.06875.
    const d = decompose([g('A', 100, 90, 300, 285), g('B', 100, 50, 100, 60)]);
    expect(d.change).toBeCloseTo(0.1625, 15);
    expect(d.mix).toBeCloseTo(0.09375, 15);
    expect(d.rate).toBeCloseTo(0.06875, 15);
    expect(byKey(d).A.rate).toBeCloseTo(0.03125, 15);
    expect(byKey(d).B.mix).toBeCloseTo(0.0578125, 15);
    expect(byKey(d).A.mix).toBeCloseTo(0.0359375, 15);
  });

  it('counts a group new in the current period as mix only', () => {
    // A 90/100 both periods; C new with 40/100: 0.9 → 0.65, R̄ = 0.775.
    // C: mix 0.5 × (0.4 − 0.775) = −0.1875; A: mix −0.5 × (0.9 − 0.775) = −0.0625.
    const d = decompose([g('A', 100, 90, 100, 90), g('C', 0, 0, 100, 40)]);
    expect(d.change).toBeCloseTo(-0.25, 15);
    expect(byKey(d).C.mix).toBeCloseTo(-0.1875, 15);
    expect(byKey(d).C.rate).toBe(0);
    expect(byKey(d).A.mix).toBeCloseTo(-0.0625, 15);
    expect(d.mix + d.rate).toBeCloseTo(d.change!, 15);
  });

  it('has no change when a period is empty', () => {
    expect(decompose([g('A', 0, 0, 10, 9)]).change).toBeNull();
  });
});

describe('poolSmallGroups', () => {
  it('pools groups under 30 in either period, summing their counts', () => {
    const { groups, pooled } = poolSmallGroups([g('A', 100, 90, 100, 95), g('B', 29, 20, 40, 30), g('C', 40, 30, 10, 5)]);
    expect(pooled).toEqual(['B', 'C']);
    expect(groups).toEqual([g('A', 100, 90, 100, 95), g(POOLED_KEY, 69, 50, 50, 35)]);
  });
});

describe('the request in the address', () => {
  it('reads metric, dimension, comparison and filters, with defaults for the rest', () => {
    const r = parseExplainQuery(new URLSearchParams('metric=on_time_rate&township=悦来镇&from=2025-03-01&to=2025-03-31&compare=yoy&by=channel'));
    expect(r).toMatchObject({ metric: 'on_time_rate', by: 'channel', compare: 'yoy' });
    expect(r.filters.township).toEqual(['悦来镇']);
    expect(r.filters.from).toBe('2025-03-01');
    expect(parseExplainQuery(new URLSearchParams('metric=total&by=nope'))).toMatchObject({ metric: 'satisfaction_rate', by: 'category1', compare: 'previous' });
  });
  it('compares with the previous month or the same month last year', () => {
    expect(basePeriod({ from: '2025-03-01', to: '2025-03-31' }, 'previous')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(basePeriod({ from: '2025-03-01', to: '2025-03-31' }, 'yoy')).toEqual({ from: '2024-03-01', to: '2024-03-31' });
  });
});

describe('waterfallSteps', () => {
  it('stacks the leading groups from zero, folds the rest and ends on the total change', async () => {
    const { waterfallSteps } = await import('$lib/explain');
    // Contributions (hand-worked above): B 0.1, A 0.025 (rate only), change 0.125.
    const d = decompose([g('A', 100, 90, 100, 95), g('B', 100, 50, 100, 70)]);
    const steps = waterfallSteps(d, 1);
    expect(steps.map((s) => [s.kind, s.key, s.restCount])).toEqual([['group', 'B', 0], ['rest', '', 1], ['total', '', 0]]);
    expect(steps[0].from).toBe(0);
    expect(steps[0].to).toBeCloseTo(0.1, 15);
    expect(steps[1].from).toBeCloseTo(0.1, 15);
    expect(steps[1].to).toBeCloseTo(0.125, 15);
    expect(steps[2].to).toBeCloseTo(0.125, 15);
  });
});
