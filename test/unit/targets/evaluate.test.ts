// Reading a figure against its target, on hand-worked numbers.
import { describe, expect, it } from 'vitest';
import { gapInTickets, meetsTarget, normalCdf, projectYearEnd, readTargets, targetFor, targetGap, targetPeriods, defaultTargets } from '$lib/targets';

const atLeast95 = { comparison: '>=', value: 0.95 } as const;
const atMost5 = { comparison: '<=', value: 0.05 } as const;

describe('meetsTarget', () => {
  it('counts a target exactly met as met, both ways', () => {
    expect(meetsTarget(57 / 60, atLeast95)).toBe(true); // 57/60 = 0.95 exactly on paper
    expect(meetsTarget(19 / 20, atLeast95)).toBe(true);
    expect(meetsTarget(3 / 60, atMost5)).toBe(true);
  });
  it('counts one rating short as missed', () => {
    expect(meetsTarget(56 / 60, atLeast95)).toBe(false);
    expect(meetsTarget(4 / 60, atMost5)).toBe(false);
  });
});

describe('targetGap', () => {
  it('is value minus target', () => {
    expect(targetGap(0.9, atLeast95)).toBeCloseTo(-0.05, 12);
  });
});

describe('gapInTickets', () => {
  it('counts the unsatisfied ratings that would have had to be satisfied', () => {
    // 200 rated, 180 satisfied (90%): 95% of 200 = 190 satisfied, so 10 more.
    expect(gapInTickets(180, 200, atLeast95)).toBe(10);
    // 183 of 200: 190 − 183 = 7.
    expect(gapInTickets(183, 200, atLeast95)).toBe(7);
    // 35 rated, 30 satisfied: 0.95 × 35 = 33.25, so 34 satisfied are needed: 4 more.
    expect(gapInTickets(30, 35, atLeast95)).toBe(4);
  });
  it('is 0 when met, exactly met included', () => {
    expect(gapInTickets(190, 200, atLeast95)).toBe(0);
    expect(gapInTickets(199, 200, atLeast95)).toBe(0);
    expect(gapInTickets(0, 0, atLeast95)).toBe(0);
  });
  it('counts late closures that would have had to be on time for ≤ targets', () => {
    // 8 returned of 100 against ≤ 5%: at most 5 returned, so 3 fewer.
    expect(gapInTickets(8, 100, atMost5)).toBe(3);
    // 8 of 130: 5% of 130 = 6.5, at most 6 returned: 2 fewer.
    expect(gapInTickets(8, 130, atMost5)).toBe(2);
  });
});

describe('projectYearEnd', () => {
  it('projects the year-to-date rate with its binomial spread (hand-worked)', () => {
    // n = 100 rated, p = 0.9, half the year gone: m = 100 more expected.
    // Var R = p(1−p)·m / (n(n+m)) = 0.09·100 / (100·200) = 0.00045, sd = 0.0212132…
    // P(R < 0.95) = Φ((0.95 − 0.9)/0.0212132) = Φ(2.3570226) = 0.990789…
    const p = projectYearEnd({ rate: 0.9, denominator: 100, elapsedDays: 183, yearDays: 366 }, atLeast95)!;
    expect(p.value).toBe(0.9);
    expect(p.remaining).toBeCloseTo(100, 12);
    expect(p.sd).toBeCloseTo(Math.sqrt(0.00045), 12);
    expect(p.pMiss).toBeCloseTo(0.990789, 5);
    expect(p.low).toBeCloseTo(0.9 - 1.6448536 * 0.0212132, 6);
  });
  it('is certain once the year is over', () => {
    const over = projectYearEnd({ rate: 0.96, denominator: 500, elapsedDays: 365, yearDays: 365 }, atLeast95)!;
    expect(over.sd).toBe(0);
    expect(over.pMiss).toBe(0);
    const missed = projectYearEnd({ rate: 0.94, denominator: 500, elapsedDays: 365, yearDays: 365 }, atLeast95)!;
    expect(missed.pMiss).toBe(1);
  });
  it('gives one half when the rate sits on the target mid-year', () => {
    expect(projectYearEnd({ rate: 0.95, denominator: 400, elapsedDays: 100, yearDays: 365 }, atLeast95)!.pMiss).toBeCloseTo(0.5, 7);
  });
  it('has nothing to project without ratings', () => {
    expect(projectYearEnd({ rate: 0, denominator: 0, elapsedDays: 100, yearDays: 365 }, atLeast95)).toBeNull();
  });
  it('uses a normal CDF accurate to 1e-6 at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('targetPeriods', () => {
  it('reads year to date, the last 30 days and the last complete month mid-year', () => {
    const p = targetPeriods('2024-06-15 10:30:00', 2024)!;
    expect(p.periods.ytd).toEqual({ from: '2024-01-01', to: '2024-06-15' });
    expect(p.periods.rolling30).toEqual({ from: '2024-05-17', to: '2024-06-15' });
    expect(p.periods.month).toEqual({ from: '2024-05-01', to: '2024-05-31' });
    // 1 Jan to 15 Jun 10:30 in a leap year: 31+29+31+30+31+14 = 166 days and 10.5 hours.
    expect(p.elapsedDays).toBeCloseTo(166 + 10.5 / 24, 12);
    expect(p.yearDays).toBe(366);
  });
  it('does not count the as-of day when the as-of time is midnight', () => {
    const p = targetPeriods('2024-07-01 00:00:00', 2024)!;
    expect(p.periods.ytd.to).toBe('2024-06-30');
    expect(p.periods.month).toEqual({ from: '2024-06-01', to: '2024-06-30' });
  });
  it('reads a past year as of its end: the whole year, December complete', () => {
    const p = targetPeriods('2025-03-02 08:00:00', 2024)!;
    expect(p.asOf).toBe('2025-01-01 00:00:00');
    expect(p.periods.ytd).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(p.periods.rolling30).toEqual({ from: '2024-12-02', to: '2024-12-31' });
    expect(p.periods.month).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(p.elapsedDays).toBe(366);
  });
  it('in January, the latest complete month is last December', () => {
    expect(targetPeriods('2025-01-20 09:00:00', 2025)!.periods.month).toEqual({ from: '2024-12-01', to: '2024-12-31' });
  });
  it('has no readings for a year not yet begun', () => {
    expect(targetPeriods('2024-06-15 10:30:00', 2025)).toBeNull();
  });
});

describe('reading targets from settings files', () => {
  it('reads a valid list and refuses a bad entry', () => {
    expect(readTargets([{ metric: 'on_time_rate', comparison: '>=', value: 0.9, year: 2025 }])).toEqual([
      { metric: 'on_time_rate', comparison: '>=', value: 0.9, year: 2025, units: { kind: 'township', keys: [] } },
    ]);
    expect(readTargets([{ metric: 'total', comparison: '>=', value: 0.9 }])).toBeUndefined();
    expect(readTargets([{ metric: 'on_time_rate', comparison: '>', value: 0.9 }])).toBeUndefined();
    expect(readTargets([{ metric: 'on_time_rate', comparison: '>=', value: 95 }])).toBeUndefined();
    expect(readTargets({})).toBeUndefined();
  });
  it('lets a target for the year win over the every-year one', () => {
    const targets = [...defaultTargets(), { metric: 'satisfaction_rate' as const, comparison: '>=' as const, value: 0.97, year: 2025, units: { kind: 'township' as const, keys: [] } }];
    expect(targetFor(targets, 'satisfaction_rate', 2025)?.value).toBe(0.97);
    expect(targetFor(targets, 'satisfaction_rate', 2024)?.value).toBe(0.95);
    expect(targetFor(targets, 'on_time_rate', 2024)).toBeNull();
  });
});
