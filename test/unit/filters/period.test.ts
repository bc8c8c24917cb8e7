import { describe, expect, it } from 'vitest';
import { comparisonFilters, dayAfter, emptyFilters, isIsoDate, periodDays, previousPeriod, samePeriodLastYear } from '$lib/filters';

describe('period arithmetic', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('steps over month and year ends', () => {
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2024-12-31')).toBe('2025-01-01');
    expect(periodDays('2024-03-01', '2024-03-31')).toBe(31);
  });

  it('previous period of whole months is the same number of whole months before', () => {
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod('2024-01-01', '2024-01-31')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(previousPeriod('2024-04-01', '2024-06-30')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });

  it('previous period of any other span is the same number of days before', () => {
    expect(previousPeriod('2024-03-10', '2024-03-16')).toEqual({ from: '2024-03-03', to: '2024-03-09' });
    expect(previousPeriod('2024-03-01', '2024-03-01')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    // 30 days back from 03-02 in a leap year.
    expect(previousPeriod('2024-03-02', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
  });

  it('same period last year maps 29 February to the 28th and keeps whole months whole', () => {
    expect(samePeriodLastYear('2024-02-29', '2024-03-05')).toEqual({ from: '2023-02-28', to: '2023-03-05' });
    expect(samePeriodLastYear('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(samePeriodLastYear('2025-02-01', '2025-02-28')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(samePeriodLastYear('2024-03-10', '2024-03-16')).toEqual({ from: '2023-03-10', to: '2023-03-16' });
  });

  it('comparison filters keep the dimensions and move the dates', () => {
    const state = { ...emptyFilters(), from: '2024-03-01', to: '2024-03-31', township: ['常乐镇'], compare: 'last_year' as const };
    expect(comparisonFilters(state)).toEqual({ ...state, from: '2023-03-01', to: '2023-03-31', compare: null });
    expect(comparisonFilters(state, 'previous')?.from).toBe('2024-02-01');
    expect(comparisonFilters({ ...state, to: null })).toBeNull();
    expect(comparisonFilters({ ...state, compare: null })).toBeNull();
  });
});
