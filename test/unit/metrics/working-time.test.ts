// The working-time setting: durations over the PRC holiday calendar ($lib/calendar counts the
// 24 hours of each working day) and deadlines imputed from urgency for tickets without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, gridMetricsQuery, prepareMetrics, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import { loadTable, oneRow, period } from './fixtures';
import { trusted } from '$lib/sql';

const WORKING: MetricSettings = { ...defaultSettings(), durationMode: 'working' };
const MARCH = period('2024-03-01', '2024-03-31');

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('working-time durations', () => {
  it('skips the weekend and the 清明 holiday but counts its 调休 Sunday', async () => {
    await loadTable(engine, 'tickets', [
      // Fri 18:00 → Mon 09:00: 6 h Friday + 9 h Monday = 15 (natural 63).
      { ticket_id: 'weekend', received_at: '2024-03-01 18:00', closed_at: '2024-03-04 09:00' },
      // Wed 04-03 09:00 → Mon 04-08 09:00: 15 h Wed, 04-04..06 off, Sun 04-07 worked 24, Mon 9 = 48 (natural 120).
      { ticket_id: 'qingming', received_at: '2024-04-03 09:00', closed_at: '2024-04-08 09:00' },
    ]);
    const filters = period('2024-03-01', '2024-04-30');
    await prepareMetrics(engine, WORKING, ['tickets'], filters);
    const working = await oneRow(engine, ticketMetricsQuery({ filters, settings: WORKING, metrics: ['median_closure_hours', 'p90_closure_hours'] }));
    // median of 15, 48 = 31.5; p90 = 15 + 0.9·33 = 44.7.
    expect(working.median_closure_hours).toBe(31.5);
    expect(working.p90_closure_hours as number).toBeCloseTo(44.7, 10);
    const natural = await oneRow(engine, ticketMetricsQuery({ filters, settings: defaultSettings(), metrics: ['median_closure_hours'] }));
    expect(natural.median_closure_hours).toBe(91.5);
  });

  it('applies to grid stage durations too', async () => {
    await loadTable(engine, 'grid_events', [
      // Fri 20:00 → Mon 02:00: 4 + 2 = 6 working hours (natural 54).
      { event_id: 'g1', reported_at: '2024-03-01 20:00', dispatched_at: '2024-03-04 02:00' },
    ]);
    await prepareMetrics(engine, WORKING, ['grid_events'], MARCH);
    const row = await oneRow(engine, gridMetricsQuery({ filters: MARCH, settings: WORKING, metrics: ['median_dispatch_hours'] }));
    expect(row.median_dispatch_hours).toBe(6);
  });
});

describe('deadlines imputed from urgency (working mode only)', () => {
  beforeAll(async () => {
    await loadTable(engine, 'tickets', [
      // 特急, 1 working day: Fri 03-01 10:00 → due Mon 03-04 10:00; closed 09:00 → on time.
      { ticket_id: 'urgent', urgency: '特急', received_at: '2024-03-01 10:00', closed_at: '2024-03-04 09:00' },
      // 一般, 5 working days: due Fri 03-08 10:00; still open at 04-01 → overdue.
      { ticket_id: 'normal', urgency: '一般', received_at: '2024-03-01 10:00' },
      // 紧急, 3 working days from Fri 03-29: Mon, Tue, Wed → due 04-03 10:00, after the as-of time.
      { ticket_id: 'pending', urgency: '紧急', received_at: '2024-03-29 10:00' },
      // No allowance for this urgency: stays without a deadline.
      { ticket_id: 'other', urgency: '其他', received_at: '2024-03-01 10:00' },
      // A stated deadline wins over the allowance: closed late.
      { ticket_id: 'stated', urgency: '特急', received_at: '2024-03-01 10:00', deadline_at: '2024-03-02 10:00', closed_at: '2024-03-05 10:00' },
    ]);
    await prepareMetrics(engine, WORKING, ['tickets'], MARCH);
  });

  it('counts imputed deadlines in working mode', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings: WORKING, metrics: ['due', 'on_time_rate', 'overdue_open'] }));
    // due: urgent, normal, stated; on time: urgent.
    expect(row.due).toBe(3);
    expect(row.on_time_rate as number).toBeCloseTo(1 / 3, 12);
    expect(row.overdue_open).toBe(1);
  });

  it('uses the allowances of the settings', async () => {
    const settings: MetricSettings = { ...WORKING, deadlineWorkingDays: { 一般: 30 } };
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings, metrics: ['due', 'overdue_open'] }));
    // Only 'stated' is due: 一般 now has 30 working days, 特急 none (so 'urgent' has no deadline).
    expect(row).toEqual({ due: 1, overdue_open: 0 });
  });

  it('never imputes in natural mode (the default 口径)', async () => {
    const row = await oneRow(engine, ticketMetricsQuery({ filters: MARCH, settings: defaultSettings(), metrics: ['due', 'on_time_rate', 'overdue_open'] }));
    expect(row).toEqual({ due: 1, on_time_rate: 0, overdue_open: 0 });
  });
});

describe('the working-day table one prepare leaves for every page', () => {
  it('spans every covered year, whichever table or period asked, and is not rebuilt for the same span', async () => {
    await loadTable(engine, 'grid_events', [{ event_id: 'g1', reported_at: '2024-03-01 20:00', dispatched_at: '2024-03-04 02:00' }]);
    await prepareMetrics(engine, WORKING, ['grid_events'], MARCH);
    const span = async () => oneRow(engine, trusted('SELECT CAST(min(day) AS VARCHAR) AS lo, CAST(max(day) AS VARCHAR) AS hi, count(*)::INTEGER AS n FROM work_calendar'));
    const first = await span();
    // The shipped calendar covers 2019–2026 (holidays.ts), and one provisional year follows the
    // last (a late-December deadline falls in January): a page asking for March 2024 alone still
    // leaves a table another page's 2025 period can use.
    expect(first).toMatchObject({ lo: '2019-01-01', hi: '2027-12-31' });
    // Same span again: the table is kept (a marker row stays), not rebuilt under a running query.
    await engine.exec(trusted("UPDATE work_calendar SET work_secs_before = -1 WHERE day = DATE '2020-06-01'"));
    await prepareMetrics(engine, WORKING, ['tickets'], period('2025-01-01', '2025-12-31'));
    expect(await span()).toEqual(first);
    expect(await oneRow(engine, trusted("SELECT work_secs_before::INTEGER AS s FROM work_calendar WHERE day = DATE '2020-06-01'"))).toEqual({ s: -1 });
  });
});
