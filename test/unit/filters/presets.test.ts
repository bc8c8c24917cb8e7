// Period presets, hand-computed: month ends incl. leap Februaries, quarter ends, year steps.
import { describe, expect, it } from 'vitest';
import { namedPeriodOf, parsePeriodKey, periodContaining, periodsInSpan, relativePreset } from '$lib/filters';

const dates = (p: { from: string; to: string } | null) => (p ? `${p.from}..${p.to}` : null);

describe('relative presets', () => {
  it('are relative to the anchor day (the latest data), mid-month', () => {
    const a = '2025-05-17';
    expect(dates(relativePreset('this_month', a))).toBe('2025-05-01..2025-05-31');
    expect(dates(relativePreset('last_month', a))).toBe('2025-04-01..2025-04-30');
    expect(dates(relativePreset('this_quarter', a))).toBe('2025-04-01..2025-06-30');
    expect(dates(relativePreset('last_quarter', a))).toBe('2025-01-01..2025-03-31');
    expect(dates(relativePreset('this_year', a))).toBe('2025-01-01..2025-12-31');
    expect(dates(relativePreset('last_year', a))).toBe('2024-01-01..2024-12-31');
  });

  it('cross the year boundary in January', () => {
    const a = '2025-01-03';
    expect(dates(relativePreset('last_month', a))).toBe('2024-12-01..2024-12-31');
    expect(dates(relativePreset('last_quarter', a))).toBe('2024-10-01..2024-12-31');
    expect(relativePreset('last_quarter', a).key).toBe('2024Q4');
  });

  it('end February on the 29th in leap years only', () => {
    expect(dates(relativePreset('last_month', '2024-03-01'))).toBe('2024-02-01..2024-02-29');
    expect(dates(relativePreset('last_month', '2025-03-31'))).toBe('2025-02-01..2025-02-28');
    expect(dates(relativePreset('this_month', '2000-02-10'))).toBe('2000-02-01..2000-02-29');
    expect(dates(relativePreset('this_month', '1900-02-10'))).toBe('1900-02-01..1900-02-28');
  });

  it('put quarter ends on the right day', () => {
    expect(dates(periodContaining('quarter', '2024-03-31'))).toBe('2024-01-01..2024-03-31');
    expect(dates(periodContaining('quarter', '2024-07-01'))).toBe('2024-07-01..2024-09-30');
    expect(dates(periodContaining('quarter', '2024-12-31'))).toBe('2024-10-01..2024-12-31');
    expect(dates(relativePreset('last_quarter', '2024-07-01'))).toBe('2024-04-01..2024-06-30');
  });
});

describe('periods in the data span', () => {
  it('lists every overlapping month, quarter and year, latest first', () => {
    const span = { from: '2024-11-15', to: '2025-02-03' };
    expect(periodsInSpan('month', span).map((p) => p.key)).toEqual(['2025-02', '2025-01', '2024-12', '2024-11']);
    expect(periodsInSpan('quarter', span).map((p) => p.key)).toEqual(['2025Q1', '2024Q4']);
    expect(periodsInSpan('year', span).map((p) => p.key)).toEqual(['2025', '2024']);
    expect(periodsInSpan('month', { from: '2024-01-01', to: '2025-12-31' })).toHaveLength(24);
  });
});

describe('named periods', () => {
  it('recognise exact months, quarters and years and nothing else', () => {
    expect(namedPeriodOf('2024-02-01', '2024-02-29')?.key).toBe('2024-02');
    expect(namedPeriodOf('2024-02-01', '2024-02-28')).toBeNull();
    expect(namedPeriodOf('2024-04-01', '2024-06-30')?.key).toBe('2024Q2');
    expect(namedPeriodOf('2024-01-01', '2024-12-31')?.key).toBe('2024');
    expect(namedPeriodOf('2024-01-01', '2024-03-31')?.unit).toBe('quarter');
    expect(namedPeriodOf(null, '2024-03-31')).toBeNull();
  });

  it('parse keys back to their dates', () => {
    expect(dates(parsePeriodKey('2024-02'))).toBe('2024-02-01..2024-02-29');
    expect(dates(parsePeriodKey('2023Q4'))).toBe('2023-10-01..2023-12-31');
    expect(dates(parsePeriodKey('2024'))).toBe('2024-01-01..2024-12-31');
    expect(parsePeriodKey('2024-13')).toBeNull();
    expect(parsePeriodKey('2024Q5')).toBeNull();
  });
});
