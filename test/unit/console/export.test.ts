import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { resultSheet } from '$lib/console/export';
import { resultSetFromRows, type ResultColumn, type ResultSet } from '$lib/console/result';
import { CSV_BOM, csvField, neutraliseFormula, sheetCsvChunks, sheetXlsx } from '$lib/export';

// A console result through the one sheet writer, as the SQL page exports it.
const csvChunks = (r: ResultSet, o: { masked: boolean }, rows?: number) => sheetCsvChunks(resultSheet(r), o, rows);
const toCsv = (r: ResultSet, o: { masked: boolean }) => CSV_BOM + csvChunks(r, o).join('');
const toXlsx = (r: ResultSet, o: { masked: boolean }) => sheetXlsx(resultSheet(r), o);

const col = (name: string, kind: ResultColumn['kind'], pii: ResultColumn['pii'] = null): ResultColumn => ({ name, kind, typeName: kind, pii });

const columns = [
  col('ticket_id', 'text'),
  col('received_at', 'timestamp'),
  col('caller_name', 'text', 'name'),
  col('caller_phone', 'text', 'phone'),
  col('note', 'text'),
  col('n', 'integer'),
  col('rate', 'number'),
];
const at = Date.UTC(2024, 2, 5, 13, 4, 5);
const result = resultSetFromRows(columns, [
  ['A1', at, '张三丰', '13812341234', '=HYPERLINK("http://x")', 3, -0.25],
  ['A2', null, null, null, 'a, "quoted"\nline', null, null],
  ['A3', at, '李四', '13900001111', '-2+3', -7, 1.5],
  ['A4', at, '王五', '13900001111', '@SUM(A1)', 0, 0],
  ['A5', at, '赵六', '13900001111', '\tTAB', 0, 0],
  ['A6', at, '孙七', '13900001111', '+1', 0, 0],
]);

describe('CSV export', () => {
  const text = toCsv(result, { masked: true });
  const lines = text.slice(1).split('\r\n');

  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(lines[0]).toBe('ticket_id,received_at,caller_name,caller_phone,note,n,rate');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes naive timestamps as shown on screen and NULL as an empty field', () => {
    expect(lines[1].startsWith('A1,2024-03-05 13:04:05,')).toBe(true);
    expect(lines[2].startsWith('A2,,,,')).toBe(true);
  });

  it('masks personal data unless unmasked', () => {
    expect(lines[1]).toContain(',张**,138****1234,');
    expect(toCsv(result, { masked: false })).toContain(',张三丰,13812341234,');
  });

  it('neutralises formulas in text but leaves real negative numbers alone', () => {
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")",3,-0.25`);
    expect(lines[3]).toContain(",'-2+3,-7,1.5");
    expect(text).toContain(",'@SUM(A1),");
    expect(text).toContain(",'\tTAB,");
    expect(text).toContain(",'+1,");
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(text).toContain('"a, ""quoted""\nline"');
  });

  it('splits large results into chunks that join to the same text', () => {
    expect(csvChunks(result, { masked: true }, 2).length).toBe(4);
    expect(CSV_BOM + csvChunks(result, { masked: true }, 2).join('')).toBe(text);
  });
});

describe('escaping helpers', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('neutraliseFormula(%j) is %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('XLSX export', () => {
  let bytes: Uint8Array;
  let sheet: XLSX.WorkSheet;
  beforeAll(async () => {
    bytes = await toXlsx(result, { masked: true });
    const book = XLSX.read(bytes, { type: 'array', cellNF: true });
    sheet = book.Sheets[book.SheetNames[0]];
  });

  it('has a header row and typed, masked cells', () => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
    expect(rows[0]).toEqual(columns.map((c) => c.name));
    expect(rows[1][2]).toBe('张**');
    expect(rows[1][3]).toBe('138****1234');
    expect(rows[1][5]).toBe(3);
    // Text stays text: no formula is created from a cell value.
    expect(sheet.E2.t).toBe('s');
    expect(sheet.E2.f).toBeUndefined();
  });

  it('stores timestamps as Excel dates of the same wall-clock time', () => {
    const cell = sheet.B2;
    expect(cell.t).toBe('n');
    expect(cell.z).toBe('yyyy-mm-dd hh:mm:ss');
    expect(XLSX.SSF.format('yyyy-mm-dd hh:mm:ss', cell.v as number)).toBe('2024-03-05 13:04:05');
  });

  it('freezes the header row', () => {
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const i = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
    const xml = new TextDecoder().decode(zip.FileIndex[i].content as Uint8Array);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });
});
