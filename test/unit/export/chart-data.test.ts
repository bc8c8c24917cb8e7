import { describe, expect, it } from 'vitest';
import { countBars } from '$lib/export/chart-data';
import { numberIn } from '$lib/engine/rows';

describe('numberIn', () => {
  it('gives finite numbers and null for anything else', () => {
    const row = { a: 1.5, b: null, c: 'x', d: Number.NaN, e: Number.POSITIVE_INFINITY };
    expect(numberIn(row, 'a')).toBe(1.5);
    expect(['b', 'c', 'd', 'e', 'missing'].map((id) => numberIn(row, id))).toEqual([null, null, null, null, null]);
    expect(numberIn(null, 'a')).toBeNull();
  });
});

describe('countBars', () => {
  it('turns key/total rows into one bar series; a row without a key gets the blank label, not "null"', () => {
    expect(countBars(null, 'n', '（未填写）')).toBeNull();
    expect(countBars([{ key: '悦来镇', total: 3 }, { key: null, total: null }], '件数', '（未填写）')).toEqual({
      kind: 'bar',
      labels: ['悦来镇', '（未填写）'],
      series: [{ name: '件数', values: [3, null] }],
      unit: 'count',
    });
  });
});
