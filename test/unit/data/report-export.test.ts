import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { ValidationReport } from '$lib/import';
import { reportCsv, reportRows, reportXlsx } from '$lib/data/report-export';
import { sizeRefusal, MAX_CSV_BYTES, MAX_SPREADSHEET_BYTES } from '$lib/data/import-worker-service';

const report: ValidationReport = {
  file: 'a.csv',
  table: 'tickets',
  rowsRead: 2,
  rowsRejected: 1,
  rowsLoaded: 1,
  duplicatesInFile: 0,
  blankRows: 0,
  rejected: [{ file: 'a.csv', row: 3, severity: 'rejected', code: 'missing-key', column: 'ticket_id', header: '工单编号', value: '', zh: '缺少编号', en: 'no key' }],
  warnings: [{ file: 'a.csv', row: 4, severity: 'warning', code: 'unknown-township', column: 'township', header: '所属区镇', value: '=东方,镇', zh: '区镇未知', en: 'unknown' }],
  counts: { 'missing-key': 1, 'unknown-township': 1 },
  truncated: false,
};

describe('report export', () => {
  it('CSV starts with a BOM, quotes commas and defuses formulas', () => {
    const csv = reportCsv(reportRows([report], 'zh'));
    expect(csv.startsWith('\ufeff文件,Excel 行号,类型,列,值,原因\r\n')).toBe(true);
    expect(csv).toContain('a.csv,3,拒绝,工单编号,,缺少编号');
    expect(csv).toContain(`a.csv,4,警告,所属区镇,"'=东方,镇",区镇未知`);
  });

  it('XLSX holds the same rows as text', async () => {
    const rows = reportRows([report], 'en');
    const book = XLSX.read(await reportXlsx(rows), { type: 'array' });
    const back = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false });
    expect(back).toEqual(rows);
  });
});

describe('size limits', () => {
  it('refuses up front what will not fit, naming the limit', () => {
    expect(sizeRefusal('big.csv', MAX_CSV_BYTES, 'csv')).toBeNull();
    const csv = sizeRefusal('big.csv', MAX_CSV_BYTES + 1, 'csv');
    expect(csv?.zh).toMatch(/文件过大.*1\.5 GB/);
    const xlsx = sizeRefusal('big.xlsx', MAX_SPREADSHEET_BYTES + 1, 'xlsx');
    expect(xlsx?.code).toBe('too-large');
    expect(xlsx?.en).toContain('150 MB');
  });
});
