// Selections: address round trip, updates from chart interactions, chips, and the SQL they mean
// on a hand-made table — above all the crossfilter rule (a chart ignores its own selection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import {
  SELECTABLE_COLUMNS,
  drillUp,
  emptySelections,
  formatSelections,
  hasSelections,
  linkedPredicate,
  parseSelections,
  removeSelection,
  selectionChips,
  selectionPredicate,
  toggleValue,
  withCategory,
  withSelectionQuery,
  withTime,
  type SelectionKey,
  type Selections,
} from '$lib/crossfilter';
import { emptyFilters, formatFilterQuery, parseFilterQuery, type FilterState } from '$lib/filters';
import { TABLES } from '$lib/schema';
import { sql } from '$lib/sql';
import { loadTable, rowsOf } from '../metrics/fixtures';

const HOSTILE = "x'); DROP TABLE tickets; --";

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', [
    { ticket_id: 'a', received_at: '2024-02-29 23:59:59', township: '常乐镇', request_type: '投诉', category: '城市管理>市容环境>占道经营', satisfaction: '满意' },
    { ticket_id: 'b', received_at: '2024-03-01 00:00:00', township: '常乐镇', request_type: '求助', category: '城市管理>市容环境>垃圾清运', satisfaction: '不满意' },
    { ticket_id: 'c', received_at: '2024-03-02 23:59:59.999', township: '海门街道', request_type: '投诉', category: '城市管理 / 违法建设', satisfaction: '满意' },
    { ticket_id: 'd', received_at: '2024-03-03 00:00:00', township: '海门街道', request_type: '咨询', category: '社会保障>医保', channel: '电话' },
    { ticket_id: 'e', received_at: '2024-03-02 12:00:00', township: HOSTILE, request_type: '投诉', category: '城市管理＞市容环境' },
  ]);
  await loadTable(engine, 'grid_events', [
    { event_id: 'g1', reported_at: '2024-03-01 08:00', township: '常乐镇', event_type: '环境' },
    { event_id: 'g2', reported_at: '2024-03-05 08:00', township: '常乐镇', event_type: '安全' },
  ]);
});
afterAll(() => engine.close());

const sel = (patch: Partial<Selections>): Selections => ({ ...emptySelections(), ...patch });

async function ids(s: Selections, except: SelectionKey | SelectionKey[] = [], filters: FilterState = emptyFilters()): Promise<string[]> {
  const rows = await rowsOf(engine, sql`SELECT ticket_id FROM tickets WHERE ${linkedPredicate(filters, s, 'tickets', except)} ORDER BY ticket_id`);
  return rows.map((r) => String(r.ticket_id));
}

describe('selection predicate', () => {
  it('is TRUE without selections', () => {
    expect(selectionPredicate(emptySelections(), 'tickets').text).toBe('TRUE');
  });

  it('takes whole brushed days, both ends inclusive', async () => {
    expect(await ids(sel({ time: { from: '2024-03-01', to: '2024-03-02' } }))).toEqual(['b', 'c', 'e']);
    expect(await ids(sel({ time: { from: '2024-02-29', to: '2024-02-29' } }))).toEqual(['a']);
  });

  it('matches any clicked value of a column and all columns together', async () => {
    const s = sel({ values: { township: ['常乐镇', '海门街道'], request_type: ['投诉'] } });
    expect(await ids(s)).toEqual(['a', 'c']);
  });

  it('selects a category path at its depth, whatever separator the export used', async () => {
    expect(await ids(sel({ category: '城市管理' }))).toEqual(['a', 'b', 'c', 'e']);
    expect(await ids(sel({ category: '城市管理>市容环境' }))).toEqual(['a', 'b', 'e']);
    expect(await ids(sel({ category: '城市管理>市容环境>垃圾清运' }))).toEqual(['b']);
  });

  it('leaves out the chart’s own selection (the crossfilter rule)', async () => {
    const s = sel({ time: { from: '2024-03-01', to: '2024-03-03' }, values: { township: ['常乐镇'] }, category: '城市管理' });
    expect(await ids(s)).toEqual(['b']);
    // The township chart shows every township within the brushed days and the category.
    expect(await ids(s, 'township')).toEqual(['b', 'c', 'e']);
    // The volume chart shows the whole period for that township and category.
    expect(await ids(s, 'time')).toEqual(['a', 'b']);
    expect(await ids(s, 'category')).toEqual(['b']);
    expect(await ids(s, ['time', 'category'])).toEqual(['a', 'b']);
  });

  it('combines with the filters', async () => {
    const s = sel({ values: { request_type: ['投诉'] } });
    expect(await ids(s, [], { ...emptyFilters(), from: '2024-03-01', to: '2024-03-31' })).toEqual(['c', 'e']);
    expect(await ids(s, [], { ...emptyFilters(), township: ['海门街道'] })).toEqual(['c']);
    expect(await ids(s, 'request_type', { ...emptyFilters(), township: ['海门街道'] })).toEqual(['c', 'd']);
  });

  it('binds hostile values and skips columns the table lacks', async () => {
    const s = sel({ values: { township: [HOSTILE], event_type: ['环境'] }, category: '城市管理' });
    const p = selectionPredicate(s, 'tickets');
    expect(p.text).not.toContain('DROP');
    expect(await ids(s)).toEqual(['e']);
    // Grid events have event_type but no category: the category selection does not apply there.
    const grid = selectionPredicate(sel({ values: { event_type: ['环境'] }, category: '城市管理', time: { from: '2024-03-01', to: '2024-03-01' } }), 'grid_events');
    const rows = await rowsOf(engine, sql`SELECT event_id FROM grid_events WHERE ${grid}`);
    expect(rows.map((r) => r.event_id)).toEqual(['g1']);
  });

  it('only offers columns some dashboard table has', () => {
    const all = new Set(['tickets', 'grid_events', 'enterprise_requests'].flatMap((t) => TABLES[t as 'tickets'].columns.map((c) => c.name)));
    for (const c of SELECTABLE_COLUMNS) expect(all.has(c), c).toBe(true);
  });
});

describe('selection updates', () => {
  it('toggles clicked bars on and off', () => {
    let s = toggleValue(emptySelections(), 'township', '海门街道');
    s = toggleValue(s, 'township', '常乐镇');
    expect(s.values.township).toEqual(['常乐镇', '海门街道']);
    s = toggleValue(s, 'township', '海门街道');
    expect(s.values.township).toEqual(['常乐镇']);
    s = toggleValue(s, 'township', '常乐镇');
    expect(s.values).toEqual({});
    expect(hasSelections(s)).toBe(false);
  });

  it('orders a backwards brush and clears it', () => {
    expect(withTime(emptySelections(), { from: '2024-03-05', to: '2024-03-01' }).time).toEqual({ from: '2024-03-01', to: '2024-03-05' });
    expect(withTime(sel({ time: { from: '2024-03-01', to: '2024-03-02' } }), null).time).toBeNull();
  });

  it('drills down at most three levels and back up', () => {
    let s = withCategory(emptySelections(), ['城市管理', ' 市容环境 ', '占道经营', '更深']);
    expect(s.category).toBe('城市管理>市容环境>占道经营');
    s = drillUp(s);
    expect(s.category).toBe('城市管理>市容环境');
    s = drillUp(drillUp(s));
    expect(s.category).toBeNull();
  });

  it('removes one chip at a time', () => {
    const s = sel({ time: { from: '2024-03-01', to: '2024-03-02' }, values: { township: ['a', 'b'] }, category: 'x>y' });
    expect(removeSelection(s, 'township', 'a').values).toEqual({ township: ['b'] });
    expect(removeSelection(s, 'township').values).toEqual({});
    expect(removeSelection(s, 'time').time).toBeNull();
    expect(removeSelection(s, 'category').category).toBeNull();
    expect(selectionChips(s)).toEqual([
      { key: 'time', text: '2024-03-01 ~ 2024-03-02' },
      { key: 'township', value: 'a', text: 'a' },
      { key: 'township', value: 'b', text: 'b' },
      { key: 'category', text: 'x › y' },
    ]);
  });
});

describe('selection URL', () => {
  const full = sel({
    time: { from: '2024-02-28', to: '2024-03-01' },
    values: { township: ['海门街道', '常乐镇'], request_type: [HOSTILE], satisfaction: ['不满意'] },
    category: '城市管理>市容环境',
  });

  it('formats canonically and round-trips', () => {
    const q = formatSelections(full);
    expect([...new URLSearchParams(q).keys()]).toEqual(['sel_time', 'sel_township', 'sel_township', 'sel_request_type', 'sel_satisfaction', 'sel_category']);
    const back = parseSelections(q);
    expect(back).toEqual({ ...full, values: { ...full.values, township: ['常乐镇', '海门街道'] } });
    expect(formatSelections(back)).toBe(q);
    expect(formatSelections(emptySelections())).toBe('');
    expect(parseSelections('')).toEqual(emptySelections());
  });

  it('round-trips filters and selections in one address, each ignoring the other', () => {
    const filters: FilterState = { ...emptyFilters(), from: '2024-01-01', to: '2024-03-31', township: ['常乐镇'], compare: 'last_year' };
    const address = `#/tickets?${withSelectionQuery(formatFilterQuery(filters), full)}`;
    expect(parseFilterQuery(address)).toEqual(filters);
    expect(formatSelections(parseSelections(address))).toBe(formatSelections(full));
    // Replacing the selections keeps the filters and vice versa.
    expect(withSelectionQuery(address, emptySelections())).toBe(formatFilterQuery(filters));
  });

  it('drops what it cannot read', () => {
    const s = parseSelections('sel_time=2024-02-30~2024-03-01&sel_nosuch=x&sel_township=&sel_category=%3E%3E&sel_ticket_id=1');
    expect(s).toEqual(emptySelections());
    expect(parseSelections('sel_time=2024-03-05~2024-03-01').time).toEqual({ from: '2024-03-01', to: '2024-03-05' });
    expect(parseSelections('sel_time=2024-03-01').time).toBeNull();
  });
});

describe('brushedFilters', () => {
  it('narrows the period to the brushed days, never widening it', async () => {
    const { brushedFilters } = await import('$lib/crossfilter');
    const f: FilterState = { ...emptyFilters(), from: '2024-03-01', to: '2024-03-31', township: ['常乐镇'] };
    expect(brushedFilters(f, sel({ time: { from: '2024-03-05', to: '2024-03-09' } }))).toEqual({ ...f, from: '2024-03-05', to: '2024-03-09' });
    expect(brushedFilters(f, sel({ time: { from: '2024-02-20', to: '2024-03-09' } }))).toEqual({ ...f, from: '2024-03-01', to: '2024-03-09' });
    expect(brushedFilters(emptyFilters(), sel({ time: { from: '2024-02-20', to: '2024-04-09' } })).to).toBe('2024-04-09');
    expect(brushedFilters(f, emptySelections())).toBe(f);
  });
});
