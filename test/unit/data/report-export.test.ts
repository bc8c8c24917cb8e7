import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { ValidationReport } from '$lib/import';
import { firstIssues, listedIssues, reportSheet } from '$lib/data/report-export';
import { CSV_BOM, sheetCsvChunks, sheetXlsx } from '$lib/export';

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
  it('CSV quotes commas and defuses formulas with the one guard every export uses', () => {
    const csv = sheetCsvChunks(reportSheet([report], 'zh'), { masked: true }).join('');
    expect(csv.startsWith('文件,Excel 行号,类型,列,值,原因\r\n')).toBe(true);
    expect(csv).toContain('a.csv,3,拒绝,工单编号,,缺少编号');
    expect(csv).toContain(`a.csv,4,警告,所属区镇,"'=东方,镇",区镇未知`);
    expect(CSV_BOM).toBe('\ufeff');
  });

  it('masks the reported values by the column they came from', () => {
    const personal: ValidationReport = {
      ...report,
      rejected: [
        { ...report.rejected[0], column: 'caller_phone', header: '联系电话', value: '13812345678' },
        { ...report.rejected[0], column: 'content', header: '诉求内容', value: '请回电0513-81234567\t' },
        { ...report.rejected[0], column: null, header: null, value: '=cmd|\'/c calc\'!A1' },
      ],
      warnings: [],
    };
    const csv = sheetCsvChunks(reportSheet([personal], 'en'), { masked: true }).join('').split('\r\n');
    expect(csv[1]).toContain(',138****5678,');
    expect(csv[2]).toContain(',"请回电0513-****4567\t",');
    expect(csv[3]).toContain(`,'=cmd|'/c calc'!A1,`);
  });

  it('XLSX holds the same rows as text, the row number as a number', async () => {
    const book = XLSX.read(await sheetXlsx(reportSheet([report], 'en'), { masked: true }), { type: 'array' });
    const back = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: true, defval: null });
    expect(back).toEqual([
      ['File', 'Excel row', 'Kind', 'Column', 'Value', 'Reason'],
      ['a.csv', 3, 'rejected', '工单编号', '', 'no key'],
      ['a.csv', 4, 'warning', '所属区镇', "'=东方,镇", 'unknown'],
    ]);
  });
});

describe('the report on the page', () => {
  const second: ValidationReport = { ...report, file: 'b.csv', rejected: [], warnings: [{ ...report.warnings[0], file: 'b.csv', row: 9 }] };

  it("lists the first issues in the report's order: each file's rejections, then its warnings", () => {
    expect(firstIssues([report, second], 10).map((i) => `${i.file}:${i.row}`)).toEqual(['a.csv:3', 'a.csv:4', 'b.csv:9']);
    expect(firstIssues([report, second], 2).map((i) => `${i.file}:${i.row}`)).toEqual(['a.csv:3', 'a.csv:4']);
    expect(firstIssues([report, second], 0)).toEqual([]);
    expect(listedIssues([report, second])).toBe(3);
    expect(listedIssues([])).toBe(0);
  });

  it('takes the first rows of a long list without copying it', () => {
    const long: ValidationReport = { ...report, rejected: [], warnings: Array.from({ length: 100_000 }, (_, i) => ({ ...report.warnings[0], row: i + 2 })) };
    const first = firstIssues([long], 200);
    expect(first).toHaveLength(200);
    expect(first[199].row).toBe(201);
    expect(first[0]).toBe(long.warnings[0]);
  });
});
