// The record-table SQL on hand-made rows in DuckDB: count, search (with % and _ taken literally),
// sort with stable ties, windows that neither repeat nor skip, and the detail row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, filterPredicate } from '$lib/filters';
import {
  allOf,
  drillOnDays,
  drillOnValues,
  escapeLike,
  recordCountQuery,
  recordDetailQuery,
  recordWindowQuery,
  searchWords,
  type RecordQuery,
  type RecordSort,
} from '$lib/records';
import { sql, SqlFragment, trusted } from '$lib/sql';
import { loadTable, naiveMs, oneRow, rowsOf } from '../metrics/fixtures';

const TICKETS = [
  { ticket_id: 'T1', received_at: '2024-03-01 09:00', township: '玉山镇', category: '噪音', content: '楼下装修噪音，回电13812345678', caller_name: '张三丰', caller_phone: '13812345678', satisfaction: '满意' },
  { ticket_id: 'T2', received_at: '2024-03-02 10:00', township: '周市镇', category: '路灯', content: '路灯不亮，折扣100%不对', caller_name: '李四', caller_phone: '13900001111' },
  { ticket_id: 'T3', received_at: '2024-03-02 10:00', township: '玉山镇', category: null, content: '井盖缺失 file_name', caller_name: '王五', caller_phone: '13700002222', enterprise_related: true },
  { ticket_id: 'T4', received_at: '2024-03-03 08:30', township: '周市镇', category: '噪音', content: '夜间施工 filexname', caller_name: '赵六', caller_phone: '13600003333' },
  { ticket_id: 'T5', received_at: '2024-03-04 23:59', township: '玉山镇', category: '路灯', content: '100元 反馈 a\\b', caller_name: '钱七', caller_phone: '13500004444' },
  { ticket_id: 'T6', received_at: '2024-04-01 00:00', township: '千灯镇', category: '噪音', content: 'Noise at NIGHT', caller_name: '孙八', caller_phone: '13400005555' },
];

let engine: NodeEngine;

beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', TICKETS);
});

afterAll(async () => {
  await engine?.close?.();
});

const base = (extra: Partial<RecordQuery> = {}): RecordQuery => ({ table: 'tickets', where: trusted('TRUE'), search: '', showPersonal: false, ...extra });

async function count(q: RecordQuery): Promise<number> {
  return Number((await oneRow(engine, recordCountQuery(q))).n);
}

async function ids(q: RecordQuery, sort: RecordSort, offset = 0, limit = 100): Promise<string[]> {
  return (await rowsOf(engine, recordWindowQuery(q, sort, offset, limit))).map((r) => String(r.ticket_id));
}

describe('record count', () => {
  it('counts the rows of the page predicate', async () => {
    expect(await count(base())).toBe(6);
    const march = filterPredicate({ ...emptyFilters(), from: '2024-03-01', to: '2024-03-31' }, 'tickets');
    expect(await count(base({ where: march }))).toBe(5);
    const yushanMarch = filterPredicate({ ...emptyFilters(), from: '2024-03-01', to: '2024-03-31', township: ['玉山镇'] }, 'tickets');
    expect(await count(base({ where: yushanMarch }))).toBe(3);
  });

  it('ANDs the search to the predicate', async () => {
    const yushan = filterPredicate({ ...emptyFilters(), township: ['玉山镇'] }, 'tickets');
    expect(await count(base({ where: yushan, search: '噪音' }))).toBe(1); // T1 (T4, T6 are other townships)
    expect(await count(base({ search: '噪音' }))).toBe(3); // T1 content+category, T4 category, T6 category
  });
});

describe('search', () => {
  it('takes % and _ literally', async () => {
    expect(escapeLike('a%b_c\\')).toBe('a\\%b\\_c\\\\');
    // '100%' matches T2 only; unescaped it would also match T5's '100元'.
    expect(await ids(base({ search: '100%' }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T2']);
    // 'file_name' matches T3 only; an unescaped _ would also match T4's 'filexname'.
    expect(await ids(base({ search: 'file_name' }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T3']);
    expect(await ids(base({ search: 'a\\b' }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T5']);
  });

  it('is case-insensitive, needs every word, and ignores extra spaces', async () => {
    expect(await ids(base({ search: '  noise   night ' }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T6']);
    expect(await ids(base({ search: 'noise 玉山' }), { column: 'ticket_id', direction: 'asc' })).toEqual([]);
    expect(searchWords('  a  b ')).toEqual(['a', 'b']);
    expect(await count(base({ search: '   ' }))).toBe(6);
  });

  it('looks in personal columns only when personal data is shown', async () => {
    // 李四 appears only in caller_name.
    expect(await count(base({ search: '李四', showPersonal: false }))).toBe(0);
    expect(await count(base({ search: '李四', showPersonal: true }))).toBe(1);
    // T1's number also sits in its content, which is searched either way.
    expect(await count(base({ search: '13812345678', showPersonal: false }))).toBe(1);
    expect(await count(base({ search: '13900001111', showPersonal: false }))).toBe(0);
  });

  it('binds the words as parameters, never as SQL text', () => {
    const q = recordCountQuery(base({ search: "x' OR 1=1 --" }));
    expect(q.text).not.toContain('1=1');
    expect(q.params).toContain("%x'%");
  });
});

describe('sort and windows', () => {
  it('orders by the chosen column, ties broken by the key', async () => {
    expect(await ids(base(), { column: 'received_at', direction: 'desc' })).toEqual(['T6', 'T5', 'T4', 'T2', 'T3', 'T1']);
    expect(await ids(base(), { column: 'received_at', direction: 'asc' })).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  });

  it('puts empty values last in both directions', async () => {
    expect(await ids(base(), { column: 'category', direction: 'asc' })).toEqual(['T1', 'T4', 'T6', 'T2', 'T5', 'T3']);
    // Descending: 路灯 (lù) sorts after 噪音 in code-point order (路 U+8DEF > 噪 U+566A).
    expect(await ids(base(), { column: 'category', direction: 'desc' })).toEqual(['T2', 'T5', 'T1', 'T4', 'T6', 'T3']);
  });

  it('falls back to the default order for a column the table does not list', async () => {
    const q = recordWindowQuery(base(), { column: 'x"; DROP TABLE tickets; --', direction: 'asc' }, 0, 10);
    expect(q.text).not.toContain('DROP');
    expect(await ids(base(), { column: 'nope', direction: 'asc' })).toEqual(['T6', 'T5', 'T4', 'T2', 'T3', 'T1']);
  });

  it('windows tile the ordered rows without repeats or gaps', async () => {
    const sort: RecordSort = { column: 'township', direction: 'asc' };
    const all = await ids(base(), sort);
    const tiled = [...(await ids(base(), sort, 0, 2)), ...(await ids(base(), sort, 2, 2)), ...(await ids(base(), sort, 4, 2))];
    expect(tiled).toEqual(all);
    expect(new Set(all).size).toBe(6);
    expect(await ids(base(), sort, 5, 10)).toEqual(all.slice(5));
    expect(await ids(base(), sort, 6, 10)).toEqual([]);
  });

  it('reads a view as it reads a table (the sample is one, and a view has no rowid)', async () => {
    await engine.exec(trusted('CREATE OR REPLACE VIEW tickets_view AS SELECT * FROM tickets'));
    try {
      const sort: RecordSort = { column: 'township', direction: 'desc' };
      const fromView = async (offset: number, limit: number) => {
        const q = recordWindowQuery(base(), sort, offset, limit);
        const text = q.text.replaceAll('"tickets"', '"tickets_view"');
        return (await rowsOf(engine, new SqlFragment(text, q.params))).map((r) => String(r.ticket_id));
      };
      // 玉山镇 > 周市镇 > 千灯镇 in code-point order; ties by key ascending.
      expect(await fromView(0, 10)).toEqual(['T1', 'T3', 'T5', 'T2', 'T4', 'T6']);
      expect(await fromView(2, 3)).toEqual(['T5', 'T2', 'T4']);
      expect(await fromView(2, 3)).toEqual(await ids(base(), sort, 2, 3));
    } finally {
      await engine.exec(trusted('DROP VIEW tickets_view'));
    }
  });

  it('returns only the list columns, timestamps as naive milliseconds', async () => {
    const rows = await rowsOf(engine, recordWindowQuery(base(), { column: 'ticket_id', direction: 'asc' }, 0, 1));
    expect(Object.keys(rows[0])).toEqual(['ticket_id', 'received_at', 'township', 'department', 'request_type', 'category', 'urgency', 'status', 'satisfaction', 'caller_name', 'caller_phone', 'content']);
    expect(Number(rows[0].received_at)).toBe(naiveMs('2024-03-01 09:00'));
  });
});

describe('detail', () => {
  it('reads every declared column of one record', async () => {
    const row = await oneRow(engine, recordDetailQuery('tickets', 'T3'));
    expect(row.ticket_id).toBe('T3');
    expect(row.enterprise_related).toBe(true);
    expect(row.category).toBeNull();
    expect(Object.keys(row)).toHaveLength(28);
    expect(await rowsOf(engine, recordDetailQuery('tickets', "T3' OR '1'='1"))).toEqual([]);
  });
});

describe('drill', () => {
  it('narrows the page predicate to the clicked mark', async () => {
    const filters = filterPredicate({ ...emptyFilters(), from: '2024-03-01', to: '2024-03-31' }, 'tickets');
    const mark = drillOnValues('tickets', { township: '玉山镇', category: '噪音' }, '玉山镇 · 噪音');
    expect(await count(base({ where: allOf([filters, mark.where]) }))).toBe(1);
    const empty = drillOnValues('tickets', { category: null }, '—');
    expect(await ids(base({ where: empty.where }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T3']);
    // Days are inclusive: 03-02 … 03-03 holds T2, T3 (10:00) and T4.
    const days = drillOnDays('tickets', '2024-03-02', '2024-03-03', '3月2日—3日');
    expect(await ids(base({ where: days.where }), { column: 'ticket_id', direction: 'asc' })).toEqual(['T2', 'T3', 'T4']);
    expect(allOf([]).text).toBe('TRUE');
  });

  it('refuses a column the table does not declare', () => {
    expect(() => drillOnValues('tickets', { 'x" OR 1=1': 1 }, 'x')).toThrow(/no column/);
    expect(sql`${drillOnValues('grid_events', { township: 'a' }, 'a').where}`.params).toEqual(['a']);
  });
});
