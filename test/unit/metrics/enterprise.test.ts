// Enterprise request metrics on five hand-made requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, enterpriseMetricsQuery, type MetricSettings } from '$lib/metrics';
import { byKey, loadTable, oneRow, period, type FixtureRow } from './fixtures';

// closure hours: R1 2, R2 24, R4 6, R5 1; R3 open.
const REQUESTS: FixtureRow[] = [
  { request_id: 'R1', policy_area: '税务', township: 'A', specialist: '张', received_at: '2024-03-01 09:00', closed_at: '2024-03-01 11:00', satisfaction: '满意', direct_answer: true },
  { request_id: 'R2', policy_area: '税务', township: 'A', specialist: '李', received_at: '2024-03-02 09:00', closed_at: '2024-03-03 09:00', satisfaction: '基本满意', direct_answer: false },
  { request_id: 'R3', policy_area: '人社', township: 'B', specialist: '李', received_at: '2024-03-03 09:00', closed_at: null, satisfaction: null, direct_answer: true },
  { request_id: 'R4', policy_area: '人社', township: 'B', specialist: '李', received_at: '2024-03-04 09:00', closed_at: '2024-03-04 15:00', satisfaction: '不满意', direct_answer: false },
  { request_id: 'R5', policy_area: '人社', township: 'B', specialist: null, received_at: '2024-03-05 09:00', closed_at: '2024-03-05 10:00', satisfaction: '未回访', direct_answer: null },
];
const MARCH = period('2024-03-01', '2024-03-31');

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'enterprise_requests', REQUESTS);
});
afterAll(() => engine.close());

describe('enterprise metrics', () => {
  it('computes every overall figure', async () => {
    const row = await oneRow(engine, enterpriseMetricsQuery({ filters: MARCH, settings: defaultSettings() }));
    // rated R1, R2, R4; satisfied R1, R2; direct R1, R3 of 5; median of 1, 2, 6, 24 = 4.
    expect(row).toEqual({ total: 5, rated: 3, satisfaction_rate: 2 / 3, direct_answer_rate: 0.4, closed: 4, median_closure_hours: 4 });
  });

  it('groups by policy area', async () => {
    const rows = await byKey(engine, enterpriseMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'policy_area' }));
    // 人社: R3, R4, R5 — rated R4 only (不满意) → 0; closures 6, 1 → 3.5.
    expect(rows.get('人社')).toEqual({ key: '人社', total: 3, rated: 1, satisfaction_rate: 0, direct_answer_rate: 1 / 3, closed: 2, median_closure_hours: 3.5 });
    // 税务: R1, R2 — both satisfied; closures 2, 24 → 13.
    expect(rows.get('税务')).toEqual({ key: '税务', total: 2, rated: 2, satisfaction_rate: 1, direct_answer_rate: 0.5, closed: 2, median_closure_hours: 13 });
  });

  it('groups by specialist, NULL last', async () => {
    const rows = await byKey(engine, enterpriseMetricsQuery({ filters: MARCH, settings: defaultSettings(), groupBy: 'specialist', metrics: ['total'] }));
    expect([...rows.values()]).toEqual([{ key: '张', total: 1 }, { key: '李', total: 3 }, { key: null, total: 1 }]);
  });

  it('applies the satisfaction settings; exit-reason settings have nothing to act on', async () => {
    const weighted: MetricSettings = { ...defaultSettings(), satisfactionVariant: 'weighted', excludedExitReasons: { mode: 'list', reasons: ['恶意举报'] } };
    // (100 + 80 + 0) / 3 = 60.
    const row = await oneRow(engine, enterpriseMetricsQuery({ filters: MARCH, settings: weighted, metrics: ['rated', 'satisfaction_rate'] }));
    expect(row.rated).toBe(3);
    expect(row.satisfaction_rate as number).toBeCloseTo(0.6, 12);
    const strict: MetricSettings = { ...defaultSettings(), basicSatisfiedCounts: false };
    const strictRow = await oneRow(engine, enterpriseMetricsQuery({ filters: MARCH, settings: strict, metrics: ['satisfaction_rate'] }));
    expect(strictRow.satisfaction_rate as number).toBeCloseTo(1 / 3, 12);
  });
});
