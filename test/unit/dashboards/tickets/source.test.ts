// The ticket page's indexed source: with only a brush (or nothing) selected it answers every
// indexed view with the exact source's rows (hand-made and seeded tickets, several brush ranges,
// default and working-time 口径), from ONE index query per brush step; anything else, and a
// failed index, goes to the exact source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptySelections, type Selections } from '$lib/crossfilter';
import type { Row } from '$lib/engine';
import type { FilterState } from '$lib/filters';
import { defaultSettings, type MetricSettings } from '$lib/metrics';
import { buildTicketBrushIndex, type DayRange } from '$lib/preagg';
import { TICKET_PAGE_BRUSH_VIEWS } from '$lib/dashboards/tickets';
import type { SqlFragment } from '$lib/sql';
import type { TicketView } from '$lib/dashboards/tickets';
import { IndexedTicketSource, indexedOrExact, type SourceEngine } from '$lib/dashboards/tickets';
import { exactTicketSource, type TicketViewRequest } from '$lib/dashboards/tickets';
import { loadTable, period, type FixtureRow } from '../../metrics/fixtures';
import { brushRanges, syntheticTickets } from '../../preagg/data';

let node: NodeEngine;
/** NodeEngine with every query counted, so one brush step can be shown to be one query. */
let engine: SourceEngine;
const queries: string[] = [];
beforeAll(async () => {
  node = await NodeEngine.start();
  engine = {
    query: (q: SqlFragment) => {
      queries.push(q.text);
      return node.query(q);
    },
    exec: (q) => node.exec(q),
    insertArrow: (t, ipc, mode) => node.insertArrow(t, ipc, mode),
    registerFile: (name, file) => node.registerFile(name, file),
    dropFile: (name) => node.dropFile(name),
  };
});
afterAll(() => node.close());

// metrics.md's worked example (as in hand-made.test.ts), with request types and categories.
const WORKED: FixtureRow[] = [
  { ticket_id: 'T1', township: 'A', request_type: '投诉', category: '城乡建设>房屋', received_at: '2024-03-01 09:00', deadline_at: '2024-03-06 09:00', closed_at: '2024-03-02 09:00', satisfaction: '满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T2', township: 'A', request_type: '求助', category: '城乡建设>市政', received_at: '2024-03-01 10:00', deadline_at: '2024-03-06 10:00', closed_at: '2024-03-08 10:00', satisfaction: '不满意', direct_answer: false, resolved: false, reopened: true, returned_count: 1 },
  { ticket_id: 'T3', township: 'B', request_type: '投诉', category: '劳动保障>工资', received_at: '2024-03-02 08:00', deadline_at: '2024-03-07 08:00', closed_at: '2024-03-02 08:30', satisfaction: '基本满意', direct_answer: true, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T4', township: 'B', request_type: '咨询', received_at: '2024-03-03 12:00', deadline_at: '2024-03-08 12:00', direct_answer: false, reopened: false, returned_count: 0 },
  { ticket_id: 'T5', township: 'A', request_type: '咨询', category: '城乡建设', received_at: '2024-03-10 12:00', deadline_at: '2024-04-02 12:00', direct_answer: false, reopened: false, returned_count: 2 },
  { ticket_id: 'T6', township: 'B', request_type: '投诉', category: '劳动保障>工资', received_at: '2024-03-05 09:00', deadline_at: '2024-03-10 09:00', closed_at: '2024-03-06 21:00', satisfaction: '不满意', exit_reason: '恶意举报', direct_answer: false, resolved: false, reopened: false, returned_count: 0 },
  { ticket_id: 'T7', township: 'A', request_type: '求助', category: '城乡建设>房屋', received_at: '2024-03-06 09:00', closed_at: '2024-03-07 09:00', satisfaction: '无法联系', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  { ticket_id: 'T8', township: null, request_type: '投诉', received_at: '2024-03-07 09:00', deadline_at: '2024-03-12 09:00', closed_at: '2024-03-12 09:00', satisfaction: '非常满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
];

const MARCH = period('2024-03-01', '2024-03-31');
const VIEWS = TICKET_PAGE_BRUSH_VIEWS.map((v) => v.name as TicketView);
const PERCENTILES = new Set(['median_closure_hours', 'p90_closure_hours']);

function request(view: TicketView, filters: FilterState, settings: MetricSettings, selections: Partial<Selections> = {}): TicketViewRequest {
  return { view, input: { filters, settings, selections: { ...emptySelections(), ...selections } }, volumeUnit: 'day' };
}

/** `hold: false` keeps the partials in the engine: every step is then one step query. */
async function indexFor(filters: FilterState, settings: MetricSettings, hold = true, slot = 'ticket-source-test'): Promise<IndexedTicketSource> {
  const index = await buildTicketBrushIndex(engine, { filters, settings, views: TICKET_PAGE_BRUSH_VIEWS, slot, hold });
  return new IndexedTicketSource(index, engine, { filters, settings });
}

/** Same rows, same columns in the same order; percentiles within the index's 1 h bins. */
function expectSameRows(got: Row[], want: Row[], label: string): void {
  expect(got.length, label).toBe(want.length);
  want.forEach((w, i) => {
    expect(Object.keys(got[i]), label).toEqual(Object.keys(w));
    for (const [id, value] of Object.entries(w)) {
      const g = got[i][id];
      if (PERCENTILES.has(id) && value !== null) expect(Math.abs((g as number) - (value as number)), `${label} ${id}`).toBeLessThan(1);
      else expect(g, `${label} ${String(w.key)} ${id}`).toBe(value);
    }
  });
}

/** Every indexed view for every range: answered by the index, equal to the exact source. */
async function compareAll(source: IndexedTicketSource, filters: FilterState, settings: MetricSettings, ranges: (DayRange | null)[]): Promise<number> {
  let compared = 0;
  for (const time of ranges) {
    const answers = await Promise.all(VIEWS.map((view) => indexedOrExact(source, exactTicketSource, engine, request(view, filters, settings, { time }), 'test')));
    for (const [i, view] of VIEWS.entries()) {
      const label = `${view} ${time ? `${time.from}..${time.to}` : 'no brush'}`;
      expect(answers[i].source, label).toBe('index');
      expectSameRows(answers[i].rows, await exactTicketSource(engine, request(view, filters, settings, { time }), 'test'), label);
      compared += answers[i].rows.length;
    }
  }
  return compared;
}

describe('the indexed ticket source on the worked example', () => {
  let source: IndexedTicketSource;
  beforeAll(async () => {
    await loadTable(node, 'tickets', WORKED);
    source = await indexFor(MARCH, defaultSettings());
  });
  afterAll(() => source.index.drop());

  const RANGES: (DayRange | null)[] = [
    null,
    { from: '2024-03-01', to: '2024-03-31' },
    { from: '2024-03-01', to: '2024-03-02' },
    { from: '2024-03-01', to: '2024-03-07' },
    { from: '2024-03-01', to: '2024-03-08' },
    { from: '2024-03-05', to: '2024-03-07' },
    { from: '2024-03-10', to: '2024-03-10' },
    { from: '2024-03-20', to: '2024-03-25' },
    // Reaching past the base period: clamped to it, as brushedFilters clamps the exact query.
    { from: '2024-02-20', to: '2024-04-10' },
  ];

  it('equals the exact source for every indexed view and brush range', async () => {
    expect(await compareAll(source, MARCH, defaultSettings(), RANGES)).toBeGreaterThan(60);
  });

  it('gives the hand-computed figures for 03-01..03-02 (T1, T2, T3)', async () => {
    const time = { from: '2024-03-01', to: '2024-03-02' };
    const ask = (view: TicketView) => source.rows(request(view, MARCH, defaultSettings(), { time }));
    expect((await ask('headline'))[0]).toMatchObject({ total: 3, satisfaction_rate: 2 / 3, overdue_open: 0, direct_answer_rate: 1 / 3 });
    expect((await ask('township')).map((r) => [r.key, r.total])).toEqual([['A', 2], ['B', 1]]);
    // Keys in DuckDB's order (code points): 投诉 U+6295 < 求助 U+6C42; 劳 U+52B3 < 城 U+57CE.
    expect((await ask('request_type')).map((r) => [r.key, r.total])).toEqual([['投诉', 2], ['求助', 1]]);
    expect((await ask('category')).map((r) => [r.key, r.total])).toEqual([['劳动保障', 1], ['城乡建设', 2]]);
    expect((await ask('on_time'))[0].total).toBe(3);
  });

  it('answers every view of a brush step at once from the partials held in the page, asking the engine nothing', async () => {
    const time = { from: '2024-03-02', to: '2024-03-06' };
    queries.length = 0;
    for (const view of VIEWS) {
      const now = source.rowsNow(engine, request(view, MARCH, defaultSettings(), { time }));
      expect(now, view).not.toBeNull();
      expectSameRows(now!, await exactTicketSource(engine, request(view, MARCH, defaultSettings(), { time }), 'test'), `${view} at once`);
    }
    expect(queries.filter((q) => q.includes('preagg_'))).toHaveLength(0);
    // Not at once: a request the index does not answer (the volume chart, a clicked township).
    expect(source.rowsNow(engine, request('volume', MARCH, defaultSettings(), { time }))).toBeNull();
    expect(source.rowsNow(engine, request('headline', MARCH, defaultSettings(), { time, values: { township: ['A'] } }))).toBeNull();
  });

  it('with the partials left in the engine, asks it once per brush step, however many views ask', async () => {
    const inEngine = await indexFor(MARCH, defaultSettings(), false, 'ticket-source-test-engine');
    try {
      expect(inEngine.index.held).toBe(false);
      const time = { from: '2024-03-02', to: '2024-03-06' };
      expect(inEngine.rowsNow(engine, request('headline', MARCH, defaultSettings(), { time }))).toBeNull();
      queries.length = 0;
      const answers = await Promise.all(VIEWS.map((view) => indexedOrExact(inEngine, exactTicketSource, engine, request(view, MARCH, defaultSettings(), { time }), 'test')));
      expect(answers.every((a) => a.source === 'index')).toBe(true);
      expect(queries).toHaveLength(1);
      for (const [i, view] of VIEWS.entries()) {
        expectSameRows(answers[i].rows, await exactTicketSource(engine, request(view, MARCH, defaultSettings(), { time }), 'test'), `${view} by step query`);
      }
      // The same range again is served from the same step; a new range is one more query.
      queries.length = 0;
      await inEngine.rows(request('township', MARCH, defaultSettings(), { time }));
      expect(queries).toHaveLength(0);
      await inEngine.rows(request('township', MARCH, defaultSettings(), { time: { from: '2024-03-02', to: '2024-03-07' } }));
      expect(queries).toHaveLength(1);
    } finally {
      await inEngine.index.drop();
    }
  });

  it('leaves other selections, the volume chart and another base to the exact source', async () => {
    const time = { from: '2024-03-01', to: '2024-03-07' };
    const settings = defaultSettings();
    const ask = (req: TicketViewRequest) => indexedOrExact(source, exactTicketSource, engine, req, 'test');
    expect((await ask(request('headline', MARCH, settings, { time, values: { township: ['A'] } }))).source).toBe('exact');
    expect((await ask(request('township', MARCH, settings, { time, category: '城乡建设' }))).source).toBe('exact');
    expect((await ask(request('volume', MARCH, settings, { time }))).source).toBe('exact');
    expect((await ask(request('headline', period('2024-03-01', '2024-03-30'), settings, { time }))).source).toBe('exact');
    expect((await ask(request('headline', MARCH, { ...settings, durationMode: 'working' }, { time }))).source).toBe('exact');
    // A township selection's exact answer: T1, T2, T7 in A during 03-01..03-07.
    expect((await ask(request('headline', MARCH, settings, { time, values: { township: ['A'] } }))).rows[0].total).toBe(3);
    // A view's own selection does not narrow it: the township chart under a township click still reads the index.
    const own = await ask(request('township', MARCH, settings, { time, values: { township: ['A'] } }));
    expect(own.source).toBe('index');
    expectSameRows(own.rows, await exactTicketSource(engine, request('township', MARCH, settings, { time, values: { township: ['A'] } }), 'test'), 'own selection');
    expect(own.rows.map((r) => [r.key, r.total])).toEqual([['A', 3], ['B', 3], [null, 1]]);
    // Empty value lists are no selection.
    expect((await ask(request('headline', MARCH, settings, { time, values: { township: [] } }))).source).toBe('index');
  });
});

describe('the indexed ticket source on seeded tickets', { timeout: 240_000 }, () => {
  const FILTERS = period('2024-03-01', '2024-05-14');
  const RANGES = [...brushRanges('2024-03-01', 75, 6), null];
  beforeAll(() => loadTable(node, 'tickets', syntheticTickets(1500, 11)));

  it('default 口径', async () => {
    const source = await indexFor(FILTERS, defaultSettings());
    try {
      expect(await compareAll(source, FILTERS, defaultSettings(), RANGES)).toBeGreaterThan(200);
    } finally {
      await source.index.drop();
    }
  });

  it('working time and a list filter', async () => {
    const settings: MetricSettings = { ...defaultSettings(), durationMode: 'working' };
    const filters = { ...FILTERS, channel: ['电话', '微信'] };
    const source = await indexFor(filters, settings);
    try {
      expect(await compareAll(source, filters, settings, RANGES.slice(0, 4))).toBeGreaterThan(100);
    } finally {
      await source.index.drop();
    }
  });

  it('falls back to the exact source once its index is dropped', async () => {
    const source = await indexFor(FILTERS, defaultSettings());
    await source.index.drop();
    const answer = await indexedOrExact(source, exactTicketSource, engine, request('headline', FILTERS, defaultSettings(), { time: RANGES[1] }), 'test');
    expect(answer.source).toBe('exact');
    expect(answer.rows[0].total).toBeGreaterThan(0);
  });
});
