// Ticket metrics beyond the worked example: empty denominators, percentiles, the satisfaction
// settings, the as-of time at its edges, and groupings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, ticketMetricsQuery, ticketMonthlyTrendQuery, type MetricSettings } from '$lib/metrics';
import { byKey, loadTable, oneRow, period, rowsOf, type FixtureRow } from './fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const settingsWith = (patch: Partial<MetricSettings>): MetricSettings => ({ ...defaultSettings(), ...patch });

/** A closed ticket taking `hours` natural hours, received on 2024-03-01 00:00. */
function closedAfter(id: string, hours: number, extra: FixtureRow = {}): FixtureRow {
  const closed = new Date(Date.UTC(2024, 2, 1) + hours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  return { ticket_id: id, received_at: '2024-03-01 00:00', closed_at: closed, ...extra };
}

describe('empty denominators', () => {
  it('gives NULL rates and percentiles, and 0 counts, when nothing is selected', async () => {
    await loadTable(engine, 'tickets', [closedAfter('X', 5)]);
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2030-01-01', '2030-01-31'), settings: defaultSettings() }));
    expect(row.total).toBe(0);
    expect(row.rated).toBe(0);
    expect(row.due).toBe(0);
    for (const id of ['satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'p90_closure_hours', 'direct_answer_rate', 'resolution_rate', 'reopen_rate', 'return_rate', 'enterprise_share']) {
      expect(row[id], id).toBeNull();
    }
  });

  it('gives NULL per group where that group has no denominator rows', async () => {
    await loadTable(engine, 'tickets', [
      // A: rated, no deadline, resolution unknown, still open → no due, no closure time.
      { ticket_id: 'A1', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '满意', resolved: null },
      // B: unrated (未回访), one due ticket closed on time.
      { ticket_id: 'B1', township: 'B', received_at: '2024-03-01 09:00', deadline_at: '2024-03-02 09:00', closed_at: '2024-03-01 10:00', satisfaction: '未回访', resolved: true },
    ]);
    const rows = await byKey(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings(), groupBy: 'township' }));
    const a = rows.get('A')!;
    expect(a.satisfaction_rate).toBe(1);
    expect(a.on_time_rate).toBeNull();
    expect(a.resolution_rate).toBeNull();
    expect(a.median_closure_hours).toBeNull();
    const b = rows.get('B')!;
    expect(b.rated).toBe(0);
    expect(b.satisfaction_rate).toBeNull();
    expect(b.on_time_rate).toBe(1);
    expect(b.median_closure_hours).toBe(1);
    // Nothing has both dispatch and sign times anywhere.
    expect(a.median_sign_hours).toBeNull();
    expect(b.median_sign_hours).toBeNull();
  });
});

describe('percentiles (quantile_cont: position (n−1)·q, interpolated)', () => {
  it('odd count: 1, 2, 3, 4, 10 hours → median 3, p90 at 3.6 → 4 + 0.6·6 = 7.6', async () => {
    await loadTable(engine, 'tickets', [1, 10, 3, 2, 4].map((h, i) => closedAfter(`O${i}`, h)));
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings() }));
    expect(row.median_closure_hours).toBe(3);
    expect(row.p90_closure_hours as number).toBeCloseTo(7.6, 10);
  });

  it('even count: 1, 2, 3, 4 hours → median 2.5, p90 at 2.7 → 3.7', async () => {
    await loadTable(engine, 'tickets', [4, 1, 3, 2].map((h, i) => closedAfter(`E${i}`, h)));
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings() }));
    expect(row.median_closure_hours).toBe(2.5);
    expect(row.p90_closure_hours as number).toBeCloseTo(3.7, 10);
  });

  it('one value is its own median and p90; fractions of an hour survive (90 minutes = 1.5)', async () => {
    await loadTable(engine, 'tickets', [closedAfter('S', 1.5)]);
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings() }));
    expect(row.median_closure_hours).toBe(1.5);
    expect(row.p90_closure_hours).toBe(1.5);
  });

  it('median_sign_hours uses only tickets with both dispatch and sign times', async () => {
    await loadTable(engine, 'tickets', [
      { ticket_id: 'S1', received_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 09:00', signed_at: '2024-03-01 10:00' },
      { ticket_id: 'S2', received_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 09:00', signed_at: '2024-03-01 13:00' },
      { ticket_id: 'S3', received_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 09:00', signed_at: null },
      { ticket_id: 'S4', received_at: '2024-03-01 08:00', dispatched_at: null, signed_at: '2024-03-09 09:00' },
    ]);
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings(), metrics: ['median_sign_hours'] }));
    // 1 h and 4 h → 2.5.
    expect(row.median_sign_hours).toBe(2.5);
  });
});

describe('satisfaction settings', () => {
  // 满意 100, 不满意 0, 基本满意 80, 非常满意 100, and T6 不满意 with exit reason 恶意举报,
  // T9 非常不满意 with 涉法涉诉, T10 满意 with a blank exit reason (a blank is no reason).
  const ROWS: FixtureRow[] = [
    { ticket_id: 'T1', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '满意' },
    { ticket_id: 'T2', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '不满意' },
    { ticket_id: 'T3', township: 'B', received_at: '2024-03-01 09:00', satisfaction: '基本满意' },
    { ticket_id: 'T8', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '非常满意' },
    { ticket_id: 'T6', township: 'B', received_at: '2024-03-01 09:00', satisfaction: '不满意', exit_reason: '恶意举报' },
    { ticket_id: 'T9', township: 'B', received_at: '2024-03-01 09:00', satisfaction: '非常不满意', exit_reason: '涉法涉诉' },
    { ticket_id: 'T10', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '满意', exit_reason: '  ' },
    { ticket_id: 'T11', township: 'A', received_at: '2024-03-01 09:00', satisfaction: '拒绝回访' },
  ];
  const MARCH = period('2024-03-01', '2024-03-31');

  beforeAll(async () => {
    await loadTable(engine, 'tickets', ROWS);
  });

  it('default: any non-empty exit reason excludes (T6, T9 out) → rated 5, satisfied 4/5', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings: defaultSettings(), metrics: ['rated', 'satisfaction_rate'] }));
    expect(row).toEqual({ rated: 5, satisfaction_rate: 0.8 });
  });

  it("a 'list' setting excludes only the listed reasons", async () => {
    const settings = settingsWith({ excludedExitReasons: { mode: 'list', reasons: ['涉法涉诉'] } });
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings, metrics: ['rated', 'satisfaction_rate'] }));
    // T6 (恶意举报) now counts: rated 6, satisfied T1, T3, T8, T10 = 4/6.
    expect(row.rated).toBe(6);
    expect(row.satisfaction_rate as number).toBeCloseTo(4 / 6, 12);
  });

  it("an empty 'list' excludes nothing", async () => {
    const settings = settingsWith({ excludedExitReasons: { mode: 'list', reasons: [] } });
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings, metrics: ['rated'] }));
    expect(row.rated).toBe(7);
  });

  it('weighted variant: mean of 100/100/80/0/0 scores as a fraction', async () => {
    const settings = settingsWith({ satisfactionVariant: 'weighted' });
    const rows = await byKey(engine, ticketMetricsQuery({ filters: MARCH, settings, groupBy: 'township', metrics: ['satisfaction_rate'] }));
    // A: T1 100, T2 0, T8 100, T10 100 → 75; B: T3 80 (T6, T9 excluded) → 80.
    expect(rows.get('A')!.satisfaction_rate).toBeCloseTo(0.75, 12);
    expect(rows.get('B')!.satisfaction_rate).toBeCloseTo(0.8, 12);
    const overall = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings, metrics: ['satisfaction_rate'] }));
    // (100 + 0 + 80 + 100 + 100) / 5 = 76.
    expect(overall.satisfaction_rate as number).toBeCloseTo(0.76, 12);
  });

  it('weighted variant scores 基本满意 80 whether or not it counts as satisfied in the rate', async () => {
    const settings = settingsWith({ satisfactionVariant: 'weighted', basicSatisfiedCounts: false });
    const rows = await byKey(engine, ticketMetricsQuery({ filters: MARCH, settings, groupBy: 'township', metrics: ['satisfaction_rate'] }));
    expect(rows.get('B')!.satisfaction_rate).toBeCloseTo(0.8, 12);
  });
});

describe('the as-of time', () => {
  // Open tickets with deadlines around 2024-04-01 00:00, the as-of time of a March period.
  const ROWS: FixtureRow[] = [
    { ticket_id: 'before', township: 'A', received_at: '2024-03-20 09:00', deadline_at: '2024-03-31 23:59:59' },
    { ticket_id: 'exactly', township: 'A', received_at: '2024-03-20 09:00', deadline_at: '2024-04-01 00:00:00' },
    { ticket_id: 'after', township: 'A', received_at: '2024-03-20 09:00', deadline_at: '2024-04-01 00:00:01' },
    // Closed a day late in April: due whatever the as-of time, and not on time.
    { ticket_id: 'late', township: 'B', received_at: '2024-03-25 09:00', deadline_at: '2024-03-30 09:00', closed_at: '2024-03-31 09:00' },
    // Outside the period, but its closing time is the latest timestamp in the table.
    { ticket_id: 'april', township: 'B', received_at: '2024-04-10 09:00', closed_at: '2024-04-15 09:00' },
  ];
  beforeAll(async () => {
    await loadTable(engine, 'tickets', ROWS);
  });

  it('counts an open ticket as overdue only when its deadline is strictly before the start of the next day', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings(), metrics: ['due', 'on_time_rate', 'overdue_open'] }));
    // Due: before (overdue), late (closed) → 2; on time: none.
    expect(row).toEqual({ due: 2, on_time_rate: 0, overdue_open: 1 });
  });

  it('a fixed as-of setting overrides the period end', async () => {
    const settings = settingsWith({ asOf: '2024-04-01 00:00:02' });
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period('2024-03-01', '2024-03-31'), settings, metrics: ['due', 'overdue_open'] }));
    expect(row).toEqual({ due: 4, overdue_open: 3 });
  });

  it('without a period end, the latest timestamp of the whole table, not of the filtered rows, is the as-of time', async () => {
    // Filtered to township A from March on, A's own latest time is 03-20; the table's is 04-15.
    const filters = period('2024-03-01', null, { township: ['A'] });
    const row = await oneRow(engine, ticketMetricsQuery({ filters, settings: defaultSettings(), metrics: ['overdue_open'] }));
    expect(row.overdue_open).toBe(3);
  });

  it('without a period end and with an earlier latest time, nothing open is overdue yet', async () => {
    await loadTable(engine, 'tickets', ROWS.slice(0, 4));
    // Latest timestamp: 'late' closed 03-31 09:00, before every open deadline.
    const row = await oneRow(engine, ticketMetricsQuery({ filters: period(null, null), settings: defaultSettings(), metrics: ['due', 'overdue_open'] }));
    expect(row).toEqual({ due: 1, overdue_open: 0 });
    await loadTable(engine, 'tickets', ROWS);
  });
});

describe('grouping', () => {
  beforeAll(async () => {
    await loadTable(engine, 'tickets', [
      { ticket_id: '1', received_at: '2024-01-31 23:59:59', category: '城乡建设>住房保障>物业管理', channel: '电话' },
      { ticket_id: '2', received_at: '2024-02-01 00:00:00', category: '城乡建设/住房保障/房屋安全', channel: '电话' },
      { ticket_id: '3', received_at: '2024-03-15 12:00:00', category: ' 城乡建设 ＞ 市政设施 ', channel: '微信' },
      { ticket_id: '4', received_at: '2024-04-01 08:00:00', category: '交通运输', channel: null },
      { ticket_id: '5', received_at: '2024-12-31 08:00:00', category: null, channel: 'APP' },
    ]);
  });
  const ALL = period(null, null);
  const totals = async (groupBy: Parameters<typeof ticketMetricsQuery>[0]['groupBy']) =>
    (await rowsOf(engine, ticketMetricsQuery({ filters: ALL, settings: defaultSettings(), groupBy, metrics: ['total'] }))).map((r) => [r.key, r.total]);

  it('splits category paths on >, / and ＞ and keys each level by its path', async () => {
    expect(await totals('category1')).toEqual([['交通运输', 1], ['城乡建设', 3], [null, 1]]);
    expect(await totals('category2')).toEqual([['城乡建设>住房保障', 2], ['城乡建设>市政设施', 1], [null, 2]]);
    expect(await totals('category3')).toEqual([['城乡建设>住房保障>房屋安全', 1], ['城乡建设>住房保障>物业管理', 1], [null, 3]]);
  });

  it('groups by month, quarter and year of received_at, with NULL keys last', async () => {
    expect(await totals('month')).toEqual([['2024-01', 1], ['2024-02', 1], ['2024-03', 1], ['2024-04', 1], ['2024-12', 1]]);
    expect(await totals('quarter')).toEqual([['2024Q1', 3], ['2024Q2', 1], ['2024Q4', 1]]);
    expect(await totals('year')).toEqual([['2024', 5]]);
    expect(await totals('channel')).toEqual([['APP', 1], ['微信', 1], ['电话', 2], [null, 1]]);
  });

  it('the monthly trend is the month grouping with total, satisfaction_rate and on_time_rate', async () => {
    const rows = await rowsOf(engine, ticketMonthlyTrendQuery({ filters: period('2024-01-01', '2024-02-29'), settings: defaultSettings() }));
    expect(rows).toEqual([
      { key: '2024-01', total: 1, satisfaction_rate: null, on_time_rate: null },
      { key: '2024-02', total: 1, satisfaction_rate: null, on_time_rate: null },
    ]);
  });

  it('refuses an unknown metric id', () => {
    expect(() => ticketMetricsQuery({ filters: ALL, settings: defaultSettings(), metrics: ['nope' as 'total'] })).toThrow(/unknown metric/);
  });
});
