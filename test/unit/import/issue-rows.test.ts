import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { issuesOf, type IssueRow } from '$lib/import/issue-rows';
import type { RowIssue } from '$lib/import/issues';

/** A RowIssue that shows exactly what issuesOf handed over. */
const echo = (r: IssueRow): RowIssue => ({
  file: 'f.csv',
  row: r.row,
  severity: 'warning',
  code: r.code as RowIssue['code'],
  column: String(r.col),
  header: null,
  value: r.shown === null ? '<null>' : r.shown,
  zh: r.detail === null ? '<null>' : String(r.detail),
  en: '',
});

function listing(from: number, n: number) {
  const rows = Array.from({ length: n }, (_, i) => from + i);
  return tableFromArrays({
    row: Int32Array.from(rows),
    col: Int32Array.from(rows, (r) => r % 3),
    code: rows.map((r) => (r % 2 ? 'unknown-township' : 'closed-before-received')),
    shown: rows.map((r) => (r % 5 === 0 ? null : `镇${r}`)),
    detail: rows.map((r) => (r % 7 === 0 ? r - 1 : null)),
  });
}

describe('issuesOf', () => {
  it('reads every row of every record batch in order, nulls as null', async () => {
    const table = listing(2, 5).concat(listing(7, 3));
    expect(table.batches.length).toBe(2);
    const issues = await issuesOf(table, echo);
    expect(issues.map((i) => i.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    // row 5: shown null; row 7: detail 6 (7 % 7 = 0); row 3: odd, unknown-township, col 0.
    expect(issues[3]).toMatchObject({ row: 5, value: '<null>', zh: '<null>', column: '2', code: 'unknown-township' });
    expect(issues[5]).toMatchObject({ row: 7, value: '镇7', zh: '6', column: '1' });
    expect(issues[1]).toMatchObject({ row: 3, value: '镇3', code: 'unknown-township', column: '0' });
    expect(issues[0]).toMatchObject({ row: 2, code: 'closed-before-received', column: '2' });
  });

  it('gives the thread back every 256 rows once a slice has run its time, and never when it has not', async () => {
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    // 1,000 rows: a check after rows 256, 512 and 768.
    const all = await issuesOf(listing(0, 1000), echo, { sliceMs: 0, pause });
    expect(all).toHaveLength(1000);
    expect(pauses).toBe(3);
    // Counted across batches: 200 + 200 rows reach 256 once.
    pauses = 0;
    await issuesOf(listing(0, 200).concat(listing(200, 200)), echo, { sliceMs: 0, pause });
    expect(pauses).toBe(1);
    pauses = 0;
    await issuesOf(listing(0, 3000), echo, { sliceMs: 60_000, pause });
    expect(pauses).toBe(0);
  });

  it('tells the last issue made before each pause: how far the listing has got', async () => {
    const told: number[] = [];
    const pauses: number[] = [];
    await issuesOf(listing(10, 600), echo, {
      sliceMs: 0,
      pause: async () => {
        pauses.push(told.length);
      },
      onSlice: (last) => told.push(last.row),
    });
    // Rows 10…609: pauses after the 256th and 512th issues, rows 265 and 521, each told first.
    expect(told).toEqual([265, 521]);
    expect(pauses).toEqual([1, 2]);
  });

  it('an empty listing is an empty list', async () => {
    expect(await issuesOf(listing(0, 0), echo)).toEqual([]);
  });
});
