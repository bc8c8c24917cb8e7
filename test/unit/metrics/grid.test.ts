// Grid event metrics on four hand-made events; every expected value is worked out in comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { GRID_METRIC_IDS, defaultSettings, gridMetricsQuery } from '$lib/metrics';
import { byKey, loadTable, oneRow, period, type FixtureRow } from './fixtures';

// Stages (hours):       上报→分流  分流→处置  处置→反馈  反馈→核验  上报→核验
// E1                       2         24          2          24         52
// E2                       4         72          6          —          —
// E3                       1         —           —          —          —
// E4                       —         —           —          —          —
const EVENTS: FixtureRow[] = [
  {
    event_id: 'E1', township: 'G1', village: 'V1', worker_id: 'W1', event_type: '环境卫生', self_resolved: false,
    reported_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 10:00', handled_at: '2024-03-02 10:00',
    feedback_at: '2024-03-02 12:00', verified_at: '2024-03-03 12:00', deadline_at: '2024-03-03 08:00',
  },
  {
    event_id: 'E2', township: 'G1', village: 'V1', worker_id: 'W1', event_type: '矛盾纠纷', self_resolved: true,
    reported_at: '2024-03-02 08:00', dispatched_at: '2024-03-02 12:00', handled_at: '2024-03-05 12:00',
    feedback_at: '2024-03-05 18:00', supervised_at: '2024-03-04 09:00', deadline_at: '2024-03-04 08:00',
  },
  {
    event_id: 'E3', township: 'G2', village: 'V2', worker_id: 'W2', event_type: '环境卫生', self_resolved: null,
    reported_at: '2024-03-03 08:00', dispatched_at: '2024-03-03 09:00', deadline_at: '2024-03-10 08:00',
  },
  {
    event_id: 'E4', township: 'G2', village: 'V2', worker_id: null, event_type: '城市管理', self_resolved: false,
    reported_at: '2024-03-04 08:00', deadline_at: '2024-04-05 08:00',
  },
  // Outside the period: must not count anywhere.
  { event_id: 'E5', township: 'G1', worker_id: 'W9', reported_at: '2024-02-28 08:00', handled_at: '2024-02-28 09:00', verified_at: '2024-02-28 10:00' },
];

const MARCH = period('2024-03-01', '2024-03-31');

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'grid_events', EVENTS);
});
afterAll(() => engine.close());

describe('grid metrics', () => {
  it('computes every overall figure', async () => {
    const row = await oneRow(engine, gridMetricsQuery({ filters: MARCH, settings: defaultSettings() }));
    expect(Object.keys(row)).toEqual([...GRID_METRIC_IDS]);
    expect(row.total).toBe(4);
    // Only E1 is verified.
    expect(row.loop_closed_rate).toBe(0.25);
    // As-of 04-01: E1, E2 handled; E3 open and past 03-10; E4 due 04-05 → not yet.
    expect(row.due).toBe(3);
    // E1 handled 03-02 10:00 ≤ 03-03 08:00; E2 handled 03-05 after 03-04; E3 open.
    expect(row.on_time_rate as number).toBeCloseTo(1 / 3, 12);
    expect(row.overdue_open).toBe(1);
    // Known: E1 no, E2 yes, E4 no → 1/3 (E3 unknown is left out).
    expect(row.self_resolved_rate as number).toBeCloseTo(1 / 3, 12);
    expect(row.supervised_share).toBe(0.25);
    // Odd count 2, 4, 1 → 2; even 24, 72 → 48; 2, 6 → 4; single 24; single 52.
    expect(row.median_dispatch_hours).toBe(2);
    expect(row.median_handle_hours).toBe(48);
    expect(row.median_feedback_hours).toBe(4);
    expect(row.median_verify_hours).toBe(24);
    expect(row.median_loop_hours).toBe(52);
    // W1, W2 (E4 has no worker id but is an event): 4 / 2.
    expect(row.workers).toBe(2);
    expect(row.events_per_worker).toBe(2);
  });

  it('events_per_worker per worker, NULL for events without a worker', async () => {
    const rows = await byKey(engine, gridMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'worker_id', metrics: ['total', 'workers', 'events_per_worker'] }));
    expect([...rows.entries()]).toEqual([
      ['W1', { key: 'W1', total: 2, workers: 1, events_per_worker: 2 }],
      ['W2', { key: 'W2', total: 1, workers: 1, events_per_worker: 1 }],
      [null, { key: null, total: 1, workers: 0, events_per_worker: null }],
    ]);
  });

  it('groups by township, village and event type', async () => {
    const byTownship = await byKey(engine, gridMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'township', metrics: ['total', 'loop_closed_rate', 'median_handle_hours'] }));
    expect(byTownship.get('G1')).toEqual({ key: 'G1', total: 2, loop_closed_rate: 0.5, median_handle_hours: 48 });
    expect(byTownship.get('G2')).toEqual({ key: 'G2', total: 2, loop_closed_rate: 0, median_handle_hours: null });
    const byType = await byKey(engine, gridMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'event_type', metrics: ['total'] }));
    expect(byType.get('环境卫生')!.total).toBe(2);
    const byVillage = await byKey(engine, gridMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'village', metrics: ['total'] }));
    expect(byVillage.get('V2')!.total).toBe(2);
  });

  it('takes the automatic as-of time over the grid timestamps', async () => {
    // No period end: latest grid timestamp is E2's feedback 03-05 18:00, so E3 (due 03-10) is not overdue.
    const row = await oneRow(engine, gridMetricsQuery({ filters: period('2024-03-01', null), settings: defaultSettings(), metrics: ['due', 'overdue_open'] }));
    expect(row).toEqual({ due: 2, overdue_open: 0 });
  });
});
