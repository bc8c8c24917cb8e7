// Findings: validation, the merge rule, the store (on a Map-backed kv), and files — JSON and XLSX
// export → import round trips, conflicts, invalid rows, and files that must change nothing.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
  FindingsFileError,
  FindingsStore,
  findingKey,
  findingsToJson,
  findingsToXlsx,
  parseFinding,
  planMerge,
  readFindingsFile,
  type Finding,
} from '$lib/review';
import type { ReviewKv } from '$lib/review/store';

function memoryKv(): ReviewKv & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get<T>(key: string) {
      return structuredClone(data.get(key)) as T | undefined;
    },
    async set<T>(key: string, value: T) {
      data.set(key, structuredClone(value));
    },
    async delete(key: string) {
      data.delete(key);
    },
    async keys() {
      return [...data.keys()];
    },
  };
}

function finding(ticketId: string, patch: Partial<Finding> = {}): Finding {
  return {
    ticketId,
    township: '悦来镇',
    quarter: '2024Q1',
    verdict: '属实',
    rectification: '整改中',
    responsibleUnit: '悦来镇政府',
    dueDate: '2024-05-31',
    note: '现场核实，路灯已报修',
    updatedAt: '2024-04-10T02:00:00.000Z',
    ...patch,
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseFinding', () => {
  it('accepts a complete record and normalises quarter and time', async () => {
    const parsed = parseFinding({ ...finding('T1'), quarter: '2024q1', updatedAt: '2024-04-10T10:00:00+08:00' });
    expect(parsed.finding).toEqual(finding('T1'));
  });

  it('names every problem of a bad record', async () => {
    const parsed = parseFinding({ ticketId: ' ', township: '悦来镇', quarter: '2024Q5', verdict: '基本属实', rectification: '完成', dueDate: '2024-02-30' });
    expect(parsed.finding).toBeNull();
    expect(parsed.problems.map((p) => `${p.field}:${p.reason}`)).toEqual([
      'ticketId:missing',
      'quarter:invalid',
      'verdict:invalid',
      'rectification:invalid',
      'dueDate:invalid',
    ]);
    expect(parseFinding('x').problems).toEqual([{ field: 'record', reason: 'invalid' }]);
  });
});

describe('planMerge', () => {
  it('adds new findings, skips identical ones, and lets the later edit win a conflict', async () => {
    const existing = new Map(
      [finding('A'), finding('B'), finding('C', { verdict: '不属实', updatedAt: '2024-04-12T00:00:00.000Z' }), finding('D')].map((f) => [findingKey(f), f]),
    );
    const incoming = [
      finding('B', { updatedAt: '2024-05-01T00:00:00.000Z' }), // same content, other time: unchanged
      finding('C', { verdict: '部分属实', updatedAt: '2024-04-11T00:00:00.000Z' }), // older: existing kept
      finding('D', { note: '已整改完毕', rectification: '已整改', updatedAt: '2024-04-20T00:00:00.000Z' }), // newer: incoming wins
      finding('E'),
      finding('A', { quarter: '2024Q2' }), // another quarter: another finding
      // Blank: skipped, even where a finding exists.
      finding('A', { verdict: '', rectification: '', responsibleUnit: '', dueDate: '', note: '', updatedAt: '2030-01-01T00:00:00.000Z' }),
    ];
    const plan = planMerge(existing, incoming);
    expect(plan.added).toBe(2);
    expect(plan.unchanged).toBe(1);
    expect(plan.blank).toBe(1);
    expect(plan.conflicts.map((c) => [c.incoming.ticketId, c.kept])).toEqual([
      ['C', 'existing'],
      ['D', 'incoming'],
    ]);
    expect(plan.writes.map((f) => `${f.ticketId}/${f.quarter}`).sort()).toEqual(['A/2024Q2', 'D/2024Q1', 'E/2024Q1']);
  });
});

describe('findings store', () => {
  it('saves, loads by area and quarter, deletes a blank finding, and skips damaged records', async () => {
    const kv = memoryKv();
    const store = new FindingsStore(kv);
    await store.save(finding('A'));
    await store.save(finding('B', { township: '海门街道' }));
    await store.save(finding('C', { quarter: '2024Q2' }));
    kv.data.set('garbage', { ticketId: 5 });
    const area = await store.load({ township: '悦来镇', quarter: '2024Q1' });
    expect([...area.findings.values()].map((f) => f.ticketId)).toEqual(['A']);
    const all = await store.load();
    expect(all.findings.size).toBe(3);
    expect(all.damaged).toEqual(['garbage']);
    await store.save({ ...finding('A'), verdict: '', rectification: '', responsibleUnit: '', dueDate: '', note: ' ' });
    expect((await store.load()).findings.has(findingKey(finding('A')))).toBe(false);
  });

  it('merge writes only what the plan says and never deletes', async () => {
    const kv = memoryKv();
    const store = new FindingsStore(kv);
    await store.save(finding('A'));
    await store.save(finding('B', { verdict: '不属实', updatedAt: '2024-06-01T00:00:00.000Z' }));
    const plan = await store.merge([finding('B'), finding('Z')]);
    expect([plan.added, plan.conflicts.length, plan.conflicts[0].kept]).toEqual([1, 1, 'existing']);
    const after = (await store.load()).findings;
    expect([...after.values()].map((f) => `${f.ticketId}:${f.verdict}`).sort()).toEqual(['A:属实', 'B:不属实', 'Z:属实']);
  });
});

describe('findings files', () => {
  const findings = [
    finding('HM20240105000123'),
    finding('HM20240105000124', { verdict: '', rectification: '', dueDate: '', note: '联系不上来电人 13812345678' }),
    finding('HM20240301000007', { township: '海门街道', verdict: '不属实', note: '多行\n备注，含逗号' }),
  ];
  // Phone numbers typed into notes leave the machine masked.
  const expected = findings.map((f) => ({ ...f, note: f.note.replace('13812345678', '138****5678') }));

  it('JSON export → import gives the same findings back', async () => {
    const read = await readFindingsFile(enc(findingsToJson(findings)));
    expect(read.format).toBe('json');
    expect(read.invalid).toEqual([]);
    expect(read.findings).toEqual(expected);
  });

  it('XLSX export → import gives the same findings back', async () => {
    const bytes = await findingsToXlsx(findings);
    const book = XLSX.read(bytes, { type: 'array' });
    expect(book.SheetNames).toEqual(['核查结论']);
    const header = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['核查结论'], { header: 1 })[0];
    expect(header).toEqual(['工单编号', '区镇', '季度', '核查结论', '整改状态', '责任单位', '整改期限', '备注', '更新时间']);
    const read = await readFindingsFile(bytes);
    expect(read.format).toBe('xlsx');
    expect(read.invalid).toEqual([]);
    expect(read.findings).toEqual(expected);
  });

  it('reads an XLSX edited in Excel: a title row, real dates, blank rows, English headers; reports bad rows by Excel row number', async () => {
    const rows = [
      ['悦来镇 2024Q1 核查结论'],
      ['ticket_id', 'township', 'quarter', 'verdict', 'due_date', 'note'],
      ['T1', '悦来镇', '2024Q1', '部分属实', 45443, ''],
      [],
      ['T2', '悦来镇', '2024Q1', '基本属实', '2024/6/1', ''],
      ['', '悦来镇', '2024Q1', '属实', '', 'no id'],
      ['T4', '悦来镇', '2024Q1', '属实', '2024年6月3日', ''],
    ];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
    const read = await readFindingsFile(bytes);
    expect(read.findings.map((f) => [f.ticketId, f.verdict, f.dueDate])).toEqual([
      ['T1', '部分属实', '2024-05-31'],
      ['T4', '属实', '2024-06-03'],
    ]);
    expect(read.invalid.map((r) => [r.row, r.ticketId, r.problems.map((p) => p.field)])).toEqual([
      [5, 'T2', ['verdict']],
      [6, '', ['ticketId']],
    ]);
  });

  it('refuses files that are not findings files, so nothing can be merged from them', async () => {
    const refused = async (bytes: Uint8Array) => {
      try {
        await readFindingsFile(bytes);
        return 'accepted';
      } catch (e) {
        return e instanceof FindingsFileError ? e.problem : `other: ${String(e)}`;
      }
    };
    expect(await refused(new Uint8Array())).toBe('empty');
    expect(await refused(enc('{not json'))).toBe('unreadable');
    expect(await refused(enc(JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: {} })))).toBe('not-findings');
    expect(await refused(enc(JSON.stringify({ app: 'gov-workbench', kind: 'review-findings', version: 2, findings: [] })))).toBe('version');
    expect(await refused(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9, 9]))).toBe('unreadable');
    const other = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(other, XLSX.utils.aoa_to_sheet([['工单编号', '受理时间'], ['T1', '2024-01-01']]), 'Sheet1');
    expect(await refused(new Uint8Array(XLSX.write(other, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer))).toBe('not-findings');

  });

  it('a refused or empty file leaves the store exactly as it was', async () => {
    const kv = memoryKv();
    const store = new FindingsStore(kv);
    await store.save(finding('A'));
    const before = structuredClone([...kv.data.entries()]);

    // The page's import (FindingsFilePanel) reads the whole file before it merges anything: a
    // damaged file throws in the read, so no merge is ever reached.
    let merged = false;
    const importFile = async (bytes: Uint8Array) => {
      const read = await readFindingsFile(bytes);
      merged = true;
      return store.merge(read.findings);
    };
    await expect(importFile(enc('{"app":"gov-workbench"'))).rejects.toBeInstanceOf(FindingsFileError);
    expect(merged).toBe(false);
    expect([...kv.data.entries()]).toEqual(before);

    // A findings file whose every row is invalid reads, and merging its nothing writes nothing.
    const onlyInvalid = JSON.stringify({ app: 'gov-workbench', kind: 'review-findings', version: 1, findings: [{ ticketId: 'BAD', township: '悦来镇', quarter: '2024Q9' }] });
    const plan = await importFile(enc(onlyInvalid));
    expect(merged).toBe(true);
    expect(plan.added).toBe(0);
    expect([...kv.data.entries()]).toEqual(before);
  });

  it('a file with some invalid rows merges the valid ones and keeps the existing findings', async () => {
    const kv = memoryKv();
    const store = new FindingsStore(kv);
    await store.save(finding('KEEP'));
    const text = JSON.stringify({ app: 'gov-workbench', kind: 'review-findings', version: 1, findings: [finding('NEW'), { ticketId: 'BAD', township: '悦来镇', quarter: 'Q1' }] });
    const read = await readFindingsFile(enc(text));
    expect(read.invalid.map((r) => [r.row, r.ticketId])).toEqual([[2, 'BAD']]);
    await store.merge(read.findings);
    expect([...(await store.load()).findings.values()].map((f) => f.ticketId).sort()).toEqual(['KEEP', 'NEW']);
  });
});
