import { describe, expect, it } from 'vitest';
import { formatQuarter, parseQuarter, previousQuarter, quarterOfDate, quarterPeriod, quartersBetween, shiftQuarter } from '$lib/review';

describe('quarter math', () => {
  it('parses 2024Q1 and its loose spellings, refuses anything else', () => {
    expect(parseQuarter('2024Q1')).toEqual({ year: 2024, q: 1 });
    expect(parseQuarter(' 2024q4 ')).toEqual({ year: 2024, q: 4 });
    expect(parseQuarter('2024-Q2')).toEqual({ year: 2024, q: 2 });
    for (const bad of ['2024Q5', '2024Q0', '24Q1', '2024', 'Q1', '', null, undefined, '2024Q1x']) expect(parseQuarter(bad), String(bad)).toBeNull();
  });

  it('gives each quarter its first and last day, leap February included', () => {
    expect(quarterPeriod({ year: 2024, q: 1 })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterPeriod({ year: 2024, q: 2 })).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(quarterPeriod({ year: 2024, q: 3 })).toEqual({ from: '2024-07-01', to: '2024-09-30' });
    expect(quarterPeriod({ year: 2025, q: 4 })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('steps across year ends both ways', () => {
    expect(formatQuarter(previousQuarter({ year: 2024, q: 1 }))).toBe('2023Q4');
    expect(formatQuarter(previousQuarter({ year: 2024, q: 3 }))).toBe('2024Q2');
    expect(formatQuarter(shiftQuarter({ year: 2024, q: 4 }, 1))).toBe('2025Q1');
    expect(formatQuarter(shiftQuarter({ year: 2024, q: 2 }, -6))).toBe('2022Q4');
    expect(formatQuarter(shiftQuarter({ year: 2024, q: 2 }, 8))).toBe('2026Q2');
  });

  it('finds the quarter of a date at the edges', () => {
    expect(quarterOfDate('2024-03-31')).toEqual({ year: 2024, q: 1 });
    expect(quarterOfDate('2024-04-01 00:00')).toEqual({ year: 2024, q: 2 });
    expect(quarterOfDate('2024-12-31')).toEqual({ year: 2024, q: 4 });
    expect(() => quarterOfDate('2024-13-01')).toThrow();
  });

  it('lists the quarters of a data span newest first', () => {
    expect(quartersBetween('2024-02-15', '2025-01-03')).toEqual(['2025Q1', '2024Q4', '2024Q3', '2024Q2', '2024Q1']);
    expect(quartersBetween('2024-01-01', '2024-03-31')).toEqual(['2024Q1']);
  });
});
