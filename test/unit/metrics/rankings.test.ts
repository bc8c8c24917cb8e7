// Composite rankings: ties share a rank, small units are listed but not ranked, unattributable
// tickets are left out by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, rankChange, rankingQuery, type MetricSettings } from '$lib/metrics';
import { loadTable, period, rowsOf, type FixtureRow } from './fixtures';

/** A March ticket of `township`, due 03-10, closed on time or late. */
function ticket(id: string, township: string | null, o: { sat: string; onTime: boolean; resolved: boolean | null; returned: number; unattributable?: boolean }): FixtureRow {
  return {
    ticket_id: id, township, received_at: '2024-03-05 09:00', deadline_at: '2024-03-10 09:00',
    closed_at: o.onTime ? '2024-03-06 09:00' : '2024-03-12 09:00', satisfaction: o.sat,
    resolved: o.resolved, returned_count: o.returned, unattributable: o.unattributable ?? false,
  };
}

const good = { sat: '满意', onTime: true, resolved: true, returned: 0 };
const bad = { sat: '不满意', onTime: false, resolved: false, returned: 1 };

// Components (satisfaction, on time, resolution, return):
//   P 1, 1, 1, 0      Q 0.5, 1, 1, 0      R 1, 1, 0, 0      S 0, 0, 0, 1      U 1 rated only
// Ranked units P, Q, R, S span [0, 1] on every component, so normalised = raw (return inverted).
//   P 0.4 + 0.3 + 0.2 + 0.1 = 1;  Q 0.4·0.5 + 0.3 + 0.2 + 0.1 = 0.8;  R 0.4 + 0.3 + 0 + 0.1 = 0.8;  S 0.
const TICKETS: FixtureRow[] = [
  ticket('P1', 'P', good), ticket('P2', 'P', good),
  ticket('P3', 'P', { ...bad, unattributable: true }),
  ticket('Q1', 'Q', good), ticket('Q2', 'Q', { ...good, sat: '不满意' }),
  ticket('R1', 'R', { ...good, resolved: false }), ticket('R2', 'R', { ...good, resolved: false }),
  ticket('S1', 'S', bad), ticket('S2', 'S', bad),
  ticket('U1', 'U', good),
  ticket('N1', null, good), ticket('N2', null, good),
];

const MARCH = period('2024-03-01', '2024-03-31');
const settings = (patch: Partial<MetricSettings> = {}): MetricSettings => ({ ...defaultSettings(), minRatedForRanking: 2, ...patch });

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', TICKETS);
});
afterAll(() => engine.close());

describe('township ranking', () => {
  it('ranks with ties sharing a rank (1, 2, 2, 4) and lists the small unit unranked', async () => {
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings(), unit: 'township' }));
    expect(rows.map((r) => [r.key, r.rank, r.ranked])).toEqual([
      ['P', 1, true],
      ['Q', 2, true],
      ['R', 2, true],
      ['S', 4, true],
      ['U', null, false],
    ]);
    const score = Object.fromEntries(rows.map((r) => [r.key, r.score]));
    expect(score).toEqual({ P: 1, Q: 0.8, R: 0.8, S: 0, U: null });
  });

  it('reports raw and normalised components; return rate is inverted', async () => {
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings(), unit: 'township' }));
    const q = rows.find((r) => r.key === 'Q')!;
    expect(q).toMatchObject({ rated: 2, satisfaction_rate: 0.5, on_time_rate: 1, resolution_rate: 1, return_rate: 0 });
    expect(q).toMatchObject({ satisfaction_rate_norm: 0.5, on_time_rate_norm: 1, resolution_rate_norm: 1, return_rate_norm: 1 });
    const s = rows.find((r) => r.key === 'S')!;
    expect(s.return_rate).toBe(1);
    expect(s.return_rate_norm).toBe(0);
    // The unranked unit keeps its raw figures but has no normalised ones.
    const u = rows.find((r) => r.key === 'U')!;
    expect(u).toMatchObject({ rated: 1, satisfaction_rate: 1, satisfaction_rate_norm: null, score: null });
  });

  it('counts unattributable tickets when the setting says so', async () => {
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings({ excludeUnattributableFromRankings: false }), unit: 'township' }));
    // P now has P3 (bad): every component 2/3 (return 1/3 → inverted 2/3) → score 2/3.
    expect(rows.map((r) => [r.key, r.rank])).toEqual([['Q', 1], ['R', 1], ['P', 3], ['S', 4], ['U', null]]);
    expect(rows.find((r) => r.key === 'P')!.score as number).toBeCloseTo(2 / 3, 8);
  });

  it('uses the minimum rated count: at 3 no unit qualifies, yet every unit is listed', async () => {
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings({ minRatedForRanking: 3 }), unit: 'township' }));
    expect(rows.every((r) => r.rank === null && r.ranked === false)).toBe(true);
    expect(rows.map((r) => r.key)).toEqual(['P', 'Q', 'R', 'S', 'U']);
  });

  it('follows the weights: satisfaction only puts P and R first, tied', async () => {
    const weights = { satisfaction_rate: 1, on_time_rate: 0, resolution_rate: 0, return_rate: 0 };
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings({ rankingWeights: weights }), unit: 'township' }));
    expect(rows.map((r) => [r.key, r.rank])).toEqual([['P', 1], ['R', 1], ['Q', 3], ['S', 4], ['U', null]]);
  });

  it('scores 1 on a component every ranked unit shares, and leaves a NULL component out of the mean', async () => {
    await loadTable(engine, 'tickets', [
      ticket('A1', 'A', { ...good, resolved: null }), ticket('A2', 'A', { ...good, resolved: null }),
      ticket('B1', 'B', { ...good, sat: '不满意' }), ticket('B2', 'B', good),
    ]);
    const rows = await rowsOf(engine, rankingQuery({ filters: MARCH, settings: settings(), unit: 'township' }));
    // on time and return: equal for A and B → 1 each. Satisfaction: A 1 → 1, B 0.5 → 0.
    // A has no known resolution: (0.4·1 + 0.3·1 + 0.1·1) / 0.8 = 1. B: (0 + 0.3 + 0.2·1 + 0.1) / 1 = 0.6.
    expect(rows.map((r) => [r.key, r.score, r.rank])).toEqual([['A', 1, 1], ['B', 0.6, 2]]);
    expect(rows[0].resolution_rate_norm).toBeNull();
    await loadTable(engine, 'tickets', TICKETS);
  });
});

describe('rankChange', () => {
  it('is positive for a unit that moved up and NULL when either period is unranked', () => {
    expect(rankChange(2, 5)).toBe(3);
    expect(rankChange(4, 1)).toBe(-3);
    expect(rankChange(null, 1)).toBeNull();
    expect(rankChange(1, null)).toBeNull();
  });
});
