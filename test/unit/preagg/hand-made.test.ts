// The brush index on hand-made tickets with hand-computed answers: metrics.md's worked example
// brushed to parts of March, the as-of boundary of a brush, rows outside the base filters, the
// percentile bin bound, and the lifecycle of index tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings } from '$lib/metrics';
import { BrushIndexDropped, BrushIndexSuperseded, buildTicketBrushIndex, type BrushViewSpec } from '$lib/preagg';
import { trusted } from '$lib/sql';
import { loadTable, period, rowsOf, type FixtureRow } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

// metrics.md's worked example.
const WORKED: FixtureRow[] = [
  { ticket_id: 'T1', township: 'A', received_at: '2024-03-01 09:00', deadline_at: '2024-03-06 09:00', closed_at: '2024-03-02 09:00', satisfaction: '满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T2', township: 'A', received_at: '2024-03-01 10:00', deadline_at: '2024-03-06 10:00', closed_at: '2024-03-08 10:00', satisfaction: '不满意', direct_answer: false, resolved: false, reopened: true, returned_count: 1 },
  { ticket_id: 'T3', township: 'B', received_at: '2024-03-02 08:00', deadline_at: '2024-03-07 08:00', closed_at: '2024-03-02 08:30', satisfaction: '基本满意', direct_answer: true, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T4', township: 'B', received_at: '2024-03-03 12:00', deadline_at: '2024-03-08 12:00', direct_answer: false, reopened: false, returned_count: 0 },
  { ticket_id: 'T5', township: 'A', received_at: '2024-03-10 12:00', deadline_at: '2024-04-02 12:00', direct_answer: false, reopened: false, returned_count: 2 },
  { ticket_id: 'T6', township: 'B', received_at: '2024-03-05 09:00', deadline_at: '2024-03-10 09:00', closed_at: '2024-03-06 21:00', satisfaction: '不满意', exit_reason: '恶意举报', direct_answer: false, resolved: false, reopened: false, returned_count: 0 },
  { ticket_id: 'T7', township: 'A', received_at: '2024-03-06 09:00', closed_at: '2024-03-07 09:00', satisfaction: '无法联系', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T8', township: 'A', received_at: '2024-03-07 09:00', deadline_at: '2024-03-12 09:00', closed_at: '2024-03-12 09:00', satisfaction: '非常满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
];

const VIEWS: BrushViewSpec[] = [
  { name: 'overall', kind: 'metrics', groupBy: null },
  { name: 'township', kind: 'metrics', groupBy: 'township', metrics: ['total', 'rated', 'satisfaction_rate', 'due', 'on_time_rate', 'overdue_open'] },
  { name: 'levels', kind: 'satisfaction_levels' },
  { name: 'on_time', kind: 'on_time' },
  { name: 'closure', kind: 'closure_histogram', binHours: 24 },
];

const MARCH = period('2024-03-01', '2024-03-31');

describe('the worked example through the index', () => {
  beforeAll(() => loadTable(engine, 'tickets', WORKED));

  it('the whole of March gives metrics.md figures', async () => {
    const index = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    const got = await index.query({ from: '2024-03-01', to: '2024-03-31' });
    const all = got.overall[0];
    expect(all).toMatchObject({ total: 8, rated: 4, satisfaction_rate: 0.75, closed: 6, due: 6, overdue_open: 1, direct_answer_rate: 0.125, reopen_rate: 0.125, return_rate: 0.25 });
    expect(all.on_time_rate as number).toBeCloseTo(2 / 3, 12);
    expect(all.resolution_rate as number).toBeCloseTo(2 / 3, 12);
    // Exact: 30 and 144 hours; closure times 0.5, 24, 24, 36, 120, 168 fall in 1 h bins.
    expect(Math.abs((all.median_closure_hours as number) - 30)).toBeLessThan(1);
    expect(Math.abs((all.p90_closure_hours as number) - 144)).toBeLessThan(1);
    expect(got.township).toEqual([
      { key: 'A', total: 5, rated: 3, satisfaction_rate: 2 / 3, due: 3, on_time_rate: 2 / 3, overdue_open: 0 },
      { key: 'B', total: 3, rated: 1, satisfaction_rate: 1, due: 3, on_time_rate: 2 / 3, overdue_open: 1 },
    ]);
    expect(got.on_time).toEqual([{ due: 6, on_time: 4, closed_late: 1, overdue_open: 1 }]);
    // Closure times in days: 0.5 h, 24, 24, 36 → bins 0 (1), 1 (3); 120 → 5; 168 → 7.
    expect(got.closure).toEqual([
      { key: 0, total: 1 },
      { key: 24, total: 3 },
      { key: 120, total: 1 },
      { key: 168, total: 1 },
    ]);
    expect(got.levels).toEqual([
      { key: '不满意', total: 2, rated: 1 },
      { key: '基本满意', total: 1, rated: 1 },
      { key: '无法联系', total: 1, rated: 0 },
      { key: '满意', total: 1, rated: 1 },
      { key: '非常满意', total: 1, rated: 1 },
      { key: null, total: 2, rated: 0 },
    ]);
    await index.drop();
  });

  it('a brush to 03-01..03-05 counts T1–T4 and T6 with as-of 03-06 00:00', async () => {
    const index = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    const got = await index.query({ from: '2024-03-01', to: '2024-03-05' });
    // T4 (deadline 03-08 12:00) is not yet due; T1, T2, T3, T6 are closed and due; T2 was late.
    expect(got.on_time).toEqual([{ due: 4, on_time: 3, closed_late: 1, overdue_open: 0 }]);
    expect(got.overall[0]).toMatchObject({ total: 5, rated: 3, closed: 4, due: 4, on_time_rate: 0.75, overdue_open: 0 });
    // T4 is overdue once the brush reaches 03-08 (as-of 03-09 00:00), not at 03-07.
    expect((await index.query({ from: '2024-03-01', to: '2024-03-07' })).on_time[0].overdue_open).toBe(0);
    expect((await index.query({ from: '2024-03-01', to: '2024-03-08' })).on_time[0].overdue_open).toBe(1);
    // A brush on days without tickets: one overall row of zeros and NULL rates, no township rows.
    const empty = await index.query({ from: '2024-03-20', to: '2024-03-25' });
    expect(empty.overall[0]).toMatchObject({ total: 0, rated: 0, satisfaction_rate: null, on_time_rate: null, median_closure_hours: null });
    expect(empty.township).toEqual([]);
    await index.drop();
  });
});

describe('the as-of boundary and the base filters', () => {
  it('a deadline at exactly midnight is overdue only for a brush ending on or after that day', async () => {
    await loadTable(engine, 'tickets', [{ ticket_id: 'M', township: 'A', received_at: '2024-03-01 10:00', deadline_at: '2024-03-05 00:00' }]);
    const index = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    // Brush to 03-04: as-of 03-05 00:00, and 00:00 < 00:00 is false.
    expect((await index.query({ from: '2024-03-01', to: '2024-03-04' })).on_time[0]).toEqual({ due: 0, on_time: 0, closed_late: 0, overdue_open: 0 });
    expect((await index.query({ from: '2024-03-01', to: '2024-03-05' })).on_time[0]).toEqual({ due: 1, on_time: 0, closed_late: 0, overdue_open: 1 });
    await index.drop();
  });

  it('holds nothing of rows outside the base filters, even when the brush reaches past the base period', async () => {
    await loadTable(engine, 'tickets', [
      { ticket_id: 'in1', township: 'A', received_at: '2024-03-10 10:00', channel: '电话' },
      { ticket_id: 'in2', township: 'A', received_at: '2024-03-31 23:59', channel: '电话' },
      { ticket_id: 'other-town', township: 'B', received_at: '2024-03-10 10:00', channel: '电话' },
      { ticket_id: 'other-channel', township: 'A', received_at: '2024-03-10 10:00', channel: '网站' },
      { ticket_id: 'before', township: 'A', received_at: '2024-02-29 23:59', channel: '电话' },
      { ticket_id: 'after', township: 'A', received_at: '2024-04-01 00:00', channel: '电话' },
    ]);
    const filters = { ...MARCH, township: ['A'], channel: ['电话'] };
    const index = await buildTicketBrushIndex(engine, { filters, settings: defaultSettings(), views: VIEWS });
    expect((await index.query(null)).overall[0].total).toBe(2);
    expect((await index.query({ from: '2024-02-01', to: '2024-04-30' })).township).toEqual([
      { key: 'A', total: 2, rated: 0, satisfaction_rate: null, due: 0, on_time_rate: null, overdue_open: 0 },
    ]);
    expect((await index.query({ from: '2024-03-11', to: '2024-04-30' })).overall[0].total).toBe(1);
    await index.drop();
  });
});

describe('percentiles from the histogram', () => {
  it('place each order statistic inside its bin and stay within one bin of quantile_cont', async () => {
    // Closure hours 10.2, 10.4, 10.6, 10.8 and 50: exact median 10.6 (position 2), p90 at 3.6 → 10.8 + 0.6·39.2 = 34.32.
    const hours = [10.2, 10.4, 10.6, 10.8, 50];
    await loadTable(
      engine,
      'tickets',
      hours.map((h, i) => ({
        ticket_id: `H${i}`,
        received_at: '2024-03-01 00:00',
        closed_at: new Date(Date.UTC(2024, 2, 1) + h * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
      })),
    );
    const index = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    const row = (await index.query(null)).overall[0];
    // Bin [10, 11) holds 4 values placed at 10.125, 10.375, 10.625, 10.875; 50 at 50.5.
    expect(row.median_closure_hours as number).toBeCloseTo(10.625, 10);
    expect(row.p90_closure_hours as number).toBeCloseTo(10.875 + 0.6 * (50.5 - 10.875), 10);
    expect(Math.abs((row.median_closure_hours as number) - 10.6)).toBeLessThan(1);
    expect(Math.abs((row.p90_closure_hours as number) - 34.32)).toBeLessThan(1);
    await index.drop();
  });
});

async function tempTables(): Promise<string[]> {
  return (await rowsOf(engine, trusted('SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name'))).map((r) => r.table_name as string);
}

describe('index lifecycle', () => {
  beforeAll(() => loadTable(engine, 'tickets', WORKED));

  it('uses generated table names, and a new build drops the previous index', async () => {
    const first = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    expect(first.tables.every((t) => /^preagg_\d+_[a-z0-9]+_(rows|main|keys|open|hist)$/.test(t))).toBe(true);
    const afterFirst = await tempTables();
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.every((t) => first.tables.includes(t))).toBe(true);
    expect(first.buildMs).toBeGreaterThan(0);

    const second = await buildTicketBrushIndex(engine, { filters: { ...MARCH, township: ['A'] }, settings: defaultSettings(), views: VIEWS });
    expect(first.dropped).toBe(true);
    await expect(first.query(null)).rejects.toBeInstanceOf(BrushIndexDropped);
    const afterSecond = await tempTables();
    expect(afterSecond.some((t) => first.tables.includes(t))).toBe(false);
    expect((await second.query(null)).overall[0].total).toBe(5);
    await second.drop();
    expect(await tempTables()).toEqual([]);
  });

  it('a build overtaken by a newer one in the same slot drops itself and rejects', async () => {
    const older = buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    const newer = buildTicketBrushIndex(engine, { filters: { ...MARCH, township: ['B'] }, settings: defaultSettings(), views: VIEWS });
    await expect(older).rejects.toBeInstanceOf(BrushIndexSuperseded);
    const index = await newer;
    expect((await index.query(null)).overall[0].total).toBe(3);
    const left = await tempTables();
    expect(left.every((t) => index.tables.includes(t))).toBe(true);
    // Another slot keeps its own index.
    const other = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS, slot: 'compare' });
    expect(index.dropped).toBe(false);
    await other.drop();
    await index.drop();
  });

  it('answers a brush step with one query without bound parameters (cheap to plan, interruptible)', async () => {
    const index = await buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: VIEWS });
    const step = index.step({ from: '2024-03-02', to: '2024-03-09' });
    expect(step.sql.params).toEqual([]);
    // T3, T4, T6, T7, T8.
    expect(step.read(await rowsOf(engine, step.sql) as never).overall[0].total).toBe(5);
    await index.drop();
  });

  it('refuses display bins that are not whole index bins', async () => {
    await expect(
      buildTicketBrushIndex(engine, { filters: MARCH, settings: defaultSettings(), views: [{ name: 'c', kind: 'closure_histogram', binHours: 2.5 }], binHours: 1 }),
    ).rejects.toThrow(/whole number/);
  });
});
