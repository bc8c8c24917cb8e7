// The ticket dashboard's linked views on six hand-made tickets: every view narrowed by the other
// charts' selections but not its own, the brush narrowing the period (and the as-of time), and the
// category drill one level at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptySelections, type Selections } from '$lib/crossfilter';
import { defaultSettings } from '$lib/metrics';
import { sql } from '$lib/sql';
import {
  categoryDrill,
  byTownshipOrder,
  recordsWhere,
  ticketViewQuery,
  type TicketViewInput,
} from '$lib/dashboards/tickets';
import { loadTable, oneRow, period, rowsOf, type FixtureRow } from '../../metrics/fixtures';

// 2024-03-01 is a Friday; weeks start on Monday (02-26, 03-04, 03-11).
const TICKETS: FixtureRow[] = [
  { ticket_id: 'T1', received_at: '2024-03-01 09:00', township: '海门街道', request_type: '投诉', category: '城市管理>市容环境>占道经营', closed_at: '2024-03-01 15:00', deadline_at: '2024-03-03 00:00', satisfaction: '满意' },
  { ticket_id: 'T2', received_at: '2024-03-02 10:00', township: '海门街道', request_type: '咨询', category: '城市管理>市容环境>垃圾清运', closed_at: '2024-03-04 10:00', deadline_at: '2024-03-03 00:00', satisfaction: '不满意' },
  { ticket_id: 'T3', received_at: '2024-03-04 08:00', township: '常乐镇', request_type: '投诉', category: '城市管理>违法建设', deadline_at: '2024-03-05 00:00' },
  { ticket_id: 'T4', received_at: '2024-03-05 12:00', township: '常乐镇', request_type: '求助', category: '社会保障>医保', closed_at: '2024-03-05 13:00', satisfaction: '满意' },
  { ticket_id: 'T5', received_at: '2024-03-10 12:00', township: '悦来镇', request_type: '投诉', category: '城市管理>市容环境>占道经营', closed_at: '2024-03-12 00:00', deadline_at: '2024-03-15 00:00', satisfaction: '非常满意' },
  { ticket_id: 'T6', received_at: '2024-03-11 09:00', request_type: '咨询', satisfaction: '未回访' },
  { ticket_id: 'APR', received_at: '2024-04-01 00:00', township: '海门街道', request_type: '投诉', category: '城市管理>违法建设' },
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', TICKETS);
});
afterAll(() => engine.close());

const input = (selections: Partial<Selections> = {}): TicketViewInput => ({
  filters: period('2024-03-01', '2024-03-31'),
  selections: { ...emptySelections(), ...selections },
  settings: defaultSettings(),
});

const totals = async (q: ReturnType<typeof ticketViewQuery>, key = 'key') =>
  Object.fromEntries((await rowsOf(engine, q)).map((r) => [String(r[key]), r.total]));

const BOTH = { values: { township: ['海门街道', '常乐镇'] } };

describe('ticket views', () => {
  it('headline: filters and every selection', async () => {
    expect((await oneRow(engine, ticketViewQuery('headline', input()))).total).toBe(6);
    expect((await oneRow(engine, ticketViewQuery('headline', input(BOTH)))).total).toBe(4);
    expect((await oneRow(engine, ticketViewQuery('headline', input({ ...BOTH, time: { from: '2024-03-02', to: '2024-03-04' } })))).total).toBe(2);
    expect((await oneRow(engine, ticketViewQuery('headline', input({ values: { satisfaction: ['满意'] } })))).total).toBe(2);
  });

  it('township chart: every township, narrowed by the other selections only', async () => {
    expect(await totals(ticketViewQuery('township', input(BOTH)))).toEqual({ 海门街道: 2, 常乐镇: 2, 悦来镇: 1, null: 1 });
    expect(await totals(ticketViewQuery('township', input({ ...BOTH, category: '城市管理' })))).toEqual({ 海门街道: 2, 常乐镇: 1, 悦来镇: 1 });
  });

  it('request type chart follows the township selection', async () => {
    expect(await totals(ticketViewQuery('request_type', input(BOTH)))).toEqual({ 投诉: 2, 咨询: 1, 求助: 1 });
    expect(await totals(ticketViewQuery('request_type', input({ ...BOTH, values: { ...BOTH.values, request_type: ['投诉'] } })))).toEqual({ 投诉: 2, 咨询: 1, 求助: 1 });
  });

  it('volume chart keeps the whole period under a brush, by day or by Monday-started week', async () => {
    const brushed = input({ ...BOTH, time: { from: '2024-03-02', to: '2024-03-02' } });
    expect(await totals(ticketViewQuery('volume', brushed, 'day'), 'day')).toEqual({ '2024-03-01': 1, '2024-03-02': 1, '2024-03-04': 1, '2024-03-05': 1 });
    expect(await totals(ticketViewQuery('volume', input(), 'week'), 'day')).toEqual({ '2024-02-26': 2, '2024-03-04': 3, '2024-03-11': 1 });
  });

  it('category chart drills one level at a time and stays on the third', async () => {
    expect(categoryDrill(null)).toEqual({ level: 1, parent: [] });
    expect(categoryDrill('a>b>c')).toEqual({ level: 3, parent: ['a', 'b'] });
    expect(await totals(ticketViewQuery('category', input()))).toEqual({ 城市管理: 4, 社会保障: 1, null: 1 });
    expect(await totals(ticketViewQuery('category', input({ category: '城市管理' })))).toEqual({ '城市管理>市容环境': 3, '城市管理>违法建设': 1 });
    const leaf = input({ category: '城市管理>市容环境>占道经营' });
    expect(await totals(ticketViewQuery('category', leaf))).toEqual({ '城市管理>市容环境>垃圾清运': 1, '城市管理>市容环境>占道经营': 2 });
    expect((await oneRow(engine, ticketViewQuery('headline', leaf))).total).toBe(2);
    expect(await totals(ticketViewQuery('category', input({ category: '城市管理', values: { township: ['海门街道'] } })))).toEqual({ '城市管理>市容环境': 2 });
  });

  it('closure histogram in whole days', async () => {
    expect(await totals(ticketViewQuery('closure', input()))).toEqual({ 0: 2, 24: 1, 48: 1 });
  });

  it('satisfaction breakdown counts every recorded value and the rated ones', async () => {
    const rows = await rowsOf(engine, ticketViewQuery('satisfaction', input({ values: { satisfaction: ['满意'] } })));
    const by = Object.fromEntries(rows.map((r) => [String(r.key), [r.total, r.rated]]));
    expect(by).toEqual({ 满意: [2, 2], 不满意: [1, 1], 非常满意: [1, 1], 未回访: [1, 0], null: [1, 0] });
  });

  it('on time vs overdue adds up to the due tickets, with the as-of time at the brush end', async () => {
    expect(await oneRow(engine, ticketViewQuery('on_time', input()))).toEqual({ total: 6, due: 4, on_time: 2, closed_late: 1, overdue_open: 1 });
    // Brushed to 2–4 March: as of 5 March 00:00 T3's deadline (exactly then) has not passed yet.
    expect(await oneRow(engine, ticketViewQuery('on_time', input({ time: { from: '2024-03-02', to: '2024-03-04' } })))).toEqual({
      total: 2,
      due: 1,
      on_time: 0,
      closed_late: 1,
      overdue_open: 0,
    });
  });

  it('records: the rows of the filters and all selections', async () => {
    const where = recordsWhere({ filters: period('2024-03-01', null), selections: { ...emptySelections(), values: { township: ['海门街道'] }, time: { from: '2024-03-02', to: '2024-04-30' } } });
    const rows = await rowsOf(engine, sql`SELECT ticket_id FROM tickets WHERE ${where} ORDER BY 1`);
    expect(rows.map((r) => r.ticket_id)).toEqual(['APR', 'T2']);
  });

  it('orders townships officially, unknown names after, unattributed last', () => {
    const rows = [{ key: null }, { key: '外地' }, { key: '悦来镇' }, { key: '海门街道' }];
    expect(byTownshipOrder(rows).map((r) => r.key)).toEqual(['海门街道', '悦来镇', '外地', null]);
  });
});
