// metrics.md's worked example, figure by figure: eight tickets in March 2024, as-of 2024-04-01.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { DEFAULT_SETTINGS, defaultSettings, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import { trusted } from '$lib/sql';
import { byKey, loadTable, oneRow, period, type FixtureRow } from './fixtures';

const WORKED_EXAMPLE: FixtureRow[] = [
  { ticket_id: 'T1', township: 'A', received_at: '2024-03-01 09:00', deadline_at: '2024-03-06 09:00', closed_at: '2024-03-02 09:00', satisfaction: '满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T2', township: 'A', received_at: '2024-03-01 10:00', deadline_at: '2024-03-06 10:00', closed_at: '2024-03-08 10:00', satisfaction: '不满意', direct_answer: false, resolved: false, reopened: true, returned_count: 1 },
  { ticket_id: 'T3', township: 'B', received_at: '2024-03-02 08:00', deadline_at: '2024-03-07 08:00', closed_at: '2024-03-02 08:30', satisfaction: '基本满意', direct_answer: true, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T4', township: 'B', received_at: '2024-03-03 12:00', deadline_at: '2024-03-08 12:00', closed_at: null, satisfaction: null, direct_answer: false, resolved: null, reopened: false, returned_count: 0 },
  { ticket_id: 'T5', township: 'A', received_at: '2024-03-10 12:00', deadline_at: '2024-04-02 12:00', closed_at: null, satisfaction: null, direct_answer: false, resolved: null, reopened: false, returned_count: 2 },
  { ticket_id: 'T6', township: 'B', received_at: '2024-03-05 09:00', deadline_at: '2024-03-10 09:00', closed_at: '2024-03-06 21:00', satisfaction: '不满意', exit_reason: '恶意举报', direct_answer: false, resolved: false, reopened: false, returned_count: 0 },
  { ticket_id: 'T7', township: 'A', received_at: '2024-03-06 09:00', deadline_at: null, closed_at: '2024-03-07 09:00', satisfaction: '无法联系', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T8', township: 'A', received_at: '2024-03-07 09:00', deadline_at: '2024-03-12 09:00', closed_at: '2024-03-12 09:00', satisfaction: '非常满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
];

const MARCH = period('2024-03-01', '2024-03-31');

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', WORKED_EXAMPLE);
});
afterAll(() => engine.close());

// Exact integers; fractions to 4 decimals (the table's rounding) via toBeCloseTo.
function expectFigures(actual: Record<string, unknown>, expected: Record<string, number | null>): void {
  for (const [id, value] of Object.entries(expected)) {
    const got = actual[id];
    if (value === null) expect(got, id).toBeNull();
    else if (Number.isInteger(value)) expect(got, id).toBe(value);
    else expect(got as number, id).toBeCloseTo(value, 4);
  }
}

const OVERALL = {
  total: 8, rated: 4, satisfaction_rate: 0.75, closed: 6, due: 6, on_time_rate: 4 / 6, overdue_open: 1,
  median_closure_hours: 30, p90_closure_hours: 144, median_sign_hours: null, direct_answer_rate: 0.125,
  resolution_rate: 4 / 6, reopen_rate: 0.125, return_rate: 0.25, enterprise_share: 0,
};
const TOWNSHIP_A = {
  total: 5, rated: 3, satisfaction_rate: 2 / 3, closed: 4, due: 3, on_time_rate: 2 / 3, overdue_open: 0,
  median_closure_hours: 72, p90_closure_hours: 153.6, direct_answer_rate: 0, resolution_rate: 0.75,
  reopen_rate: 0.2, return_rate: 0.4,
};
const TOWNSHIP_B = {
  total: 3, rated: 1, satisfaction_rate: 1, closed: 2, due: 3, on_time_rate: 2 / 3, overdue_open: 1,
  median_closure_hours: 18.25, p90_closure_hours: 32.45, direct_answer_rate: 1 / 3, resolution_rate: 0.5,
  reopen_rate: 0, return_rate: 0,
};

describe('the worked example of metrics.md', () => {
  it('gives every overall figure', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings: defaultSettings() }));
    expectFigures(row, OVERALL);
    // Overall has no key column, and exactly the metric ids as columns.
    expect(Object.keys(row)).toEqual([
      'total', 'rated', 'satisfaction_rate', 'closed', 'due', 'on_time_rate', 'overdue_open',
      'median_closure_hours', 'p90_closure_hours', 'median_sign_hours', 'direct_answer_rate',
      'resolution_rate', 'reopen_rate', 'return_rate', 'enterprise_share',
    ]);
  });

  it('gives every figure for A and for B', async () => {
    const rows = await byKey(engine, ticketMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'township' }));
    expect([...rows.keys()]).toEqual(['A', 'B']);
    expectFigures(rows.get('A')!, TOWNSHIP_A);
    expectFigures(rows.get('B')!, TOWNSHIP_B);
  });

  it('gives 0.5 overall when 基本满意 does not count as satisfied', async () => {
    const settings: MetricSettings = { ...defaultSettings(), basicSatisfiedCounts: false };
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings, metrics: ['satisfaction_rate'] }));
    expect(row.satisfaction_rate).toBe(0.5);
    const rows = await byKey(engine, ticketMetricsQuery({ filters: MARCH, settings, groupBy: 'township', metrics: ['satisfaction_rate'] }));
    // A: T1, T8 of T1, T2, T8; B: T3 (基本满意) is now not satisfied.
    expect(rows.get('A')!.satisfaction_rate as number).toBeCloseTo(2 / 3, 10);
    expect(rows.get('B')!.satisfaction_rate).toBe(0);
  });

  it('returns counts as integers and everything else as plain numbers', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings: DEFAULT_SETTINGS as MetricSettings }));
    for (const id of ['total', 'rated', 'closed', 'due', 'overdue_open']) expect(typeof row[id], id).toBe('number');
    expect(typeof row.p90_closure_hours).toBe('number');
  });

  it('computes only the requested metrics, in definition order', async () => {
    const row = await oneRow(
      engine,
      ticketMetricsQuery({ filters: MARCH, settings: defaultSettings(), metrics: ['return_rate', 'total'] }),
    );
    expect(row).toEqual({ total: 8, return_rate: 0.25 });
  });

  it('gives the same figures from the inlined SQL shown on the 口径 page', async () => {
    const query = ticketMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'township' });
    expect(query.params.length).toBeGreaterThan(0);
    const bound = await byKey(engine, query);
    const inlined = await byKey(engine, trusted(query.toInlineSql()));
    expect(inlined).toEqual(bound);
  });

  it('uses the automatic as-of time when the period has no end', async () => {
    // Latest timestamp in the table is T8's closing, 03-12 09:00: T5 (due 04-02) is still not due,
    // T4 (due 03-08) is past due, so the figures match the bounded period.
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', null), settings: defaultSettings() }));
    expectFigures(row, { due: 6, on_time_rate: 4 / 6, overdue_open: 1 });
  });
});
