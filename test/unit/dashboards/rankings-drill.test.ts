// Where a ranking row drills to: a unit's tickets over the ranking period, and a township's
// departments ranked on that township's tickets alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, parseFilterQuery } from '$lib/filters';
import { defaultSettings } from '$lib/metrics';
import { parseRankingUnit, rankedWithinTownships, rankingTableQuery, unitDrillQueries } from '$lib/dashboards';
import { loadTable, rowsOf, type FixtureRow } from '../metrics/fixtures';

const FEB = { from: '2024-02-01', to: '2024-02-29' };

describe('unitDrillQueries', () => {
  it('sends a township to its tickets and to its departments over the ranking period', () => {
    const drill = unitDrillQueries(emptyFilters(), 'township', '悦来镇', FEB);
    expect(drill.tickets).toBe('from=2024-02-01&to=2024-02-29&township=%E6%82%A6%E6%9D%A5%E9%95%87');
    const tickets = parseFilterQuery(new URLSearchParams(drill.tickets));
    expect(tickets).toEqual({ ...emptyFilters(), ...FEB, township: ['悦来镇'] });
    const departments = new URLSearchParams(drill.departments!);
    expect(parseRankingUnit(departments)).toBe('department');
    expect(parseFilterQuery(departments)).toEqual({ ...emptyFilters(), ...FEB, township: ['悦来镇'] });
  });

  it('sends a department to its tickets only, keeping the page’s township filter it was scored under', () => {
    const page = { ...emptyFilters(), township: ['悦来镇'], channel: ['电话'] };
    const drill = unitDrillQueries(page, 'department', '城管局', FEB);
    expect(drill.departments).toBeNull();
    expect(parseFilterQuery(new URLSearchParams(drill.tickets))).toEqual({ ...page, ...FEB, department: ['城管局'] });
  });

  it('replaces the page’s townships with the row’s and drops a comparison the tickets page would add', () => {
    const page = { ...emptyFilters(), township: ['甲', '乙'], compare: 'previous' as const, from: '2023-01-01', to: '2023-12-31' };
    const drill = unitDrillQueries(page, 'township', '乙', FEB);
    expect(parseFilterQuery(new URLSearchParams(drill.tickets))).toEqual({ ...emptyFilters(), ...FEB, township: ['乙'] });
  });
});

describe('rankedWithinTownships', () => {
  it('names the townships a department ranking is narrowed to, and nothing for townships', () => {
    const filters = { ...emptyFilters(), township: ['悦来镇'] };
    expect(rankedWithinTownships(filters, 'department')).toEqual(['悦来镇']);
    expect(rankedWithinTownships(filters, 'township')).toEqual([]);
    expect(rankedWithinTownships(emptyFilters(), 'department')).toEqual([]);
  });
});

// T1: D1 satisfied, D2 not. T2: D2 satisfied twice, D3 not. Over T1 alone D1 ranks first with one
// rated ticket, D2 second with one (its T2 tickets would lift it to 2 of 3 rated); D3 is absent.
function ticket(id: string, township: string, department: string, sat: string): FixtureRow {
  return {
    ticket_id: id, township, department, received_at: '2024-02-05 09:00', deadline_at: '2024-02-10 09:00',
    closed_at: '2024-02-06 09:00', satisfaction: sat, resolved: true, returned_count: 0, unattributable: false,
  };
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', [
    ticket('1', 'T1', 'D1', '满意'),
    ticket('2', 'T1', 'D2', '不满意'),
    ticket('3', 'T2', 'D2', '满意'),
    ticket('4', 'T2', 'D2', '满意'),
    ticket('5', 'T2', 'D3', '不满意'),
  ]);
});
afterAll(() => engine.close());

describe('a township’s department ranking', () => {
  it('ranks only the departments of that township’s tickets', async () => {
    const query = new URLSearchParams(unitDrillQueries(emptyFilters(), 'township', 'T1', FEB).departments!);
    const filters = parseFilterQuery(query);
    const settings = { ...defaultSettings(), minRatedForRanking: 1 };
    const rows = await rowsOf(engine, rankingTableQuery(filters, settings, parseRankingUnit(query), FEB));
    expect(rows.map((r) => [r.key, r.rated, r.rank])).toEqual([
      ['D1', 1, 1],
      ['D2', 1, 2],
    ]);
    const all = await rowsOf(engine, rankingTableQuery(emptyFilters(), settings, 'department', FEB));
    expect(all.map((r) => [r.key, r.rated])).toEqual([
      ['D1', 1],
      ['D2', 3],
      ['D3', 1],
    ]);
  });
});
