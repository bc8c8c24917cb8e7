import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { ImportError, parseImport, parseImportStream, sniffFormat, type ParsedImport } from '$lib/import';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url))) });

/** Loaded rows as plain objects, from the Arrow batches DuckDB would receive. */
function rowsOf(parsed: ParsedImport): Record<string, unknown>[] {
  return parsed.batches.flatMap((b) => tableFromIPC(b).toArray().map((r) => r.toJSON() as Record<string, unknown>));
}
const ts = (s: string) => BigInt(Date.parse(`${s}Z`)) * 1000n;
const micros = (v: unknown) => (typeof v === 'bigint' ? v : BigInt(v as number) * 1000n);

async function importError(input: { name: string; bytes: Uint8Array }): Promise<ImportError> {
  const e = await parseImport(input).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

describe('file sniffing and refusals', () => {
  it.each([
    ['empty.csv', 'empty-file'],
    ['image.csv', 'image-file'],
    ['corrupt.xlsx', 'corrupt-spreadsheet'],
  ])('%s → %s with a one-line message in both languages', async (name, code) => {
    const e = await importError(fixture(name));
    expect(e.code).toBe(code);
    expect(e.zh).toMatch(/\p{Script=Han}/u);
    expect(e.en.length).toBeGreaterThan(5);
    expect(e.message).not.toContain('\n');
  });

  it('refuses a PDF, a gzip and other binaries', () => {
    expect(() => sniffFormat('a.csv', new TextEncoder().encode('%PDF-1.7\n'))).toThrow(/PDF/);
    expect(() => sniffFormat('a.csv.gz', Uint8Array.from([0x1f, 0x8b, 8, 0]))).toThrow(/compressed/);
    expect(() => sniffFormat('a.csv', Uint8Array.from({ length: 512 }, (_, i) => i % 7))).toThrow(/binary/);
  });

  it.each([
    ['x.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'xls'],
    ['x.xls', [...new TextEncoder().encode('<html><table>')], 'html'],
    ['x.parquet', [0x50, 0x41, 0x52, 0x31], 'parquet'],
    ['x.json', [...new TextEncoder().encode('[{"a":1}]')], 'json'],
    ['x.xls', [...new TextEncoder().encode('工单编号,受理时间')], 'csv'],
  ] as const)('%s starting %j is %s', (name, bytes, format) => {
    expect(sniffFormat(name, Uint8Array.from(bytes)).format).toBe(format);
  });

  it('refuses a ZIP without its central directory instead of hanging in the reader', async () => {
    const { bytes } = fixture('merged-headers.xlsx');
    const e = await importError({ name: 'cut.xlsx', bytes: bytes.subarray(0, bytes.length - 100) });
    expect(e.code).toBe('corrupt-spreadsheet');
  });

  it('says when no column maps to the key', async () => {
    const e = await importError({ name: 'x.csv', bytes: new TextEncoder().encode('a,b\n1,2\n') });
    expect(e.code).toBe('no-key-column');
    expect(e.zh).toContain('工单编号');
  });
});

describe('GBK CSV with a title and group-header rows', () => {
  it('decodes, skips the rows above the header, and loads the data', async () => {
    const parsed = await parseImport(fixture('gbk-title.csv'));
    expect(parsed.encoding?.encoding).toBe('gb18030');
    expect(parsed.table).toBe('tickets');
    expect(parsed.headerRow).toBe(3);
    expect(parsed.skippedRows.map((r) => r.reason)).toEqual(['title', 'group-header']);
    expect(parsed.needsReview).toBe(false);
    expect(parsed.report).toMatchObject({ rowsRead: 3, rowsRejected: 0, rowsLoaded: 3 });
    const rows = rowsOf(parsed);
    expect(rows[0]).toMatchObject({ ticket_id: 'HM2024010001', township: '海门街道', content: '小区门口垃圾堆放，"三天"无人清理', resolved: true });
    expect(micros(rows[1].received_at)).toBe(ts('2024-01-06T08:30:00'));
    expect(rows[1].resolved).toBe(true);
    expect(micros(rows[2].received_at)).toBe(ts('2024-01-07T14:20:00'));
    expect(micros(rows[2].deadline_at)).toBe(ts('2024-01-12T00:00:00'));
    expect(rows[2].content).toBe('路灯不亮，\r\n晚上出行不便');
    expect(rows[2].closed_at).toBeNull();
  });

  it('gives the same result when streamed in small chunks', async () => {
    const { name, bytes } = fixture('gbk-title.csv');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const streamed = await parseImportStream({ name, size: bytes.length, chunks: chunks() });
    const whole = await parseImport({ name, bytes });
    expect(rowsOf(streamed)).toEqual(rowsOf(whole));
    expect(streamed.report).toEqual(whole.report);
  });
});

describe('UTF-8 BOM CSV with mixed timestamp forms', () => {
  it('reads every form and reports an ignored zone', async () => {
    const parsed = await parseImport(fixture('utf8-bom.csv'));
    expect(parsed.encoding).toMatchObject({ encoding: 'utf-8', bom: true });
    const rows = rowsOf(parsed);
    expect(rows.map((r) => micros(r.received_at))).toEqual([ts('2024-02-01T08:30:00'), ts('2024-02-03T00:00:00'), ts('2024-02-04T09:15:00')]);
    expect(micros(rows[1].deadline_at)).toBe(ts('2024-02-08T12:00:00'));
    expect(rows.map((r) => r.returned_count)).toEqual([2, 1, 1]);
    expect(rows.map((r) => r.township)).toEqual(['悦来镇', '海门街道', '滨江街道']);
    expect(parsed.report.counts['time-zone-ignored']).toBe(1);
  });
});

describe('rejections and warnings', () => {
  it('rejects and warns row by row, with Excel row numbers', async () => {
    const parsed = await parseImport(fixture('quirks.csv'));
    const { report } = parsed;
    const rejected = report.rejected.map((i) => [i.row, i.code, i.column]);
    expect(rejected).toEqual([
      [4, 'missing-key', 'ticket_id'],
      [5, 'damaged-key', 'ticket_id'],
      [6, 'missing-required', 'received_at'],
      [7, 'invalid-required', 'received_at'],
      [12, 'too-many-cells', null],
    ]);
    const warnings = report.warnings.map((i) => [i.row, i.code, i.column]);
    expect(warnings).toEqual([
      [8, 'deadline-before-received', 'deadline_at'],
      [8, 'closed-before-received', 'closed_at'],
      [9, 'unknown-township', 'township'],
      [10, 'duplicate-key-in-file', 'ticket_id'],
      [11, 'short-row', null],
      [14, 'invalid-value', 'returned_count'],
      [14, 'invalid-value', 'resolved'],
    ]);
    expect(report).toMatchObject({ rowsRead: 11, rowsRejected: 5, rowsLoaded: 6, duplicatesInFile: 1, blankRows: 1 });
    const first = report.rejected[1];
    expect(first).toMatchObject({ file: 'quirks.csv', value: '1.2024E+17', header: '工单编号' });
    expect(first.zh).toContain('科学计数法');
    expect(first.en).toContain('scientific notation');
    const unknown = rowsOf(parsed).find((r) => r.ticket_id === 'HM2024030007');
    expect(unknown?.township).toBe('东方镇');
  });

  it('flags an invalid credit code and keeps the row', async () => {
    const parsed = await parseImport(fixture('enterprise.csv'));
    expect(parsed.table).toBe('enterprise_requests');
    expect(parsed.report.warnings.map((w) => [w.row, w.code])).toEqual([[3, 'invalid-credit-code']]);
    expect(parsed.report.rowsLoaded).toBe(2);
  });
});

describe('spreadsheets', () => {
  it('reads XLSX: picks the non-empty sheet asked for, skips title and merged headers, reads serial dates, ids as text', async () => {
    const parsed = await parseImport(fixture('merged-headers.xlsx'), { sheet: '工单明细' });
    expect(parsed.sheets.map((s) => s.name)).toEqual(['说明', '工单明细']);
    expect(parsed.headerRow).toBe(3);
    expect(parsed.skippedRows.map((r) => r.reason)).toEqual(['title', 'group-header']);
    expect(parsed.report.rejected.map((r) => [r.row, r.code])).toEqual([[6, 'damaged-key']]);
    const rows = rowsOf(parsed);
    expect(rows.map((r) => r.ticket_id)).toEqual(['HM2024060001', 'HM2024060002', '202406000004']);
    expect(micros(rows[0].received_at)).toBe(ts('2024-06-05T13:05:00'));
    expect(micros(rows[0].closed_at)).toBe(ts('2024-06-06T10:00:00'));
    expect(micros(rows[1].closed_at)).toBe(ts('2024-06-07T06:00:00'));
    expect(rows.map((r) => r.returned_count)).toEqual([2, 1, null]);
    expect(parsed.extraColumns.map((e) => e.header)).toEqual(['备注']);
    // Row 5 ends in empty cells, which Excel does not store: that is not a short row.
    expect(parsed.report.warnings.filter((w) => w.code === 'short-row')).toEqual([]);
  });

  it('without a sheet named, takes the one whose header fits, not the 说明 sheet before it', async () => {
    const parsed = await parseImport(fixture('merged-headers.xlsx'));
    expect(parsed.sheet).toBe('工单明细');
    expect(parsed.table).toBe('tickets');
    expect(parsed.report.rowsRead).toBeGreaterThan(0);
  });

  it('reads legacy XLS the same way', async () => {
    const parsed = await parseImport(fixture('legacy.xls'));
    expect(parsed.format).toBe('xls');
    expect(parsed.report).toMatchObject({ rowsRead: 4, rowsRejected: 1, rowsLoaded: 3 });
  });

  it('reads a GBK HTML table named .xls, long ids intact', async () => {
    const parsed = await parseImport(fixture('html-table.xls'));
    expect(parsed.format).toBe('html');
    expect(parsed.table).toBe('grid_events');
    expect(parsed.skippedRows.map((r) => r.reason)).toEqual(['title']);
    const rows = rowsOf(parsed);
    expect(rows.map((r) => r.event_id)).toEqual(['202407000000000001', '202407000000000002']);
    expect(rows.map((r) => r.township)).toEqual(['临江镇', '海永镇']);
  });
});

describe('JSON', () => {
  it('reads an array of records', async () => {
    const json = JSON.stringify({ data: [{ 工单编号: 'J1', 受理时间: '2024-01-05 13:05', 是否涉企: '是' }, { 工单编号: 'J2', 受理时间: 45296 }] });
    const parsed = await parseImport({ name: 'x.json', bytes: new TextEncoder().encode(json) });
    const rows = rowsOf(parsed);
    expect(rows.map((r) => [r.ticket_id, r.enterprise_related])).toEqual([['J1', true], ['J2', null]]);
    expect(micros(rows[1].received_at)).toBe(ts('2024-01-05T00:00:00'));
  });

  it('refuses malformed JSON with a typed error', async () => {
    const e = await importError({ name: 'x.json', bytes: new TextEncoder().encode('[{"a": ') });
    expect(e.code).toBe('invalid-json');
  });
});

describe('cancel and progress', () => {
  it('reports progress and stops on abort', async () => {
    const seen: number[] = [];
    const ok = await parseImport(fixture('gbk-title.csv'), { onProgress: (p) => seen.push(p.bytesRead) });
    expect(ok.report.rowsLoaded).toBe(3);
    expect(seen.at(-1)).toBe(fixture('gbk-title.csv').bytes.length);
    const controller = new AbortController();
    controller.abort();
    const e = await parseImport(fixture('gbk-title.csv'), { signal: controller.signal }).catch((x: unknown) => x);
    expect((e as ImportError).code).toBe('cancelled');
  });

  it('says a workbook is being read whole before its rows are counted, and a streamed XLSX or a CSV never', async () => {
    const xls = fixture('legacy.xls');
    const seen: { phase?: string; rows: number; bytesRead: number }[] = [];
    await parseImport(xls, { onProgress: (p) => seen.push({ phase: p.phase, rows: p.rows, bytesRead: p.bytesRead }) });
    expect(seen[0]).toEqual({ phase: 'workbook', rows: 0, bytesRead: 0 });
    expect(seen.filter((p) => p.phase === 'workbook')).toHaveLength(1);
    // Then the rows, by the share of them pushed, up to the whole file.
    expect(seen.at(-1)).toEqual({ phase: undefined, rows: expect.any(Number), bytesRead: xls.bytes.length });
    const xlsx = fixture('merged-headers.xlsx');
    const streamed: { phase?: string; bytesRead: number }[] = [];
    await parseImport(xlsx, { onProgress: (p) => streamed.push({ phase: p.phase, bytesRead: p.bytesRead }) });
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.every((p) => p.phase === undefined)).toBe(true);
    expect(streamed.at(-1)?.bytesRead).toBe(xlsx.bytes.length);
    const csv: (string | undefined)[] = [];
    await parseImport(fixture('gbk-title.csv'), { onProgress: (p) => csv.push(p.phase) });
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.every((phase) => phase === undefined)).toBe(true);
  });
});
