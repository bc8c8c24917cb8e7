// The targets' SQL on a hand-made table: which ratings count, the three readings, per unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings } from '$lib/metrics';
import { defaultTargets, targetContextQuery, targetPeriods, targetReadingsQuery, targetReport, targetScope, type Target } from '$lib/targets';
import { loadTable, rowsOf, type FixtureRow } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const rated = (id: string, day: string, township: string, satisfaction: string, callback_level: string | null): FixtureRow => ({
  ticket_id: id,
  received_at: `${day} 09:00`,
  closed_at: `${day} 18:00`,
  township,
  satisfaction,
  callback_level,
});

// 2024, as of 2024-06-20 12:00 (the latest timestamp).
//   悦来镇 province/city callbacks: 5 in May (4 satisfied), 2 in June (2 satisfied); 1 district one (不满意) left out.
//   礼嘉街道 city callbacks: 2 in March, both satisfied.
//   2023: one 省 rating, not in the year.
const rows: FixtureRow[] = [
  rated('A1', '2024-05-03', '悦来镇', '满意', '省'),
  rated('A2', '2024-05-04', '悦来镇', '非常满意', '市'),
  rated('A3', '2024-05-05', '悦来镇', '基本满意', '市'),
  rated('A4', '2024-05-06', '悦来镇', '满意', '省'),
  rated('A5', '2024-05-07', '悦来镇', '不满意', '市'),
  rated('A6', '2024-06-02', '悦来镇', '满意', '市'),
  rated('A7', '2024-06-19', '悦来镇', '满意', '省'),
  rated('A8', '2024-06-03', '悦来镇', '不满意', '区'),
  rated('B1', '2024-03-01', '礼嘉街道', '满意', '市'),
  rated('B2', '2024-03-02', '礼嘉街道', '满意', '市'),
  rated('C1', '2023-12-30', '礼嘉街道', '不满意', '省'),
  { ticket_id: 'Z', received_at: '2024-06-20 12:00', township: '悦来镇' },
];

describe('target SQL', () => {
  it('finds the as-of time and whether the data carries callback levels', async () => {
    await loadTable(engine, 'tickets', rows);
    const [context] = await rowsOf(engine, targetContextQuery(defaultSettings()));
    expect(context.as_of).toBe('2024-06-20 12:00:00');
    expect(context.has_callback_level).toBe(true);
    await loadTable(engine, 'tickets', rows.map((r) => ({ ...r, callback_level: null })));
    const [without] = await rowsOf(engine, targetContextQuery(defaultSettings()));
    expect(without.has_callback_level).toBe(false);
  });

  it('reads the default target over province and city callbacks only', async () => {
    await loadTable(engine, 'tickets', rows);
    const target = defaultTargets()[0];
    const periods = targetPeriods('2024-06-20 12:00:00', 2024)!;
    const scope = targetScope(target, true);
    expect(scope).toBe('callbacks');
    const result = await rowsOf(engine, targetReadingsQuery({ target, settings: defaultSettings(), periods, scope }));
    const report = targetReport(target, periods, result as never);
    // YTD: 9 callbacks of 省/市 in 2024, 8 satisfied (A5 not): 8/9.
    expect(report.overall.ytd.value).toBeCloseTo(8 / 9, 12);
    expect(report.overall.ytd.denominator).toBe(9);
    // 0.95 × 9 = 8.55 → 9 satisfied needed: 1 more.
    expect(report.overall.ytd.gapTickets).toBe(1);
    // Rolling 30 days 2024-05-22 … 2024-06-20: A6, A7 → 2/2.
    expect(report.overall.rolling30.value).toBe(1);
    expect(report.overall.rolling30.denominator).toBe(2);
    // Latest complete month: May, A1–A5 → 4/5.
    expect(report.overall.month.value).toBeCloseTo(0.8, 12);
    // Units: 悦来镇 6/7 below (0.95×7 = 6.65 → 1 more), 礼嘉街道 2/2 met; below first.
    expect(report.units.map((u) => [u.key, u.denominator, u.below, u.gapTickets])).toEqual([
      ['悦来镇', 7, true, 1],
      ['礼嘉街道', 2, false, 0],
    ]);
    expect(report.units[0].value).toBeCloseTo(6 / 7, 12);
  });

  it('reads every rated ticket when the data has no callback level', async () => {
    const noLevels = rows.map((r) => ({ ...r, callback_level: null }));
    await loadTable(engine, 'tickets', noLevels);
    const target = defaultTargets()[0];
    const periods = targetPeriods('2024-06-20 12:00:00', 2024)!;
    const result = await rowsOf(engine, targetReadingsQuery({ target, settings: defaultSettings(), periods, scope: targetScope(target, false) }));
    const report = targetReport(target, periods, result as never);
    // 10 rated in 2024 (A8 counts now), 8 satisfied.
    expect(report.overall.ytd.denominator).toBe(10);
    expect(report.overall.ytd.value).toBeCloseTo(0.8, 12);
  });

  it('reads only the units a target names', async () => {
    await loadTable(engine, 'tickets', rows);
    const target: Target = { ...defaultTargets()[0], units: { kind: 'township', keys: ['礼嘉街道'] } };
    const periods = targetPeriods('2024-06-20 12:00:00', 2024)!;
    const result = await rowsOf(engine, targetReadingsQuery({ target, settings: defaultSettings(), periods, scope: 'callbacks' }));
    const report = targetReport(target, periods, result as never);
    expect(report.overall.ytd.denominator).toBe(2);
    expect(report.units.map((u) => u.key)).toEqual(['礼嘉街道']);
    expect(report.overall.rolling30.value).toBeNull();
  });
});
