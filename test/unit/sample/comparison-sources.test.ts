// The comparison sources' planted overlaps, checked against the grid events with a plain
// address spelling-fold written here (not the app's normalisation): every FIRST call has a grid
// event at its address earlier within 72 h, every LATER call one later within 96 h, and NEVER
// calls and unfollowed alerts sit at addresses no grid event has.
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '$lib/schema/tables';
import { sampleGenerator } from '../../../sample-data/generator';
import type { PlantedTable } from '../../../sample-data/comparison-sources';

type Cells = Record<string, readonly unknown[]>;
const HOUR = 3_600_000;

/** 海门区 prefix off, full-width digits to ASCII, 号楼 → 幢: the three respellings the generator uses. */
function fold(address: string): string {
  return address
    .replace(/^海门区/, '')
    .replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/号楼/g, '幢');
}

let grid: Cells;
let police: PlantedTable;
let alerts: PlantedTable;
let gridTimesAt: Map<string, number[]>;

beforeAll(() => {
  const generator = sampleGenerator({ years: [2024], ticketsPerYear: 1_000 });
  grid = generator.grid_events().columns as Cells;
  police = generator.plantedPolice();
  alerts = generator.plantedAlerts();
  gridTimesAt = new Map();
  for (let i = 0; i < grid.event_id.length; i++) {
    const key = `${grid.village[i]}|${grid.address[i]}`;
    const list = gridTimesAt.get(key) ?? [];
    list.push(grid.reported_at[i] as number);
    gridTimesAt.set(key, list);
  }
});

function gridTimes(c: Cells, i: number): number[] {
  return gridTimesAt.get(`${c.village[i]}|${fold(c.address[i] as string)}`) ?? [];
}

describe('police calls', () => {
  it('have every canonical column and one row per planted kind', () => {
    const c = police.table.columns as Cells;
    expect(Object.keys(c).sort()).toEqual(TABLES.police_non_emergency.columns.map((s) => s.name).sort());
    expect(police.planted.length).toBe(police.table.length);
    expect(new Set(c.call_id).size).toBe(police.table.length);
    const kinds = new Map<string, number>();
    for (const k of police.planted) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    for (const k of ['first', 'later', 'never', 'other']) expect(kinds.get(k) ?? 0).toBeGreaterThan(police.table.length * 0.1);
  });

  it('plant FIRST, LATER and NEVER as stated against the grid events', () => {
    const c = police.table.columns as Cells;
    const bad: string[] = [];
    for (let i = 0; i < police.table.length; i++) {
      const t = c.received_at[i] as number;
      const times = gridTimes(c, i);
      const kind = police.planted[i];
      if (kind === 'first' && !times.some((g) => g < t && t - g <= 72 * HOUR)) bad.push(`${c.call_id[i]} first`);
      if (kind === 'later' && !times.some((g) => g > t && g - t <= 96 * HOUR)) bad.push(`${c.call_id[i]} later`);
      if (kind === 'never' && times.length > 0) bad.push(`${c.call_id[i]} never`);
    }
    expect(bad).toEqual([]);
  });

  it('write some planted addresses another way than the grid does', () => {
    const c = police.table.columns as Cells;
    const respelt = (c.address as string[]).filter((a) => a !== fold(a)).length;
    expect(respelt).toBeGreaterThan(police.table.length * 0.1);
  });
});

describe('special-population alerts', () => {
  it('are followed by a grid event at their address within 48 h, or have none at all', () => {
    const c = alerts.table.columns as Cells;
    expect(Object.keys(c).sort()).toEqual(TABLES.special_population_alerts.columns.map((s) => s.name).sort());
    const bad: string[] = [];
    let followed = 0;
    for (let i = 0; i < alerts.table.length; i++) {
      const t = c.alerted_at[i] as number;
      const times = gridTimes(c, i);
      if (alerts.planted[i] === 'followed') {
        followed++;
        if (!times.some((g) => g > t && g - t <= 48 * HOUR)) bad.push(`${c.alert_id[i]} followed`);
      } else if (times.length > 0) bad.push(`${c.alert_id[i]} unfollowed`);
    }
    expect(bad).toEqual([]);
    expect(followed / alerts.table.length).toBeGreaterThan(0.5);
    expect(followed / alerts.table.length).toBeLessThan(0.8);
  });
});
