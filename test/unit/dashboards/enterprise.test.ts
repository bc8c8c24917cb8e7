// The enterprise dashboard's queries on six hand-made requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings } from '$lib/metrics';
import { emptyFilters } from '$lib/filters';
import { sql } from '$lib/sql';
import {
  directAnswerByTypeQuery,
  enterpriseHeadlineQuery,
  enterpriseTownshipQuery,
  policyAreaQuery,
  specialistQuery,
} from '$lib/dashboards';
import { volumeBucketsQuery } from '$lib/dashboards';
import type { ViewScope } from '$lib/dashboards';
import { byKey, loadTable, oneRow, period, rowsOf, type FixtureRow } from '../metrics/fixtures';

// closure hours: R1 2, R2 24, R4 6, R5 1; R3 open. R6 is in April.
const REQUESTS: FixtureRow[] = [
  { request_id: 'R1', policy_area: '税务', township: 'A', department: '税务局', specialist: '张', request_type: '咨询', received_at: '2024-03-01 09:00', closed_at: '2024-03-01 11:00', satisfaction: '满意', direct_answer: true },
  { request_id: 'R2', policy_area: '税务', township: 'A', department: '人社局', specialist: '李', request_type: '投诉', received_at: '2024-03-02 09:00', closed_at: '2024-03-03 09:00', satisfaction: '基本满意', direct_answer: false },
  { request_id: 'R3', policy_area: '人社', township: 'B', department: '人社局', specialist: '李', request_type: '咨询', received_at: '2024-03-03 09:00', closed_at: null, satisfaction: null, direct_answer: true },
  { request_id: 'R4', policy_area: '人社', township: 'B', department: '人社局', specialist: '李', request_type: '投诉', received_at: '2024-03-04 09:00', closed_at: '2024-03-04 15:00', satisfaction: '不满意', direct_answer: false },
  { request_id: 'R5', policy_area: '人社', township: 'B', department: null, specialist: null, request_type: '咨询', received_at: '2024-03-05 09:00', closed_at: '2024-03-05 10:00', satisfaction: '未回访', direct_answer: null },
  { request_id: 'R6', policy_area: '税务', township: 'A', department: '税务局', specialist: '张', request_type: '咨询', received_at: '2024-04-02 09:00', closed_at: '2024-04-02 10:00', satisfaction: '满意', direct_answer: true },
];
const MARCH: ViewScope = { filters: period('2024-03-01', '2024-03-31'), settings: defaultSettings() };

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'enterprise_requests', REQUESTS);
});
afterAll(() => engine.close());

describe('enterprise dashboard queries', () => {
  it('headline figures', async () => {
    // rated R1, R2, R4; satisfied R1, R2; direct R1, R3 of 5; closures 1, 2, 6, 24 → 4.
    expect(await oneRow(engine, enterpriseHeadlineQuery(MARCH))).toEqual({
      total: 5, rated: 3, satisfaction_rate: 2 / 3, direct_answer_rate: 0.4, closed: 4, median_closure_hours: 4,
    });
  });

  it('specialists with their unit and closure rate; requests without one last', async () => {
    const rows = await rowsOf(engine, specialistQuery(MARCH));
    expect(rows).toEqual([
      // Code-point order: 张 (U+5F20) before 李 (U+674E).
      { key: '张', total: 1, closed: 1, rated: 1, satisfaction_rate: 1, direct_answer_rate: 1, median_closure_hours: 2, department: '税务局', closure_rate: 1 },
      // 李: R2, R3, R4 — closed R2, R4 (24, 6 → 15); rated R2 (satisfied), R4 (not).
      { key: '李', total: 3, closed: 2, rated: 2, satisfaction_rate: 0.5, direct_answer_rate: 1 / 3, median_closure_hours: 15, department: '人社局', closure_rate: 2 / 3 },
      // R5: unknown direct_answer is not a direct answer; 未回访 is not a rating.
      { key: null, total: 1, closed: 1, rated: 0, satisfaction_rate: null, direct_answer_rate: 0, median_closure_hours: 1, department: null, closure_rate: 1 },
    ]);
  });

  it('policy areas and direct answers by request type', async () => {
    const areas = await byKey(engine, policyAreaQuery(MARCH));
    expect(areas.get('税务')).toEqual({ key: '税务', total: 2, satisfaction_rate: 1, direct_answer_rate: 0.5, median_closure_hours: 13 });
    expect(areas.get('人社')).toEqual({ key: '人社', total: 3, satisfaction_rate: 0, direct_answer_rate: 1 / 3, median_closure_hours: 3.5 });
    const types = await byKey(engine, directAnswerByTypeQuery(MARCH));
    expect(types.get('咨询')).toEqual({ key: '咨询', total: 3, direct_answer_rate: 2 / 3 }); // R1, R3 of R1, R3, R5
    expect(types.get('投诉')).toEqual({ key: '投诉', total: 2, direct_answer_rate: 0 });
  });

  it('townships under a cross-filter selection; volume bars per day', async () => {
    const towns = await rowsOf(engine, enterpriseTownshipQuery({ ...MARCH, where: sql`"policy_area" = ${'税务'}` }));
    expect(towns).toEqual([{ key: 'A', total: 2, satisfaction_rate: 1, direct_answer_rate: 0.5 }]);
    const days = await rowsOf(engine, volumeBucketsQuery('enterprise_requests', { filters: emptyFilters(), where: sql`"township" = ${'A'}` }, 'day'));
    expect(days).toEqual([{ day: '2024-03-01', total: 1 }, { day: '2024-03-02', total: 1 }, { day: '2024-04-02', total: 1 }]);
  });
});
