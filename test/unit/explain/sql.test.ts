// The explain SQL on a hand-made table: both periods' counts per group, through the metric layer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings } from '$lib/metrics';
import { decompose, explainQuery, groupCounts, parseExplainQuery } from '$lib/explain';
import { loadTable, rowsOf, type FixtureRow } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

let id = 0;
const rated = (day: string, channel: string, satisfaction: string, township = '悦来镇'): FixtureRow => ({
  ticket_id: `T${++id}`,
  received_at: `${day} 09:00`,
  closed_at: `${day} 18:00`,
  township,
  channel,
  satisfaction,
});

describe('explain SQL', () => {
  it('counts each group in both periods and decomposes the change', async () => {
    // May: 电话 3 rated (2 satisfied), 网站 1 (1). June: 电话 1 (1), 网站 3 (1); 未回访 is not rated;
    // 礼嘉街道 is outside the township filter.
    await loadTable(engine, 'tickets', [
      rated('2024-05-02', '电话', '满意'),
      rated('2024-05-03', '电话', '基本满意'),
      rated('2024-05-04', '电话', '不满意'),
      rated('2024-05-05', '网站', '非常满意'),
      rated('2024-06-02', '电话', '满意'),
      rated('2024-06-03', '网站', '满意'),
      rated('2024-06-04', '网站', '不满意'),
      rated('2024-06-05', '网站', '非常不满意'),
      rated('2024-06-06', '网站', '未回访'),
      rated('2024-06-07', '网站', '不满意', '礼嘉街道'),
    ]);
    const request = parseExplainQuery(new URLSearchParams('metric=satisfaction_rate&by=channel&township=悦来镇&from=2024-06-01&to=2024-06-30'));
    const rows = await rowsOf(engine, explainQuery(request, defaultSettings(), { from: '2024-05-01', to: '2024-05-31' }, { from: '2024-06-01', to: '2024-06-30' }));
    const groups = groupCounts(rows as never);
    const byKey = Object.fromEntries(groups.map((x) => [x.key, x]));
    expect(byKey['电话']).toMatchObject({ denominator0: 3, denominator1: 1 });
    expect(byKey['电话'].numerator0).toBeCloseTo(2, 12);
    expect(byKey['网站']).toMatchObject({ denominator0: 1, denominator1: 3 });
    expect(byKey['网站'].numerator1).toBeCloseTo(1, 12);
    // 3/4 → 2/4: change −0.25. Shares 0.75/0.25 → 0.25/0.75.
    // R̄ = (0.75 + 0.5)/2 = 0.625.
    // 电话: mix (−0.5)((2/3 + 1)/2 − 0.625) = −5/48, rate (1 − 2/3)(0.75 + 0.25)/2 = 1/6.
    // 网站: mix (0.5)((1 + 1/3)/2 − 0.625) = 1/48, rate (1/3 − 1)(0.25 + 0.75)/2 = −1/3.
    const d = decompose(groups);
    expect(d.change).toBeCloseTo(-0.25, 12);
    const drivers = Object.fromEntries(d.drivers.map((x) => [x.key, x]));
    expect(drivers['电话'].mix).toBeCloseTo(-5 / 48, 12);
    expect(drivers['电话'].rate).toBeCloseTo(1 / 6, 12);
    expect(drivers['网站'].mix).toBeCloseTo(1 / 48, 12);
    expect(drivers['网站'].rate).toBeCloseTo(-1 / 3, 12);
  });
});
