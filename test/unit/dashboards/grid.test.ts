// The grid dashboard's queries on six hand-made events; every expected value is worked out in comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings } from '$lib/metrics';
import { emptyFilters } from '$lib/filters';
import { sql } from '$lib/sql';
import { emptySelections, toggleValue, withTime } from '$lib/crossfilter';
import {
  gridEventTypeQuery,
  gridFunnelQuery,
  gridHeadlineQuery,
  gridOverdueQuery,
  gridPerGridQuery,
  gridPerWorkerQuery,
  gridTownshipQuery,
  linkedScope,
  readFunnel,
  scopePredicate,
  volumeBucketsQuery,
  volumeUnit,
  type ViewScope,
} from '$lib/dashboards';
import { byKey, loadTable, oneRow, period, rowsOf, type FixtureRow } from '../metrics/fixtures';

// Stages (hours):   上报→分流  分流→处置  处置→反馈  反馈→核验  上报→核验   deadline     at 04-01 00:00
// E1 A G1 W1           2         24          2          24         52     03-03 08:00  handled on time
// E2 A G1 W1           4         72          6          —          —      03-04 08:00  handled late, 督办
// E3 B G2 W2           1         —           —          —          —      03-10 08:00  open, 520 h overdue
// E4 B G2 —            —         —           —          —          —      04-05 08:00  not yet due
// E5 B G3 W3          0.5        —           —          —          —      03-06 08:00  open, 616 h overdue, 督办
// E6 (February): outside the period.
const EVENTS: FixtureRow[] = [
  {
    event_id: 'E1', township: 'A', grid_id: 'G1', grid_name: '一网格', worker_id: 'W1', worker_name: '张三', event_type: '环境卫生', self_resolved: false,
    reported_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 10:00', handled_at: '2024-03-02 10:00',
    feedback_at: '2024-03-02 12:00', verified_at: '2024-03-03 12:00', deadline_at: '2024-03-03 08:00', status: '已结案',
  },
  {
    event_id: 'E2', township: 'A', grid_id: 'G1', grid_name: '一网格', worker_id: 'W1', worker_name: '张三', event_type: '矛盾纠纷', self_resolved: true,
    reported_at: '2024-03-02 08:00', dispatched_at: '2024-03-02 12:00', supervised_at: '2024-03-04 09:00', handled_at: '2024-03-05 12:00',
    feedback_at: '2024-03-05 18:00', deadline_at: '2024-03-04 08:00', status: '待核验',
  },
  {
    event_id: 'E3', township: 'B', grid_id: 'G2', grid_name: '二网格', worker_id: 'W2', worker_name: '李四', event_type: '环境卫生', self_resolved: null,
    reported_at: '2024-03-03 08:00', dispatched_at: '2024-03-03 09:00', deadline_at: '2024-03-10 08:00', status: '处置中',
  },
  {
    event_id: 'E4', township: 'B', grid_id: 'G2', grid_name: '二网格', worker_id: null, event_type: '城市管理', self_resolved: false,
    reported_at: '2024-03-04 08:00', deadline_at: '2024-04-05 08:00', status: '待分流',
  },
  {
    event_id: 'E5', township: 'B', grid_id: 'G3', grid_name: '三网格', worker_id: 'W3', worker_name: '王五', event_type: '安全隐患', self_resolved: false,
    reported_at: '2024-03-05 08:00', dispatched_at: '2024-03-05 08:30', supervised_at: '2024-03-06 08:00', deadline_at: '2024-03-06 08:00', status: '处置中',
  },
  { event_id: 'E6', township: 'A', grid_id: 'G1', grid_name: '一网格', worker_id: 'W1', worker_name: '张三', event_type: '环境卫生', reported_at: '2024-02-28 08:00', handled_at: '2024-02-28 09:00' },
];

const MARCH: ViewScope = { filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings() };
const MARCH_IN_A: ViewScope = { ...MARCH, where: sql`"township" = ${'A'}` };

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'grid_events', EVENTS);
});
afterAll(() => engine.close());

describe('grid dashboard queries', () => {
  it('headline figures come from the metric layer', async () => {
    const row = await oneRow(engine, gridHeadlineQuery(MARCH));
    expect(row).toEqual({
      total: 5,
      loop_closed_rate: 0.2, // E1
      on_time_rate: 0.25, // due E1, E2, E3, E5; on time E1
      overdue_open: 2, // E3, E5
      supervised_share: 0.4, // E2, E5
      self_resolved_rate: 0.25, // known E1, E2, E4, E5; yes E2
      median_loop_hours: 52,
      workers: 3,
    });
  });

  it('the funnel counts events reaching each stage with the stage medians', async () => {
    const funnel = readFunnel(await oneRow(engine, gridFunnelQuery(MARCH)));
    expect(funnel).toEqual({
      stages: [
        { id: 'reported', reached: 5, share: 1, medianHours: null },
        // dispatch 2, 4, 1, 0.5 → (1 + 2) / 2
        { id: 'dispatched', reached: 4, share: 0.8, medianHours: 1.5 },
        { id: 'handled', reached: 2, share: 0.4, medianHours: 48 },
        { id: 'supervised', reached: 2, share: 0.4, medianHours: null },
        { id: 'feedback', reached: 2, share: 0.4, medianHours: 4 },
        { id: 'verified', reached: 1, share: 0.2, medianHours: 24 },
      ],
      medianLoopHours: 52,
    });
  });

  it('a cross-filter selection narrows the funnel like any other chart', async () => {
    const funnel = readFunnel(await oneRow(engine, gridFunnelQuery(MARCH_IN_A)))!;
    expect(funnel.stages.map((s) => s.reached)).toEqual([2, 2, 2, 1, 2, 1]);
    expect(funnel.stages[1].medianHours).toBe(3); // 2 and 4
    expect(readFunnel(undefined)).toBeNull();
  });

  it('the funnel of an empty selection is zeros with NULL shares', async () => {
    const funnel = readFunnel(await oneRow(engine, gridFunnelQuery({ ...MARCH, filters: period('2023-01-01', '2023-01-31') })))!;
    expect(funnel.stages.every((s) => s.reached === 0 && s.share === null && s.medianHours === null)).toBe(true);
  });

  it('volume bars per day or per ISO week, over the filters and selections', async () => {
    const days = await rowsOf(engine, volumeBucketsQuery('grid_events', MARCH, 'day'));
    expect(days.map((r) => [r.day, r.total])).toEqual([
      ['2024-03-01', 1], ['2024-03-02', 1], ['2024-03-03', 1], ['2024-03-04', 1], ['2024-03-05', 1],
    ]);
    // 2024-02-26 is a Monday: E6 (Wed 02-28), E1 (Fri 03-01), E2 (Sat), E3 (Sun); 03-04 is the next Monday.
    const weeks = await rowsOf(engine, volumeBucketsQuery('grid_events', { filters: emptyFilters() }, 'week'));
    expect(weeks).toEqual([{ day: '2024-02-26', total: 4 }, { day: '2024-03-04', total: 2 }]);
    const weeksInB = await rowsOf(engine, volumeBucketsQuery('grid_events', { filters: emptyFilters(), where: sql`"township" = ${'B'}` }, 'week'));
    expect(weeksInB).toEqual([{ day: '2024-02-26', total: 1 }, { day: '2024-03-04', total: 2 }]);
  });

  it('day bars for a closed period up to 400 days, weeks otherwise', () => {
    expect(volumeUnit(period('2024-01-01', '2025-02-03'))).toBe('day'); // 400 days
    expect(volumeUnit(period('2024-01-01', '2025-02-04'))).toBe('week');
    expect(volumeUnit(period('2024-01-01', null))).toBe('week');
  });

  it('townships and event types', async () => {
    const towns = await byKey(engine, gridTownshipQuery(MARCH));
    expect(towns.get('A')).toEqual({ key: 'A', total: 2, loop_closed_rate: 0.5, on_time_rate: 0.5, overdue_open: 0 });
    // B: due E3, E5, neither on time.
    expect(towns.get('B')).toEqual({ key: 'B', total: 3, loop_closed_rate: 0, on_time_rate: 0, overdue_open: 2 });
    const types = await byKey(engine, gridEventTypeQuery(MARCH));
    // 环境卫生: E1, E3; due both, on time E1; self known only E1 (no).
    expect(types.get('环境卫生')).toEqual({ key: '环境卫生', total: 2, loop_closed_rate: 0.5, on_time_rate: 0.5, self_resolved_rate: 0, median_loop_hours: 52 });
    expect([...types.keys()]).toEqual(['城市管理', '安全隐患', '环境卫生', '矛盾纠纷']);
  });

  it('per grid, labelled with name and township', async () => {
    const grids = await rowsOf(engine, gridPerGridQuery(MARCH));
    expect(grids).toEqual([
      { key: 'G1', total: 2, on_time_rate: 0.5, loop_closed_rate: 0.5, overdue_open: 0, self_resolved_rate: 0.5, grid_name: '一网格', township: 'A' },
      // E4 is not yet due: only E3 counts, late.
      { key: 'G2', total: 2, on_time_rate: 0, loop_closed_rate: 0, overdue_open: 1, self_resolved_rate: 0, grid_name: '二网格', township: 'B' },
      { key: 'G3', total: 1, on_time_rate: 0, loop_closed_rate: 0, overdue_open: 1, self_resolved_rate: 0, grid_name: '三网格', township: 'B' },
    ]);
  });

  it('per worker, events without a worker last and unlabelled', async () => {
    const workers = await rowsOf(engine, gridPerWorkerQuery(MARCH));
    expect(workers.map((w) => [w.key, w.total, w.worker_name, w.grid_name])).toEqual([
      ['W1', 2, '张三', '一网格'],
      ['W2', 1, '李四', '二网格'],
      ['W3', 1, '王五', '三网格'],
      [null, 1, null, null],
    ]);
    // W2's only event has an unknown self_resolved: NULL, not 0.
    expect(workers[1].self_resolved_rate).toBeNull();
    // E4 is not due: no on-time rate for the unknown worker.
    expect(workers[3].on_time_rate).toBeNull();
  });

  it('lists the overdue events behind overdue_open, longest overdue first', async () => {
    const rows = await rowsOf(engine, gridOverdueQuery(MARCH));
    expect(rows.map((r) => [r.event_id, r.deadline_at, r.overdue_hours, r.supervised_at])).toEqual([
      ['E5', '2024-03-06 08:00', 616, '2024-03-06 08:00'], // 25 days 16 h before 04-01 00:00
      ['E3', '2024-03-10 08:00', 520, null], // 21 days 16 h
    ]);
    expect(await rowsOf(engine, gridOverdueQuery(MARCH, 1))).toHaveLength(1);
    expect(await rowsOf(engine, gridOverdueQuery(MARCH_IN_A))).toHaveLength(0);
  });

  it('linkedScope: each chart is narrowed by every selection but its own; a brush narrows the period', async () => {
    const selections = withTime(toggleValue(emptySelections(), 'township', 'B'), { from: '2024-03-01', to: '2024-03-04' });
    const settings = defaultSettings();
    const total = async (own: Parameters<typeof linkedScope>[4]) =>
      (await oneRow(engine, gridHeadlineQuery(linkedScope('grid_events', emptyFilters(), selections, settings, own)))).total;
    expect(await total([])).toBe(2); // B within 03-01..03-04: E3, E4
    expect(await total(['township'])).toBe(4); // E1–E4
    expect(await total(['time'])).toBe(3); // all of B: E3, E4, E5
    // The brush is the period: as-of 03-05 00:00, so E3 (due 03-10) is not yet overdue, and E4 not due.
    const brushed = await oneRow(engine, gridHeadlineQuery(linkedScope('grid_events', emptyFilters(), selections, settings)));
    expect(brushed.overdue_open).toBe(0);
    expect(brushed.on_time_rate).toBeNull();
    expect(linkedScope('grid_events', emptyFilters(), emptySelections(), settings).where).toBeNull();
  });

  it('scopePredicate is the filters and the selections together', async () => {
    const count = async (where: ReturnType<typeof scopePredicate>) =>
      (await oneRow(engine, sql`SELECT count(*)::INTEGER AS n FROM grid_events WHERE ${where}`)).n;
    expect(await count(scopePredicate('grid_events', MARCH))).toBe(5);
    expect(await count(scopePredicate('grid_events', MARCH_IN_A))).toBe(2);
    expect(await count(scopePredicate('grid_events', { filters: { ...emptyFilters(), township: ['A'] } }))).toBe(3);
  });
});
