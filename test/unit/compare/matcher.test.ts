// The comparison on hand-made records whose matches were decided by hand (see each record's
// comment): the same address written two ways, times just inside and just outside the 7-day
// window, the same road name in another village, a later grid report, an alert with and without a
// grid follow-up, and the figures before and after checking begins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { compareAllPairsQuery, compareCandidatesQuery, comparePrepareStatements, compareUnitsQuery, defaultCompareSettings, pairKey } from '$lib/compare';
import { byKey, loadTable, rowsOf } from '../metrics/fixtures';

let engine: NodeEngine;
const settings = defaultCompareSettings();

beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'grid_events', [
    { event_id: 'G1', reported_at: '2024-03-01 09:00', township: '悦来镇', village: '东兴村', grid_id: 'G05001', address: '悦来镇东兴村3组12号' },
    { event_id: 'G2', reported_at: '2024-03-10 10:00', township: '悦来镇', village: '西兴村', grid_id: 'G05002', address: '悦来镇江海路18号' },
    { event_id: 'G3', reported_at: '2024-03-20 08:00', township: '悦来镇', village: '东兴村', grid_id: 'G05001', address: '悦来镇幸福花园3幢' },
    { event_id: 'G4', reported_at: '2024-04-01 08:00', township: '常乐镇', village: '南村', grid_id: 'G04001', address: '常乐镇南村5组7号' },
  ]);
  await loadTable(engine, 'police_non_emergency', [
    // G1's address written another way (区 prefix, full-width digits), a day later: grid first.
    { call_id: 'P1', received_at: '2024-03-02 10:00', township: '悦来镇', village: '东兴村', address: '海门区悦来镇东兴村３组１２号', category: '噪音扰民' },
    // Exactly 7 days after G1: inside the window, grid first.
    { call_id: 'P2', received_at: '2024-03-08 09:00', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '邻里纠纷' },
    // One second later: outside the window, a missed report.
    { call_id: 'P3', received_at: '2024-03-08 09:00:01', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '邻里纠纷' },
    // G2's road and number, but G2 is in 西兴村: no match, missed.
    { call_id: 'P4', received_at: '2024-03-10 12:00', township: '悦来镇', village: '东兴村', address: '悦来镇江海路18号', category: '占道经营' },
    // G3's building (号楼 for 幢) two days before G3: the grid reported later.
    { call_id: 'P5', received_at: '2024-03-18 08:00', township: '悦来镇', village: '东兴村', address: '幸福花园3号楼', category: '环境污染' },
    // Not a grid category: outside the comparison.
    { call_id: 'P6', received_at: '2024-03-02 11:00', township: '悦来镇', village: '东兴村', address: '东兴村3组12号', category: '求助' },
  ]);
  await loadTable(engine, 'tickets', [
    // G1's place two days after it: grid first; also P1, P2 and P3 (within 7 days): a repeat across channels.
    { ticket_id: 'T1', received_at: '2024-03-03 10:00', township: '悦来镇', address: '悦来镇东兴村3组12号', category: '城市管理>市容环境>占道经营' },
    // 5组8号 is not G4's 5组7号: missed; its village is read from the address (南村).
    { ticket_id: 'T2', received_at: '2024-04-01 09:00', township: '常乐镇', address: '常乐镇南村5组8号', category: '生态环境>噪声污染>夜间施工' },
    // Not a grid category.
    { ticket_id: 'T3', received_at: '2024-04-01 09:00', township: '常乐镇', address: '常乐镇南村5组7号', category: '劳动保障>劳动关系>欠薪' },
  ]);
  await loadTable(engine, 'special_population_alerts', [
    // G3 follows a day later at the same place.
    { alert_id: 'A1', alerted_at: '2024-03-19 08:00', township: '悦来镇', village: '东兴村', address: '幸福花园3幢', population_type: '社区矫正', alert_type: '情绪异常' },
    // G4 is at the place but four days BEFORE the alert: no follow-up.
    { alert_id: 'A2', alerted_at: '2024-04-05 08:00', township: '常乐镇', village: '南村', address: '南村5组7号', population_type: '刑满释放', alert_type: '脱管失联' },
  ]);
}, 120_000);
afterAll(() => engine.close());

describe('candidate pairs', () => {
  it('are exactly the hand-decided ones', async () => {
    const rows = await rowsOf(engine, compareAllPairsQuery({ settings }));
    const pairs = rows.map((r) => `${r.left_id}-${r.right_id}`).sort();
    expect(pairs).toEqual(['A1-G3', 'A2-G4', 'P1-G1', 'P2-G1', 'P5-G3', 'T1-G1', 'T1-P1', 'T1-P2', 'T1-P3']);
    // Every one is the same normalised address: similarity 1.
    expect(rows.every((r) => r.score === 1)).toBe(true);
  });

  it('narrow with the window: 1 day keeps only the pairs at most 24 hours apart', async () => {
    const rows = await rowsOf(engine, compareAllPairsQuery({ settings: { ...settings, windowDays: 1 } }));
    // A1–G3 are 24 h apart, T1–P1 exactly 24 h (inclusive); P1–G1 are 25 h apart.
    expect(rows.map((r) => `${r.left_id}-${r.right_id}`).sort()).toEqual(['A1-G3', 'T1-P1']);
  });

  it('list a township with the total, in place and time order', async () => {
    const rows = await rowsOf(engine, compareCandidatesQuery({ settings }, { township: '常乐镇' }, 10));
    expect(rows.map((r) => [r.left_id, r.right_id, r.total])).toEqual([['A2', 'G4', 1]]);
  });
});

describe('unit figures', () => {
  it('by township, before checking', async () => {
    const units = await byKey(engine, compareUnitsQuery({ settings }, 'township', null));
    expect(units.get('悦来镇')).toMatchObject({ problems: 6, grid_first: 3, grid_later: 1, missed: 2, repeats: 4, alerts: 1, alerts_unfollowed: 0, discovery_rate: 0.5 });
    expect(units.get('常乐镇')).toMatchObject({ problems: 1, grid_first: 0, grid_later: 0, missed: 1, repeats: 0, alerts: 1, alerts_unfollowed: 1, discovery_rate: 0 });
  });

  it('by village: a ticket takes the village of its grid match or of its address', async () => {
    const units = await byKey(engine, compareUnitsQuery({ settings }, 'village', null));
    expect([...units.keys()].sort()).toEqual(['常乐镇/南村', '悦来镇/东兴村']);
    expect(units.get('常乐镇/南村')).toMatchObject({ problems: 1, missed: 1, alerts: 1, alerts_unfollowed: 1 });
    expect(units.get('悦来镇/东兴村')).toMatchObject({ problems: 6, grid_first: 3 });
  });

  it('by grid: the road in another village is not given that village’s grid', async () => {
    const units = await byKey(engine, compareUnitsQuery({ settings }, 'grid', null));
    expect(units.get('G05001')).toMatchObject({ problems: 5, grid_first: 3, grid_later: 1, missed: 1, repeats: 4, alerts: 1, alerts_unfollowed: 0, discovery_rate: 0.6 });
    expect(units.get('悦来镇/-')).toMatchObject({ problems: 1, missed: 1 });
    expect(units.get('常乐镇/-')).toMatchObject({ problems: 1, missed: 1 });
    expect(units.get('G04001')).toMatchObject({ problems: 0, alerts: 1, alerts_unfollowed: 1, discovery_rate: null });
    expect(units.has('G05002')).toBe(false);
  });

  it('count only accepted matches once checking has begun', async () => {
    const accepted = [pairKey('P1', 'G1'), pairKey('T1', 'P1')];
    const units = await byKey(engine, compareUnitsQuery({ settings }, 'township', accepted));
    expect(units.get('悦来镇')).toMatchObject({ problems: 6, grid_first: 1, grid_later: 0, missed: 5, repeats: 2, alerts: 1, alerts_unfollowed: 1 });
    expect(units.get('悦来镇')!.discovery_rate).toBeCloseTo(1 / 6, 12);
  });
});

describe('prepared once into TEMP tables', () => {
  it('answer as the inline comparison does', async () => {
    for (const statement of comparePrepareStatements(settings, 'cmp_test')) await engine.exec(statement);
    const prepared = { prepared: 'cmp_test' };
    const units = await byKey(engine, compareUnitsQuery(prepared, 'grid', null));
    expect(units.get('G05001')).toMatchObject({ problems: 5, grid_first: 3, grid_later: 1, missed: 1, repeats: 4, alerts: 1, alerts_unfollowed: 0 });
    const pairs = await rowsOf(engine, compareAllPairsQuery(prepared));
    expect(pairs.length).toBe(9);
  });
});
