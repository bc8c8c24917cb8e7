// The evaluation's SQL on hand-made events: each worker's figures for a year (worked out in the
// comments), the years there are, and confirmed missed reports from the comparison's checking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultCompareSettings, pairKey } from '$lib/compare';
import { evaluationYearsQuery, readEvaluationYears, missedByWorkerQuery, readMissed, readWorkerFigures, workerFiguresQuery, defaultEvaluationSettings } from '$lib/evaluation';
import { defaultSettings } from '$lib/metrics';
import { createTableSql } from '$lib/import/upsert';
import { ident, sql } from '$lib/sql';
import { loadTable, rowsOf } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 120_000);
afterAll(() => engine.close());

// W1 in 2024 (as-of 2025-01-01 00:00):
//   E1 loop 03-01 08:00 → 03-03 12:00 = 52 h, handled before its deadline, not self-resolved
//   E2 loop 03-02 08:00 → 03-06 08:00 = 96 h, handled after its deadline, supervised, self-resolved
//   E3 returned ('退回 ' with a trailing space), nothing else
//   E4 reported 12-31 23:00, not handled, deadline 2025-01-05: not yet due; not self-resolved
//   → events 4, verified 2/4, returned 1/4, on time 1/2 (E1 of E1, E2), median loop 74 h,
//     supervised 1/4, self-resolved 1/3 (E3 unknown)
// W2 in 2024: E5 loop 12 h on time, self-resolved; E6 open past its deadline (due, late), self unknown
//   → events 2, verified 1/2, returned 0, on time 1/2, loop 12 h, supervised 0, self-resolved 1
// E7 (W1, 2023) and E8 (no worker) count for nobody in 2024.
const EVENTS = [
  { event_id: 'E1', worker_id: 'W1', worker_name: '张三', township: '悦来镇', grid_id: 'G1', status: '已结案', self_resolved: false,
    reported_at: '2024-03-01 08:00', dispatched_at: '2024-03-01 10:00', handled_at: '2024-03-02 10:00', feedback_at: '2024-03-02 12:00', verified_at: '2024-03-03 12:00', deadline_at: '2024-03-03 08:00' },
  { event_id: 'E2', worker_id: 'W1', worker_name: '张三', township: '悦来镇', grid_id: 'G1', status: '已结案', self_resolved: true,
    reported_at: '2024-03-02 08:00', dispatched_at: '2024-03-02 12:00', handled_at: '2024-03-05 12:00', supervised_at: '2024-03-04 09:00', feedback_at: '2024-03-05 18:00', verified_at: '2024-03-06 08:00', deadline_at: '2024-03-04 08:00' },
  { event_id: 'E3', worker_id: 'W1', worker_name: '张三', township: '悦来镇', grid_id: 'G1', status: '退回 ', reported_at: '2024-05-01 08:00' },
  { event_id: 'E4', worker_id: 'W1', worker_name: '张三', township: '悦来镇', grid_id: 'G1', status: '处置中', self_resolved: false, reported_at: '2024-12-31 23:00', dispatched_at: '2025-01-01 01:00', deadline_at: '2025-01-05 00:00' },
  { event_id: 'E5', worker_id: 'W2', worker_name: '李四', township: '常乐镇', grid_id: 'G2', status: '已结案', self_resolved: true,
    reported_at: '2024-06-01 08:00', dispatched_at: '2024-06-01 09:00', handled_at: '2024-06-01 12:00', feedback_at: '2024-06-01 13:00', verified_at: '2024-06-01 20:00', deadline_at: '2024-06-02 08:00' },
  { event_id: 'E6', worker_id: 'W2', worker_name: '李四', township: '常乐镇', grid_id: 'G2', status: '待分流', reported_at: '2024-06-03 08:00', deadline_at: '2024-06-04 08:00' },
  { event_id: 'E7', worker_id: 'W1', township: '悦来镇', grid_id: 'G1', status: '已结案', reported_at: '2023-12-31 23:59', verified_at: '2024-01-01 10:00' },
  { event_id: 'E8', township: '悦来镇', status: '已结案', reported_at: '2024-07-01 08:00' },
];

describe('worker figures', () => {
  beforeAll(async () => loadTable(engine, 'grid_events', EVENTS));

  it('are the hand-computed ones, for the year only', async () => {
    const rows = await rowsOf(engine, workerFiguresQuery(2024, defaultSettings(), defaultEvaluationSettings()));
    const figures = readWorkerFigures(rows as never, null);
    expect(figures.map((f) => [f.workerId, f.workerName, f.township, f.gridId])).toEqual([
      ['W1', '张三', '悦来镇', 'G1'],
      ['W2', '李四', '常乐镇', 'G2'],
    ]);
    const [w1, w2] = figures;
    expect(w1.raw).toMatchObject({ events: 4, verified: 0.5, returned: 0.25, onTime: 0.5, loopHours: 74, supervised: 0.25, missed: 0 });
    expect(w1.raw.selfResolved!).toBeCloseTo(1 / 3, 12);
    expect(w2.raw).toEqual({ events: 2, verified: 0.5, returned: 0, onTime: 0.5, loopHours: 12, supervised: 0, selfResolved: 1, missed: 0 });
  });

  it('count no status as returned when the list is empty', async () => {
    const rows = await rowsOf(engine, workerFiguresQuery(2024, defaultSettings(), { returnedStatuses: [] }));
    expect(rows.map((r) => r.returned)).toEqual([0, 0]);
  });

  it('know the years and the latest complete one', async () => {
    // The data reach 2024-12-31 23:00: 2024 is complete.
    expect(readEvaluationYears((await rowsOf(engine, evaluationYearsQuery())) as never)).toEqual({ years: [2023, 2024], latestComplete: 2024, fallback: 2024 });
    // An export taken in mid-December: 2024 is not complete, 2023 is.
    await loadTable(engine, 'grid_events', EVENTS.filter((e) => e.event_id !== 'E4'));
    expect(readEvaluationYears((await rowsOf(engine, evaluationYearsQuery())) as never)).toEqual({ years: [2023, 2024], latestComplete: 2023, fallback: 2023 });
    await loadTable(engine, 'grid_events', EVENTS);
  });
});

describe('confirmed missed reports', () => {
  beforeAll(async () => {
    await loadTable(engine, 'grid_events', [
      { event_id: 'G1', worker_id: 'W1', reported_at: '2024-03-01 09:00', township: '悦来镇', village: '东兴村', grid_id: 'G05001', address: '悦来镇东兴村3组12号' },
      { event_id: 'G2', worker_id: 'W2', reported_at: '2024-03-10 10:00', township: '悦来镇', village: '西兴村', grid_id: 'G05002', address: '悦来镇江海路18号' },
    ]);
    await loadTable(engine, 'police_non_emergency', [
      // A day after G1 at its address: a candidate pair P1–G1.
      { call_id: 'P1', received_at: '2024-03-02 10:00', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '噪音扰民' },
      // Eight days after G1: no candidate; the comparison places it in G1's grid (same address).
      { call_id: 'P2', received_at: '2024-03-09 10:00', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '邻里纠纷' },
      // The same in 2023: another year, never counted in 2024.
      { call_id: 'P0', received_at: '2023-06-01 10:00', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '邻里纠纷' },
      // A day after G2 at its address: a candidate pair P3–G2.
      { call_id: 'P3', received_at: '2024-03-11 10:00', township: '悦来镇', village: '西兴村', address: '江海路18号', category: '占道经营' },
    ]);
    // Empty tables of the canonical shape (an empty Arrow stream does not load).
    for (const table of ['tickets', 'special_population_alerts'] as const) {
      await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
      await engine.exec(createTableSql(table));
    }
  });

  it('once checking has begun, count the records without an accepted grid match, per worker of the grid', async () => {
    const compare = defaultCompareSettings();
    // Nothing accepted yet (one rejection was recorded): P1, P2 charge W1, P3 charges W2.
    expect(readMissed(await rowsOf(engine, missedByWorkerQuery(2024, compare, [])) as never)).toEqual(new Map([['W1', 2], ['W2', 1]]));
    // P1–G1 and P3–G2 accepted: only P2 is missed.
    const accepted = [pairKey('P1', 'G1'), pairKey('P3', 'G2')];
    expect(readMissed(await rowsOf(engine, missedByWorkerQuery(2024, compare, accepted)) as never)).toEqual(new Map([['W1', 1]]));
  });
});
