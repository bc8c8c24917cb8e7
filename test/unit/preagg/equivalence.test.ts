// The index answers every linked view exactly as the exact query does, over many brush ranges
// and under default and non-default 口径: counts and rates equal, percentiles within one bin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { rowsOf } from '$lib/engine/rows';
import { defaultSettings, type MetricSettings } from '$lib/metrics';
import { buildTicketBrushIndex, exactViewQuery, prepareExact, TICKET_BRUSH_VIEWS, type BrushViewSpec, type DayRange } from '$lib/preagg';
import { emptyFilters, type FilterState } from '$lib/filters';
import { loadTable } from '../metrics/fixtures';
import { brushRanges, syntheticTickets } from './data';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', syntheticTickets(3000));
});
afterAll(() => engine.close());

const PERCENTILES = new Set(['median_closure_hours', 'p90_closure_hours', 'median_sign_hours']);

/** The page's views, with every metric (percentiles included) per group as well. */
const VIEWS: BrushViewSpec[] = TICKET_BRUSH_VIEWS.map((v) => (v.kind === 'metrics' ? { ...v, metrics: undefined } : v));

/**
 * Every value of every view for every range, index against exact query. Returns how many values
 * were compared; fails when any view answered a range with no rows (an empty answer equals an
 * empty answer, and proves nothing).
 */
async function compare(settings: MetricSettings, base: FilterState, ranges: (DayRange | null)[], binHours = 1): Promise<number> {
  const index = await buildTicketBrushIndex(engine, { filters: base, settings, views: VIEWS, binHours });
  let checked = 0;
  const empty: string[] = [];
  try {
    await prepareExact(engine, settings, base);
    for (const range of ranges) {
      const got = await index.query(range);
      const filters = range ? { ...base, from: range.from, to: range.to } : base;
      for (const view of VIEWS) {
        const want = rowsOf(await engine.query(exactViewQuery(view, filters, settings)));
        const label = `${view.name} ${range ? `${range.from}..${range.to}` : 'no brush'}`;
        expect(got[view.name].length, label).toBe(want.length);
        if (want.length === 0) empty.push(label);
        want.forEach((w, i) => {
          const g = got[view.name][i];
          expect(Object.keys(g), label).toEqual(Object.keys(w));
          for (const [id, value] of Object.entries(w)) {
            if (PERCENTILES.has(id) && value !== null) {
              expect(g[id], `${label} ${String(w.key)} ${id}`).not.toBeNull();
              expect(Math.abs((g[id] as number) - (value as number)), `${label} ${String(w.key)} ${id}`).toBeLessThan(binHours);
            } else {
              expect(g[id], `${label} ${String(w.key)} ${id}`).toBe(value);
            }
            checked += 1;
          }
        });
      }
    }
  } finally {
    await index.drop();
  }
  expect(empty, 'views that answered a range with no rows').toEqual([]);
  return checked;
}

/** At least one value per view and range, and every metric column of a view's rows: the floor below which a variant compared too little. */
const atLeast = (ranges: number) => ranges * VIEWS.length * 2;

const MARCH_TO_MAY = { ...emptyFilters(), from: '2024-03-01', to: '2024-05-14' };
const RANGES = brushRanges('2024-03-01', 75, 14);

// Each case builds an index and runs every view's exact query per range: slow on a shared machine.
describe('index = exact query, every view, many brush ranges', { timeout: 240_000 }, () => {
  it('default 口径', async () => {
    expect(await compare(defaultSettings(), MARCH_TO_MAY, [...RANGES, null])).toBeGreaterThan(5000);
  });

  it('weighted satisfaction', async () => {
    expect(await compare({ ...defaultSettings(), satisfactionVariant: 'weighted' }, MARCH_TO_MAY, RANGES.slice(0, 8))).toBeGreaterThan(atLeast(8));
  });

  it('基本满意 not satisfied, and only listed exit reasons exclude', async () => {
    const settings: MetricSettings = { ...defaultSettings(), basicSatisfiedCounts: false, excludedExitReasons: { mode: 'list', reasons: ['恶意举报'] } };
    expect(await compare(settings, MARCH_TO_MAY, RANGES.slice(0, 8))).toBeGreaterThan(atLeast(8));
  });

  it('working time: working-hour durations and deadlines imputed from urgency', async () => {
    expect(await compare({ ...defaultSettings(), durationMode: 'working' }, MARCH_TO_MAY, RANGES.slice(0, 8))).toBeGreaterThan(atLeast(8));
  });

  it('a fixed as-of time', async () => {
    expect(await compare({ ...defaultSettings(), asOf: '2024-04-10 12:00:00' }, MARCH_TO_MAY, [...RANGES.slice(0, 8), null])).toBeGreaterThan(atLeast(9));
  });

  it('base filters without dates (as-of = latest timestamp when not brushed) and with list filters', async () => {
    expect(await compare(defaultSettings(), emptyFilters(), [RANGES[3], RANGES[4], null])).toBeGreaterThan(atLeast(3));
    const base: FilterState = { ...MARCH_TO_MAY, township: ['海门街道', '常乐镇'], channel: ['电话', '微信'], enterprise_related: false };
    expect(await compare(defaultSettings(), base, RANGES.slice(0, 6))).toBeGreaterThan(atLeast(6));
  });

  it('a coarser percentile histogram (6 h bins) stays within 6 h', async () => {
    expect(await compare(defaultSettings(), MARCH_TO_MAY, RANGES.slice(0, 5), 6)).toBeGreaterThan(atLeast(5));
  });
});
