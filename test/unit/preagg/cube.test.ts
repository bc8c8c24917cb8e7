// The index's partials held in the page: hand-made partial tables, brush ranges summed by hand.
// What the cube must give is what `collect` gives for the step query's rows over the same days:
// sums only for keys with rows in range, overdue only for a range (deadline day ≤ its end),
// histogram bins ascending with their summed counts.
import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { PartialCube, type KeyDictionary } from '$lib/preagg';
import { SUMMED } from '$lib/preagg/read';

// Days since 1970-01-01: 1970-01-11 is day 10.
const DAY = { 10: '1970-01-11', 11: '1970-01-12', 12: '1970-01-13', 13: '1970-01-14' } as const;

const keys: KeyDictionary = new Map([
  [0, new Map([[1, null]])],
  [1, new Map<number, string | null>([[1, 'A'], [2, 'B'], [3, null]])],
]);

/** Main rows (sorted by day) with `total` and `rated` given; every other summed count 0. */
function mainTable(rows: [g: number, key: number, day: number, total: number, rated: number][]) {
  const column = (f: (r: (typeof rows)[number]) => number) => Int32Array.from(rows.map(f));
  const sums = Object.fromEntries(SUMMED.map((name) => [name, column((r) => (name === 'total' ? r[3] : name === 'rated' ? r[4] : 0))]));
  return tableFromArrays({ g: column((r) => r[0]), key_id: column((r) => r[1]), day: column((r) => r[2]), ...sums });
}

const main = mainTable([
  [0, 1, 10, 5, 2],
  [1, 1, 10, 3, 1],
  [1, 2, 10, 2, 1],
  [0, 1, 11, 4, 4],
  [1, 3, 11, 4, 4],
  [0, 1, 13, 1, 0],
  [1, 1, 13, 1, 0],
]);
const open = tableFromArrays({
  g: Int32Array.from([1, 1]),
  key_id: Int32Array.from([1, 2]),
  day: Int32Array.from([10, 11]),
  deadline_day: Int32Array.from([11, 14]),
  n: Int32Array.from([1, 2]),
});
const hist = tableFromArrays({
  measure: Int32Array.from([0, 0, 0, 0]),
  g: Int32Array.from([0, 0, 0, 0]),
  key_id: Int32Array.from([1, 1, 1, 1]),
  day: Int32Array.from([10, 10, 11, 11]),
  bin: Int32Array.from([5, -2, 300, 5]),
  n: Int32Array.from([2, 1, 1, 1]),
});

const cube = PartialCube.from(keys, main, open, hist);
const totals = (byKey: Map<number, Record<string, number>>) => Object.fromEntries([...byKey].map(([k, s]) => [k, [s.total, s.rated]]));

describe('PartialCube', () => {
  it('holds every partial row', () => {
    expect(cube.rows).toBe(7 + 2 + 4);
  });

  it('sums days 10–11: every key with rows in range, overdue by the range end, histogram bins ascending', () => {
    const step = cube.sums({ from: DAY[10], to: DAY[11] });
    expect(totals(step.get(0)!.sums)).toEqual({ 1: [9, 6] });
    expect(totals(step.get(1)!.sums)).toEqual({ 1: [3, 1], 2: [2, 1], 3: [4, 4] });
    // Key 1's deadline (day 11) is within the range's end; key 2's (day 14) is not.
    expect([...step.get(1)!.overdue]).toEqual([[1, 1]]);
    expect(step.get(0)!.hist.get(0)!.get(1)).toEqual([
      [-2, 1],
      [5, 3],
      [300, 1],
    ]);
    // Every other summed column stays 0.
    expect(step.get(1)!.sums.get(1)!.closed).toBe(0);
  });

  it('leaves out keys without rows in range, and bins without tickets', () => {
    const step = cube.sums({ from: DAY[12], to: DAY[13] });
    expect(totals(step.get(0)!.sums)).toEqual({ 1: [1, 0] });
    expect(totals(step.get(1)!.sums)).toEqual({ 1: [1, 0] });
    expect(step.get(1)!.overdue.size).toBe(0);
    expect(step.get(0)!.hist.size).toBe(0);
  });

  it('gives a range with no rows no groupings at all', () => {
    expect(cube.sums({ from: DAY[12], to: DAY[12] }).size).toBe(0);
  });

  it('sums everything without a brush, with no overdue part (the as-of time is the base filters’)', () => {
    const step = cube.sums(null);
    expect(totals(step.get(0)!.sums)).toEqual({ 1: [10, 6] });
    expect(totals(step.get(1)!.sums)).toEqual({ 1: [4, 1], 2: [2, 1], 3: [4, 4] });
    expect(step.get(1)!.overdue.size).toBe(0);
    expect(step.get(0)!.hist.get(0)!.get(1)).toEqual([
      [-2, 1],
      [5, 3],
      [300, 1],
    ]);
  });

  it('gives the same answer for a step asked again after others (its buffers are reset)', () => {
    const first = cube.sums({ from: DAY[11], to: DAY[11] });
    cube.sums({ from: DAY[10], to: DAY[13] });
    cube.sums(null);
    expect(cube.sums({ from: DAY[11], to: DAY[11] })).toEqual(first);
    expect(totals(first.get(1)!.sums)).toEqual({ 3: [4, 4] });
    expect(first.get(1)!.overdue.size).toBe(0);
    expect(first.get(0)!.hist.get(0)!.get(1)).toEqual([
      [5, 1],
      [300, 1],
    ]);
  });

  it('refuses a partial column holding NULLs', () => {
    const columns: Record<string, unknown> = Object.fromEntries(main.schema.fields.map((f) => [f.name, main.getChild(f.name as 'day')!.toArray()]));
    const broken = tableFromArrays({ ...columns, day: [10, null, 11, 11, 11, 13, 13] } as never);
    expect(() => PartialCube.from(keys, broken as never, null, null)).toThrow(/NULL|Int32|day/);
  });
});
