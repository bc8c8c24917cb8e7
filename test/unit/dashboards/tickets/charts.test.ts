// The ticket charts' pure arithmetic: a brushed extent snapped to whole bars, closure bins folded.
import { describe, expect, it } from 'vitest';
import { foldClosureBins, snapToBuckets } from '$lib/charts';

const ms = (text: string) => Date.parse(`${text}Z`);

describe('snapToBuckets', () => {
  it('takes every day the brush touches; a right edge on midnight does not take the next day', () => {
    expect(snapToBuckets(ms('2024-02-28T13:00:00'), ms('2024-03-01T00:00:00'), 'day')).toEqual({ from: '2024-02-28', to: '2024-02-29' });
    expect(snapToBuckets(ms('2024-03-01T00:00:00'), ms('2024-02-28T13:00:00'), 'day')).toEqual({ from: '2024-02-28', to: '2024-02-29' });
    expect(snapToBuckets(ms('2023-12-31T23:00:00'), ms('2024-01-01T01:00:00'), 'day')).toEqual({ from: '2023-12-31', to: '2024-01-01' });
  });

  it('takes whole Monday-to-Sunday weeks', () => {
    // 2024-03-06 is a Wednesday, 2024-03-12 a Tuesday.
    expect(snapToBuckets(ms('2024-03-06T08:00:00'), ms('2024-03-12T10:00:00'), 'week')).toEqual({ from: '2024-03-04', to: '2024-03-17' });
    // A Monday midnight right edge ends the week before; a week across a year end stays whole.
    expect(snapToBuckets(ms('2024-12-30T00:00:00'), ms('2025-01-06T00:00:00'), 'week')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
  });
});

describe('foldClosureBins', () => {
  it('keeps empty days, folds the tail and puts negative durations in the first bin', () => {
    const bins = foldClosureBins(
      [
        { lower: -24, total: 1 },
        { lower: 0, total: 5 },
        { lower: 48, total: 2 },
        { lower: 72, total: 3 },
        { lower: 240, total: 4 },
      ],
      24,
      3,
      (d) => `≥${d}`,
    );
    expect(bins.map((b) => [b.key, b.total])).toEqual([
      ['0', 6],
      ['1', 0],
      ['2', 2],
      ['≥3', 7],
    ]);
  });
});
