// The streamed XLSX reader against SheetJS, cell for cell: SheetJS reading the whole workbook
// (openWorkbook) is the reference, and every sheet here must come out of both readers the same —
// random grids SheetJS writes itself, and hand-written sheet XML for the ways real writers and
// SheetJS's own rules differ from the plain case. What the streamed reader leaves to SheetJS
// must say so (NotStreamable), and the import must then give SheetJS's result.
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumberedRow } from '$lib/import/header';
import { parseImport, parseSpreadsheetFile } from '$lib/import';
import { openWorkbook } from '$lib/import/sheets';
import { NotStreamable, SheetXmlReader, sheetDimension } from '$lib/import/xlsx-sheet-xml';
import { openStreamedXlsx } from '$lib/import/xlsx-stream';
import { stringItemText, unescapeXml } from '$lib/import/xml-text';
import { crc32 } from '$lib/import/zip-write';
import { memorySource } from '$lib/platform/byte-source';

async function streamedRows(bytes: Uint8Array, sheet: string): Promise<NumberedRow[]> {
  const workbook = await openStreamedXlsx('test.xlsx', memorySource(bytes));
  if (!workbook) throw new Error('not opened');
  const rows: NumberedRow[] = [];
  await workbook.readSheet(sheet, (more) => rows.push(...more));
  return rows;
}

async function expectSameAsSheetJs(bytes: Uint8Array): Promise<void> {
  const reference = openWorkbook('test.xlsx', bytes, 'xlsx');
  const workbook = await openStreamedXlsx('test.xlsx', memorySource(bytes));
  expect(workbook).not.toBeNull();
  expect(workbook!.sheets).toEqual(reference.sheets);
  for (const { name } of reference.sheets) {
    expect(await streamedRows(bytes, name)).toEqual(reference.readSheet(name));
    expect(await workbook!.readSheetHead(name, 3)).toEqual(reference.readSheet(name).slice(0, 3));
  }
}

function writeBook(sheets: Record<string, XLSX.WorkSheet>, options: XLSX.WritingOptions = {}): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, sheet, name);
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true, ...options }) as ArrayBuffer);
}

/** A workbook whose first sheet's XML is `sheetXml`, with the shared strings and number formats given. */
async function handWritten(sheetXml: string, strings: string[] = [], formats: { id: number; code?: string }[] = []): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(writeBook({ Sheet1: XLSX.utils.aoa_to_sheet([['x']]) }));
  const custom = formats.filter((f) => f.code);
  zip.file(
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (custom.length ? `<numFmts count="${custom.length}">${custom.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${f.code}"/>`).join('')}</numFmts>` : '') +
      '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
      `<cellXfs count="${formats.length + 1}"><xf numFmtId="0" xfId="0"/>${formats.map((f) => `<xf numFmtId="${f.id}" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`,
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  if (!types.includes('sharedStrings')) {
    zip.file(
      '[Content_Types].xml',
      types.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    );
  }
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  if (!rels.includes('sharedStrings')) {
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace('</Relationships>', '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    );
  }
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const sheet = (dimension: string | null, data: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet xmlns${prefix ? ':' + prefix.slice(0, -1) : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  (dimension ? `<${prefix}dimension ref="${dimension}"/>` : '') +
  `<${prefix}sheetData>${data}</${prefix}sheetData></${prefix}worksheet>`;

describe('XML text as SheetJS reads it', () => {
  it('reads entities, numeric references and Excel escapes', () => {
    expect(unescapeXml('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;', false)).toBe(`a & b <c> "d" 'e'`);
    expect(unescapeXml('&#20013;&#x6587;', false)).toBe('中文');
    expect(unescapeXml('line_x000D_break', false)).toBe('line\rbreak');
    // Only a lowercase x makes a reference hexadecimal; an upper-case named entity reads as U+0000.
    expect(unescapeXml('&#X41;', false)).toBe(')');
    expect(unescapeXml('&AMP;', false)).toBe('\u0000');
  });
  it('turns CRLF into LF in cell text only', () => {
    expect(unescapeXml('a\r\nb', true)).toBe('a\nb');
    expect(unescapeXml('a\r\nb', false)).toBe('a\r\nb');
  });
  it('reads a plain item, rich runs without their phonetic runs, and nothing from an empty item', () => {
    expect(stringItemText('<t xml:space="preserve"> 两端空格 </t>')).toBe(' 两端空格 ');
    expect(stringItemText('<r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>')).toBe('粗体');
    expect(stringItemText('<phoneticPr fontId="1"/>')).toBeUndefined();
    expect(stringItemText('')).toBe('');
  });
});

describe('a sheet dimension', () => {
  it('is the quoted range of <dimension>, zero-based', () => {
    expect(sheetDimension('<worksheet><dimension ref="B2:AB100001"/>')).toEqual({ firstRow: 1, lastRow: 100_000, firstColumn: 1, lastColumn: 27 });
  });
  it('is null without a range SheetJS would take', () => {
    expect(sheetDimension('<worksheet>')).toBeNull();
    expect(sheetDimension('<worksheet><dimension ref="A1"/>')).toBeNull();
    expect(sheetDimension('<worksheet><dimension ref="C3:A1"/>')).toBeNull();
  });
});

describe('the sheet XML reader, pushed in pieces', () => {
  const context = { strings: ['甲', undefined], numberIsDate: (s: string | undefined) => s === '1' };
  const xml = sheet('A1:C4', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>45658.5</v></c></row><row r="3"><c r="B3" t="s"><v>1</v></c></row>');

  it('gives the same rows whatever the pieces, empty rows of the range included', () => {
    const whole = new SheetXmlReader(context);
    const expected = [...whole.push(xml), ...whole.end()];
    expect(expected).toEqual([
      { row: 1, cells: ['甲', null, { date: Date.UTC(2025, 0, 1, 12) }] },
      { row: 2, cells: [null, null, null] },
      { row: 3, cells: [null, '', null] },
      { row: 4, cells: [null, null, null] },
    ]);
    for (const size of [1, 7, 64]) {
      const reader = new SheetXmlReader(context);
      const rows: NumberedRow[] = [];
      for (let i = 0; i < xml.length; i += size) rows.push(...reader.push(xml.slice(i, i + size)));
      rows.push(...reader.end());
      expect(rows).toEqual(expected);
    }
  });
  it('stops at its limit', () => {
    const reader = new SheetXmlReader(context, { limit: 2 });
    expect(reader.push(xml).map((r) => r.row)).toEqual([1, 2]);
    expect(reader.done).toBe(true);
  });
  it('says when SheetJS must read the sheet instead', () => {
    const notStreamable = (text: string) => () => {
      const reader = new SheetXmlReader(context);
      reader.push(text);
      reader.end();
    };
    expect(notStreamable(sheet(null, '<row r="1"><c r="A1"><v>1</v></c></row>'))).toThrow(NotStreamable);
    expect(notStreamable(sheet('A1:A2', '<row r="1"><c r="A1" t="d"><v>2025-01-01</v></c></row>'))).toThrow(/type d/);
    expect(notStreamable(sheet('A1:A2', '<row r="1"><c r="A1" t="str"><v><![CDATA[x]]></v></c></row>'))).toThrow(/CDATA/);
    expect(notStreamable(sheet('A1:A2', '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'))).toThrow(/order/);
    expect(notStreamable(sheet('A1:A2', '<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))).toThrow(/shared string/);
    expect(notStreamable('<worksheet><dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>')).toThrow(/not closed/);
  });
});

describe('streamed rows equal SheetJS rows', () => {
  it('for the fixtures: a cover sheet, merged titles, serial dates, ids as text', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['test/fixtures/import/merged-headers.xlsx', 'test/fixtures/report/tickets.xlsx']) {
      await expectSameAsSheetJs(new Uint8Array(readFileSync(file)));
    }
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '中', '文', '&', '<', '>', '"', "'", ' ', '\n', '\r\n', '_x000D_', '😀', '\t', '_', '#'), maxLength: 8 });
  const cell: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 99_999_999 }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }) },
    { weight: 2, arbitrary: fc.constant(null) },
  );
  const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

  it('for random grids SheetJS writes, with and without shared strings', async () => {
    await fc.assert(
      fc.asyncProperty(grid, fc.boolean(), fc.integer({ min: 0, max: 3 }), async (rows, bookSST, origin) => {
        const ws = XLSX.utils.sheet_add_aoa({} as XLSX.WorkSheet, rows, { cellDates: true, origin: { r: origin, c: origin } });
        await expectSameAsSheetJs(writeBook({ 说明: XLSX.utils.aoa_to_sheet([['填报说明']]), 数据: ws }, { bookSST }));
      }),
      { numRuns: 60 },
    );
  });

  it('for cells and rows without r, self-closing rows and cells, and cells past the dimension', async () => {
    const data =
      '<row r="1" spans="1:4"><c t="inlineStr"><is><t>编号</t></is></c><c t="inlineStr"><is><t>时间</t></is></c><c r="D1" t="inlineStr"><is><t>D</t></is></c></row>' +
      '<row r="2"/>' +
      '<row r="3"><c r="A3"><v>1</v></c><c><v>2</v></c><c r="C3" s="1"/><c/></row>' +
      '<row><c><v>4</v></c><c t="n"/><c><v>4.5</v></c></row>' +
      '<row r="5"><c r="A5"><v>5</v></c><c r="F5"><v>99</v></c></row><row r="9"><c r="A9"><v>9</v></c></row>';
    await expectSameAsSheetJs(await handWritten(sheet('A1:D6', data)));
    // Without the dimension the range is what the cells span, as SheetJS guesses it.
    await expectSameAsSheetJs(await handWritten(sheet(null, data)));
    await expectSameAsSheetJs(await handWritten(sheet('A1', '<row r="1"><c r="A1" t="inlineStr"><is><t>封面</t></is></c></row>')));
    await expectSameAsSheetJs(await handWritten(sheet(null, '<row r="1"/><row r="2"><c r="B2" t="n"/></row>')));
  });

  it('for namespace prefixes, single quotes and attributes in any order', async () => {
    const data =
      "<x:row r='1'><x:c t='s' s='0' r='A1'><x:v>0</x:v></x:c><x:c r='B1' t='inlineStr'><x:is><x:t>内联</x:t></x:is></x:c></x:row>" +
      '<x:row r="2"><x:c r="A2"><x:v>3.25</x:v></x:c><x:c r="B2" t="b"><x:v>1</x:v></x:c></x:row>';
    await expectSameAsSheetJs(await handWritten(sheet('A1:B2', data, 'x:'), ['<si><t>共享</t></si>']));
  });

  it('for text: entities, escapes, rich and phonetic runs, CRLF, formula results', async () => {
    const strings = [
      '<si><t>a &amp; b &lt;c&gt;</t></si>',
      '<si><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体</t></r><rPh sb="0" eb="1"><t>そ</t></rPh></si>',
      '<si><t>第一行_x000D_\r\n第二行</t></si>',
      '<si><phoneticPr fontId="1"/></si>',
      '<si><t>&#20013;&#x6587;</t></si>',
    ];
    const data =
      '<row r="1">' +
      ['A', 'B', 'C', 'D', 'E'].map((col, i) => `<c r="${col}1" t="s"><v>${i}</v></c>`).join('') +
      '</row><row r="2">' +
      '<c r="A2" t="str"><f>A1</f><v>a &amp;amp;lt; b</v></c><c r="B2" t="str"><f>""</f></c><c r="C2"><f>1+1</f></c>' +
      '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="inlineStr"><is><r><t>行</t></r><r><t>内</t></r></is></c>' +
      '</row><row r="3"><c r="A3" t="b"><v>0</v></c><c r="B3" t="b"><v>true</v></c><c r="C3" t="n"><v></v></c><c r="D3" t="zz"><v>1</v></c></row>';
    await expectSameAsSheetJs(await handWritten(sheet('A1:E3', data), strings));
  });

  it('for dates: built-in, custom and locale formats, numbers beside them', async () => {
    const formats = [{ id: 14 }, { id: 22 }, { id: 57 }, { id: 31 }, { id: 176, code: 'yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;' }, { id: 4 }, { id: 177, code: '0.00_ ' }, { id: 49 }];
    const row = (r: number) =>
      `<row r="${r}">${formats.map((_, i) => `<c r="${String.fromCharCode(65 + i)}${r}" s="${i + 1}"><v>${45_000 + r + 0.25 * i}</v></c>`).join('')}</row>`;
    const bytes = await handWritten(sheet('A1:H3', row(1) + row(2) + row(3)), [], formats);
    const reference = openWorkbook('test.xlsx', bytes, 'xlsx').readSheet('Sheet1');
    const streamed = await streamedRows(bytes, 'Sheet1');
    expect(streamed.slice(1)).toEqual(reference.slice(1));
    // SheetJS fills in a locale date format (57, 31) only after its first cell has been read, so
    // that one cell stays a number; here every cell of the format is a date. The importer reads a
    // number in a date column as the same serial, so the figures agree.
    expect(reference[0].cells[2]).toBe(45_001.5);
    expect(streamed[0].cells[2]).toEqual({ date: Date.UTC(2023, 2, 16, 12) });
    expect(streamed[0].cells.map((c, i) => (i === 2 || i === 3 ? null : c))).toEqual(reference[0].cells.map((c, i) => (i === 2 || i === 3 ? null : c)));
  });
});

describe('an import of a workbook streamed', () => {
  it('counts rows and bytes while the sheet inflates, and ends with every row', async () => {
    const header = ['工单编号', '受理时间', '所属区镇', '办理状态', '诉求内容'];
    const rows = Array.from({ length: 6000 }, (_, i) => [`GD${i}`, `2025-03-${String((i % 28) + 1).padStart(2, '0')} 08:00:00`, '城关镇', '已办结', '路灯不亮'.repeat(i % 5)]);
    const bytes = writeBook({ 工单: XLSX.utils.aoa_to_sheet([header, ...rows]) }, { bookSST: true });
    const seen: { rows: number; bytesRead: number; phase?: string }[] = [];
    const parsed = await parseImport({ name: 'tickets.xlsx', bytes }, { table: 'tickets', onProgress: (p) => seen.push(p) });
    expect(parsed.report.rowsRead).toBe(6000);
    const counted = seen.filter((p) => p.phase === undefined);
    // More than one step, each further on, some of them before the last row.
    expect(counted.length).toBeGreaterThan(2);
    for (let i = 1; i < counted.length; i++) expect(counted[i].bytesRead).toBeGreaterThanOrEqual(counted[i - 1].bytesRead);
    expect(counted.some((p) => p.rows > 0 && p.rows < 6000 && p.bytesRead < bytes.length)).toBe(true);
    expect(counted.at(-1)).toMatchObject({ rows: 6000, bytesRead: bytes.length });
  });
});

describe('an XLSX chosen from disk', () => {
  it('imports from the file by range as it does from memory', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync('test/fixtures/import/merged-headers.xlsx'));
    const fromMemory = await parseImport({ name: 'merged-headers.xlsx', bytes });
    const fromFile = await parseSpreadsheetFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'merged-headers.xlsx');
    expect(fromFile.sheet).toBe(fromMemory.sheet);
    expect(fromFile.report).toEqual(fromMemory.report);
    expect(fromFile.preview).toEqual(fromMemory.preview);
  });
});

describe('a worksheet that does not inflate to what it declares', () => {
  it('is a corrupt file, and SheetJS never gets it', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`GD${i}`, '2025-03-01 08:00:00', '城关镇']);
    const bytes = writeBook({ 工单: XLSX.utils.aoa_to_sheet([['工单编号', '受理时间', '所属区镇'], ...rows]) });
    // Declare the sheet 1,000 bytes shorter than it inflates to, in the central directory.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    for (let at = bytes.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const length = view.getUint16(at + 28, true);
      if (length === name.length && name.every((b, i) => bytes[at + 46 + i] === b)) {
        view.setUint32(at + 24, view.getUint32(at + 24, true) - 1000, true);
        break;
      }
    }
    const error = await parseImport({ name: 'lying.xlsx', bytes }, { table: 'tickets' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'corrupt-spreadsheet' });
    const fromFile = await parseSpreadsheetFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'lying.xlsx', { table: 'tickets' }).catch((e: unknown) => e);
    expect(fromFile).toMatchObject({ code: 'corrupt-spreadsheet' });
  });
});

describe('what the streamed reader leaves to SheetJS', () => {
  it('a workbook with a big sheet that declares no dimension opens with SheetJS', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>工单${i}</t></is></c></row>`).join('');
    expect(await openStreamedXlsx('test.xlsx', memorySource(await handWritten(sheet(null, rows))))).toBeNull();
  });
  it('a sheet kept outside xl/worksheets is the one SheetJS read, beside streamed ones', async () => {
    const zip = await JSZip.loadAsync(writeBook({ 说明: XLSX.utils.aoa_to_sheet([['填报说明'], ['第二行']]), 数据: XLSX.utils.aoa_to_sheet([['工单编号'], ['GD1']]) }));
    zip.file('xl/sheet-elsewhere.xml', await zip.file('xl/worksheets/sheet1.xml')!.async('string'));
    zip.remove('xl/worksheets/sheet1.xml');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('worksheets/sheet1.xml', 'sheet-elsewhere.xml'));
    await expectSameAsSheetJs(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  });
  it('a sheet found unusual part-way is imported by SheetJS, with SheetJS\'s figures', async () => {
    const header = ['工单编号', '受理时间', '所属区镇', '办理状态'];
    const body = [
      ['GD1', '2025-01-02 08:00:00', '城关镇', '已办结'],
      ['GD2', '2025-01-03 09:30:00', '城关镇', '办理中'],
    ];
    const inline = (col: string, r: number, v: string) => `<c r="${col}${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const rows = [header, ...body].map((cells, i) => `<row r="${i + 1}">${cells.map((v, k) => inline('ABCD'[k], i + 1, v)).join('')}</row>`).join('');
    // A third ticket whose time is a t="d" cell: SheetJS turns it into a serial, this reader does not try.
    const third = `<row r="4">${inline('A', 4, 'GD3')}<c r="B4" t="d"><v>2025-01-04T10:00:00</v></c>${inline('C', 4, '河西镇')}${inline('D', 4, '已办结')}</row>`;
    const bytes = await handWritten(sheet('A1:D4', rows + third));
    const workbook = (await openStreamedXlsx('test.xlsx', memorySource(bytes)))!;
    await expect(workbook.readSheet('Sheet1', () => undefined)).rejects.toThrow(NotStreamable);
    const parsed = await parseImport({ name: 'tickets.xlsx', bytes }, { table: 'tickets' });
    expect(parsed.report.rowsRead).toBe(3);
    expect(Array.from(parsed.preview.columns.received_at as ArrayLike<number>).slice(0, 3)).toEqual([
      Date.UTC(2025, 0, 2, 8),
      Date.UTC(2025, 0, 3, 9, 30),
      Date.UTC(2025, 0, 4, 10),
    ]);
  });
});

describe('the ZIP the stand-ins go into', () => {
  it('checks with the CRC-32 everyone computes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
