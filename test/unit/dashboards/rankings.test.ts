// Which periods the rankings page ranks and compares, and how its URL round-trips.
import { describe, expect, it } from 'vitest';
import { emptyFilters, parseFilterQuery } from '$lib/filters';
import {
  calendarYears,
  earlierPeriods,
  firstPeriodWithData,
  formatRankChange,
  formatRankingQuery,
  historyByUnit,
  lastCompleteYear,
  parseRankingUnit,
  rankingPeriod,
  unitOverviewQuery,
} from '$lib/dashboards';

describe('lastCompleteYear', () => {
  it('takes the data’s last year when it ends on 31 December', () => {
    expect(lastCompleteYear({ from: '2024-01-01', to: '2025-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
  it('steps back a year when the last one is partial', () => {
    expect(lastCompleteYear({ from: '2023-03-15', to: '2025-06-30' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });
  it('is null when no year is covered from January to December', () => {
    expect(lastCompleteYear({ from: '2024-02-01', to: '2025-11-30' })).toBeNull();
    expect(lastCompleteYear({ from: '2025-01-02', to: '2025-12-31' })).toBeNull();
  });
});

describe('rankingPeriod', () => {
  const span = { from: '2024-01-01', to: '2025-12-31' };
  it('defaults to the last complete year and says so', () => {
    expect(rankingPeriod(emptyFilters(), span)).toEqual({ from: '2025-01-01', to: '2025-12-31', source: 'lastCompleteYear' });
  });
  it('falls back to the whole span without a complete year', () => {
    const partial = { from: '2024-03-01', to: '2025-02-28' };
    expect(rankingPeriod(emptyFilters(), partial)).toEqual({ ...partial, source: 'fullSpan' });
  });
  it('takes the URL’s period and closes an open end with the span', () => {
    expect(rankingPeriod(parseFilterQuery('from=2025-04-01&to=2025-06-30'), span)).toEqual({ from: '2025-04-01', to: '2025-06-30', source: 'url' });
    expect(rankingPeriod(parseFilterQuery('from=2025-04-01'), span)).toEqual({ from: '2025-04-01', to: '2025-12-31', source: 'url' });
  });
});

describe('firstPeriodWithData', () => {
  const span = { from: '2024-01-01', to: '2025-12-31' };
  it('skips the earlier years that end before the data: the sample ranks 2025, its trend starts in 2024', () => {
    const years = earlierPeriods({ from: '2025-01-01', to: '2025-12-31' }, 4);
    expect(years.map((p) => p.from)).toEqual(['2021-01-01', '2022-01-01', '2023-01-01', '2024-01-01']);
    expect(firstPeriodWithData(years, span)).toBe(3);
  });
  it('keeps a period the data reaches by a single day, and every period of data that starts earlier', () => {
    const quarters = earlierPeriods({ from: '2024-04-01', to: '2024-06-30' }, 3);
    expect(quarters.map((p) => p.to)).toEqual(['2023-09-30', '2023-12-31', '2024-03-31']);
    // Data from 31 December 2023: the fourth quarter of 2023 holds its first day.
    expect(firstPeriodWithData(quarters, { from: '2023-12-31', to: '2024-06-30' })).toBe(1);
    expect(firstPeriodWithData(quarters, { from: '2024-01-01', to: '2024-06-30' })).toBe(2);
    expect(firstPeriodWithData(quarters, { from: '2023-01-01', to: '2024-06-30' })).toBe(0);
  });
  it('is the count of periods when the data reaches none', () => {
    expect(firstPeriodWithData(earlierPeriods({ from: '2024-01-01', to: '2024-12-31' }, 4), span)).toBe(4);
  });
});

describe('earlierPeriods', () => {
  it('steps back by whole months for month-aligned periods, oldest first', () => {
    expect(earlierPeriods({ from: '2025-01-01', to: '2025-03-31' }, 3)).toEqual([
      { from: '2024-04-01', to: '2024-06-30' },
      { from: '2024-07-01', to: '2024-09-30' },
      { from: '2024-10-01', to: '2024-12-31' },
    ]);
  });
  it('steps back by years for a calendar year and by days otherwise', () => {
    expect(earlierPeriods({ from: '2025-01-01', to: '2025-12-31' }, 2)).toEqual([
      { from: '2023-01-01', to: '2023-12-31' },
      { from: '2024-01-01', to: '2024-12-31' },
    ]);
    expect(earlierPeriods({ from: '2025-03-05', to: '2025-03-14' }, 1)).toEqual([{ from: '2025-02-23', to: '2025-03-04' }]);
  });
});

describe('calendarYears', () => {
  it('lists every year touched and marks part years', () => {
    expect(calendarYears({ from: '2024-03-01', to: '2025-12-31' })).toEqual([
      { year: 2024, period: { from: '2024-01-01', to: '2024-12-31' }, complete: false },
      { year: 2025, period: { from: '2025-01-01', to: '2025-12-31' }, complete: true },
    ]);
  });
});

describe('URL and labels', () => {
  it('round-trips the unit with the filters; townships stay implicit', () => {
    const filters = parseFilterQuery('from=2025-01-01&to=2025-03-31');
    const query = formatRankingQuery(filters, 'department');
    expect(query).toBe('from=2025-01-01&to=2025-03-31&unit=department');
    expect(parseRankingUnit(new URLSearchParams(query))).toBe('department');
    expect(formatRankingQuery(filters, 'township')).toBe('from=2025-01-01&to=2025-03-31');
    expect(parseRankingUnit(new URLSearchParams('unit=nonsense'))).toBe('township');
  });
  it('formats rank change as arrows, dash or null', () => {
    expect([3, -1, 0, null].map(formatRankChange)).toEqual(['↑3', '↓1', '—', null]);
  });
  it('links a unit to the overview filtered to it over the same period', () => {
    const q = new URLSearchParams(unitOverviewQuery('township', '城关镇', { from: '2025-01-01', to: '2025-12-31' }));
    expect(q.get('township')).toBe('城关镇');
    expect(q.get('from')).toBe('2025-01-01');
    expect(q.get('to')).toBe('2025-12-31');
  });
  it('groups history rows by unit and period', () => {
    const byUnit = historyByUnit(
      [
        { period_index: 1, key: 'A', score: 0.5, rank: 2 },
        { period_index: 0, key: 'A', score: null, rank: null },
      ],
      2,
    );
    expect(byUnit.get('A')).toEqual({ scores: [null, 0.5], ranks: [null, 2] });
  });
});
