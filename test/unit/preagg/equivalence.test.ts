// The index answers every linked view exactly as the exact query does, over many brush ranges
// and under default and non-default 口径: counts and rates equal, percentiles within one bin.
// Both ways of summing a step are held to it: the partials held in the page (what the page uses)
// and the step query in the engine. Each case says how many values it compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { rowsOf, type Row } from '$lib/engine/rows';
import { defaultSettings, type MetricSettings } from '$lib/metrics';
import { buildTicketBrushIndex, TICKET_BRUSH_VIEWS, type BrushViewSpec, type DayRange } from '$lib/preagg';
import { exactViewQuery, prepareExact } from '$lib/dashboards/tickets';
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
 * Every view for every range from both ways of summing, each against the exact query. Returns how
 * many exact values there were; each was compared twice (held and step query).
 */
async function compare(settings: MetricSettings, base: FilterState, ranges: (DayRange | null)[], binHours = 1): Promise<number> {
  const index = await buildTicketBrushIndex(engine, { filters: base, settings, views: VIEWS, binHours });
  let values = 0;
  // An empty answer equals an empty answer and proves nothing: no view may answer a range with no rows.
  const empty: string[] = [];
  const check = (label: string, got: Row[], want: Row[]) => {
    expect(got.length, label).toBe(want.length);
    want.forEach((w, i) => {
      const g = got[i];
      expect(Object.keys(g), label).toEqual(Object.keys(w));
      for (const [id, value] of Object.entries(w)) {
        if (PERCENTILES.has(id) && value !== null) {
          expect(g[id], `${label} ${String(w.key)} ${id}`).not.toBeNull();
          expect(Math.abs((g[id] as number) - (value as number)), `${label} ${String(w.key)} ${id}`).toBeLessThan(binHours);
        } else {
          expect(g[id], `${label} ${String(w.key)} ${id}`).toBe(value);
        }
      }
    });
  };
  try {
    expect(index.held).toBe(true);
    await prepareExact(engine, settings, base);
    for (const range of ranges) {
      const held = index.answer(range)!;
      const step = index.step(range);
      const queried = step.read(rowsOf(await engine.query(step.sql)));
      const filters = range ? { ...base, from: range.from, to: range.to } : base;
      for (const view of VIEWS) {
        const want = rowsOf(await engine.query(exactViewQuery(view, filters, settings)));
        const label = `${view.name} ${range ? `${range.from}..${range.to}` : 'no brush'}`;
        if (want.length === 0) empty.push(label);
        check(`${label} (held)`, held[view.name], want);
        check(`${label} (step query)`, queried[view.name], want);
        values += want.reduce((n, row) => n + Object.keys(row).length, 0);
      }
    }
  } finally {
    await index.drop();
  }
  expect(empty, 'views that answered a range with no rows').toEqual([]);
  return values;
}

const MARCH_TO_MAY = { ...emptyFilters(), from: '2024-03-01', to: '2024-05-14' };
const RANGES = brushRanges('2024-03-01', 75, 14);

// Each case builds an index and runs every view's exact query per range: slow on a shared machine.
describe('index = exact query, every view, many brush ranges', { timeout: 240_000 }, () => {
  it('default 口径', async () => {
    expect(await compare(defaultSettings(), MARCH_TO_MAY, [...RANGES, null])).toBe(7056);
  });

  // The seeded tickets make every count exact: a view that came back short (or an empty range
  // where one was meant to hold tickets) changes the number of values compared.
  it('weighted satisfaction', async () => {
    expect(await compare({ ...defaultSettings(), satisfactionVariant: 'weighted' }, MARCH_TO_MAY, RANGES.slice(0, 8))).toBe(3759);
  });

  it('基本满意 not satisfied, and only listed exit reasons exclude', async () => {
    const settings: MetricSettings = { ...defaultSettings(), basicSatisfiedCounts: false, excludedExitReasons: { mode: 'list', reasons: ['恶意举报'] } };
    expect(await compare(settings, MARCH_TO_MAY, RANGES.slice(0, 8))).toBe(3759);
  });

  it('working time: working-hour durations and deadlines imputed from urgency', async () => {
    expect(await compare({ ...defaultSettings(), durationMode: 'working' }, MARCH_TO_MAY, RANGES.slice(0, 8))).toBe(3717);
  });

  it('a fixed as-of time', async () => {
    expect(await compare({ ...defaultSettings(), asOf: '2024-04-10 12:00:00' }, MARCH_TO_MAY, [...RANGES.slice(0, 8), null])).toBe(4230);
  });

  it('base filters without dates (as-of = latest timestamp when not brushed) and with list filters', async () => {
    expect(await compare(defaultSettings(), emptyFilters(), [RANGES[3], RANGES[4], null])).toBe(1413);
    const base: FilterState = { ...MARCH_TO_MAY, township: ['海门街道', '常乐镇'], channel: ['电话', '微信'], enterprise_related: false };
    expect(await compare(defaultSettings(), base, RANGES.slice(0, 6))).toBe(2048);
  });

  it('a coarser percentile histogram (6 h bins) stays within 6 h', async () => {
    expect(await compare(defaultSettings(), MARCH_TO_MAY, RANGES.slice(0, 5), 6)).toBe(2346);
  });
});
