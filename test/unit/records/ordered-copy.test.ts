// The ordered copy behind deep jumps: on hand-made rows in DuckDB its windows are exactly the
// hand-ordered rows (ties by key, empty values last, both directions, a filter and a search), and
// its lifecycle builds once per order and drops what is no longer shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, filterPredicate } from '$lib/filters';
import {
  COPY_MIN_ROWS,
  NEAR_TOP_ROWS,
  OrderedCopy,
  orderedCopyQuery,
  orderedWindowQuery,
  windowSource,
  type RecordQuery,
  type RecordSort,
} from '$lib/records';
import { trusted, type SqlFragment } from '$lib/sql';
import { loadTable, rowsOf } from '../metrics/fixtures';

// T1 … T8: two tied times (T2, T3), empty townships (T5, T8), a tie inside a township (常乐镇 ×3).
const TICKETS = [
  { ticket_id: 'T1', received_at: '2024-03-01 09:00', township: '常乐镇', content: '噪音' },
  { ticket_id: 'T2', received_at: '2024-03-02 10:00', township: '悦来镇', content: '路灯' },
  { ticket_id: 'T3', received_at: '2024-03-02 10:00', township: '常乐镇', content: '井盖' },
  { ticket_id: 'T4', received_at: '2024-03-03 08:30', township: '海门街道', content: '施工噪音' },
  { ticket_id: 'T5', received_at: '2024-03-04 23:59', township: null, content: '反馈' },
  { ticket_id: 'T6', received_at: '2024-04-01 00:00', township: '常乐镇', content: '噪音' },
  { ticket_id: 'T7', received_at: '2024-04-02 07:00', township: '悦来镇', content: '停水' },
  { ticket_id: 'T8', received_at: '2024-04-03 12:00', township: null, content: '噪音扰民' },
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', TICKETS);
});
afterAll(() => engine.close());

const base = (extra: Partial<RecordQuery> = {}): RecordQuery => ({ table: 'tickets', where: trusted('TRUE'), search: '', showPersonal: false, ...extra });

let copies = 0;
async function copyIds(q: RecordQuery, sort: RecordSort, windows: [offset: number, limit: number][]): Promise<string[][]> {
  const name = `test_copy_${(copies += 1)}`;
  await engine.exec(orderedCopyQuery(name, q, sort));
  const out: string[][] = [];
  for (const [offset, limit] of windows) out.push((await rowsOf(engine, orderedWindowQuery(name, 'tickets', offset, limit))).map((r) => String(r.ticket_id)));
  return out;
}

describe('an ordered copy', () => {
  it('reads back the order: time descending with ties by key, in windows that tile it', async () => {
    const sort: RecordSort = { column: 'received_at', direction: 'desc' };
    const [all, a, b, c, past] = await copyIds(base(), sort, [[0, 100], [0, 3], [3, 3], [6, 3], [8, 5]]);
    expect(all).toEqual(['T8', 'T7', 'T6', 'T5', 'T4', 'T2', 'T3', 'T1']);
    expect([...a, ...b, ...c]).toEqual(all);
    expect(past).toEqual([]);
  });

  it('puts empty values last both ways, ties by key ascending', async () => {
    expect((await copyIds(base(), { column: 'township', direction: 'asc' }, [[0, 100]]))[0]).toEqual(['T1', 'T3', 'T6', 'T2', 'T7', 'T4', 'T5', 'T8']);
    // Code points: 常 U+5E38 < 悦 U+60A6 < 海 U+6D77.
    const [desc, middle] = await copyIds(base(), { column: 'township', direction: 'desc' }, [[0, 100], [2, 4]]);
    expect(desc).toEqual(['T4', 'T2', 'T7', 'T1', 'T3', 'T6', 'T5', 'T8']);
    expect(middle).toEqual(['T7', 'T1', 'T3', 'T6']);
  });

  it('holds only the rows of the predicate and the search', async () => {
    const april = filterPredicate({ ...emptyFilters(), from: '2024-04-01', to: '2024-04-30' }, 'tickets');
    expect((await copyIds(base({ where: april }), { column: 'ticket_id', direction: 'asc' }, [[0, 100]]))[0]).toEqual(['T6', 'T7', 'T8']);
    expect((await copyIds(base({ search: '噪音' }), { column: 'ticket_id', direction: 'desc' }, [[0, 100], [1, 2]]))).toEqual([
      ['T8', 'T6', 'T4', 'T1'],
      ['T6', 'T4'],
    ]);
  });

  it('has the list columns only, and writes only whole row positions into the SQL', async () => {
    const rows = await rowsOf(engine, orderedWindowQuery('test_copy_1', 'tickets', 0, 1));
    expect(Object.keys(rows[0])).toEqual(['ticket_id', 'received_at', 'township', 'department', 'request_type', 'category', 'urgency', 'status', 'satisfaction', 'caller_name', 'caller_phone', 'content']);
    expect(orderedWindowQuery('c', 'tickets', 500_000, 300).text).toContain('rowid >= 500000 AND rowid < 500300');
    expect(orderedWindowQuery('c', 'tickets', 10.7, 2.2).text).toContain('rowid >= 10 AND rowid < 12');
    expect(() => orderedWindowQuery('c', 'tickets', Number.NaN, 10)).toThrow(/row position/);
    expect(orderedCopyQuery('x"; DROP TABLE tickets; --', base(), { column: 'ticket_id', direction: 'asc' }).text).toContain('"x""; DROP TABLE tickets; --"');
  });
});

describe('where a window is read from', () => {
  const none = { ready: null, building: false };
  const building = { ready: null, building: true };

  it('reads the copy once it is built', () => {
    expect(windowSource({ ready: 'c', building: false }, 0, 300, 1_000_000)).toEqual({ kind: 'copy', name: 'c' });
  });

  it('uses LIMIT/OFFSET near the top or in a short list', () => {
    expect(windowSource(none, 0, 300, 1_000_000)).toEqual({ kind: 'offset' });
    expect(windowSource(building, NEAR_TOP_ROWS - 300, 300, 1_000_000)).toEqual({ kind: 'offset' });
    expect(windowSource(none, COPY_MIN_ROWS - 300, 300, COPY_MIN_ROWS)).toEqual({ kind: 'offset' });
  });

  it('reads the first deep window of a long list by LIMIT/OFFSET and starts the copy, then waits for it while it builds', () => {
    expect(windowSource(none, NEAR_TOP_ROWS - 299, 300, 1_000_000)).toEqual({ kind: 'offset-then-copy' });
    expect(windowSource(none, 500_000, 300, null)).toEqual({ kind: 'offset-then-copy' });
    expect(windowSource(building, 500_000, 300, 1_000_000)).toEqual({ kind: 'await-copy' });
  });
});

/** An engine that records statements and answers when told to. */
function fakeEngine() {
  const log: string[] = [];
  const pending: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    log,
    pending,
    query(q: SqlFragment): Promise<Table> {
      log.push(q.text.split(' ').slice(0, 5).join(' '));
      if (q.text.startsWith('DROP')) return Promise.resolve({} as Table);
      return new Promise<Table>((resolve, reject) => pending.push({ text: q.text, resolve: () => resolve({} as Table), reject }));
    },
  };
}

describe('the ordered copy of one table on screen', () => {
  const sort: RecordSort = { column: 'received_at', direction: 'desc' };

  it('builds once per order and is ready when built, saying so as it goes', async () => {
    const engine = fakeEngine();
    const states: [string | null, string][] = [];
    const copy = new OrderedCopy(engine, 'records:t:copy', (key, state) => states.push([key, state]));
    const first = copy.ensure('k1', base(), sort);
    expect(copy.ensure('k1', base(), sort)).toBe(first);
    expect(engine.pending).toHaveLength(1);
    expect(copy.readyFor('k1')).toBeNull();
    expect(copy.stateFor('k1')).toEqual({ ready: null, building: true });
    expect(copy.stateFor('k2')).toEqual({ ready: null, building: false });
    engine.pending[0].resolve();
    const name = await first;
    expect(copy.stateFor('k1')).toEqual({ ready: name, building: false });
    expect(name).toMatch(/^records_copy_/);
    expect(copy.readyFor('k1')).toBe(name);
    expect(copy.readyFor('k2')).toBeNull();
    copy.release();
    expect(states).toEqual([
      ['k1', 'building'],
      ['k1', 'ready'],
      [null, 'none'],
    ]);
  });

  it('drops the copy of an order no longer shown, at once when built, when its build ends otherwise', async () => {
    const engine = fakeEngine();
    const copy = new OrderedCopy(engine, 'records:t:copy');
    const first = copy.ensure('k1', base(), sort);
    engine.pending[0].resolve();
    const name = (await first)!;
    copy.keepOnly('k1');
    expect(engine.log.filter((l) => l.startsWith('DROP'))).toHaveLength(0);
    copy.keepOnly('k2');
    expect(engine.log.at(-1)).toContain('DROP TABLE IF EXISTS');
    expect(copy.readyFor('k1')).toBeNull();

    // A build replaced before it ends drops its own table and gives no copy.
    const second = copy.ensure('k2', base(), sort);
    const third = copy.ensure('k3', base(), sort);
    engine.pending[1].resolve();
    expect(await second).toBeNull();
    expect(engine.log.filter((l) => l.startsWith('DROP'))).toHaveLength(2);
    engine.pending[2].resolve();
    expect(await third).not.toBeNull();
    expect(name).not.toBe(await third);
  });

  it('gives no copy when its build fails, and the next ask tries again', async () => {
    const engine = fakeEngine();
    const copy = new OrderedCopy(engine, 'records:t:copy');
    const failed = copy.ensure('k1', base(), sort);
    engine.pending[0].reject(Object.assign(new Error('out of memory'), { name: 'Error' }));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await failed).toBeNull();
    } finally {
      console.warn = warn;
    }
    const again = copy.ensure('k1', base(), sort);
    expect(engine.pending).toHaveLength(2);
    engine.pending[1].resolve();
    expect(await again).not.toBeNull();
  });
});
