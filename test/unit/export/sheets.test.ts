// XLSX and CSV exports of tables: values and number formats survive a round trip through
// SheetJS, the header is frozen, formula-like text is neutralised, personal data is masked,
// and the CSV bytes are exactly UTF-8-with-BOM or GB18030.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { neutraliseFormula, rowsSheet, sheetCsvChunks, sheetsXlsx, tableSheet, tableToCsv, tableToXlsx, type TableData } from '$lib/export';
import { encodeGb18030 } from '$lib/export/gb18030';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

const table: TableData = {
  columns: [
    { id: 'township', label: '区镇', unit: 'text' },
    { id: 'total', label: '工单量', unit: 'count' },
    { id: 'rate', label: '满意率', unit: 'rate' },
    { id: 'hours', label: '办结时长（小时）', unit: 'hours' },
    { id: 'caller', label: '来电人', unit: 'text', pii: 'name' },
    { id: 'phone', label: '来电号码', unit: 'text', pii: 'phone' },
    { id: 'content', label: '诉求内容', unit: 'text' },
  ],
  rows: [
    { township: '城关镇', total: 1234, rate: 0.8567, hours: 12.25, caller: '张三丰', phone: '13812341234', content: '=HYPERLINK("http://x")' },
    { township: '东城街道', total: -5, rate: null, hours: 0.5, caller: '李四', phone: '13900001111', content: '回电 13700001234 谢谢' },
    { township: '+西城', total: 0, rate: 1, hours: 48, caller: null, phone: null, content: '@SUM(A1)' },
  ],
};

function readBack(bytes: Uint8Array) {
  const book = XLSX.read(bytes, { type: 'array', cellNF: true });
  return book.Sheets[book.SheetNames[0]];
}

describe('tableToXlsx', () => {
  it('round-trips values with their number formats', async () => {
    const sheet = readBack(await tableToXlsx(table, { sheetName: '区镇统计' }));
    expect(sheet.A1.v).toBe('区镇');
    expect(sheet.B2).toMatchObject({ t: 'n', v: 1234, z: '#,##0' });
    expect(sheet.C2).toMatchObject({ t: 'n', v: 0.8567, z: '0.0%' });
    expect(sheet.D2).toMatchObject({ t: 'n', v: 12.25, z: '0.0' });
    expect(sheet.B3).toMatchObject({ t: 'n', v: -5 }); // a negative number stays a number
    expect(sheet.C3).toBeUndefined(); // null → empty cell
    expect(sheet.C4).toMatchObject({ t: 'n', v: 1, z: '0.0%' });
    expect(sheet.A3.v).toBe('东城街道');
    expect(sheet['!ref']).toBe('A1:G4');
  });

  it('neutralises formula-like text and masks personal data by default', async () => {
    const sheet = readBack(await tableToXlsx(table));
    expect(sheet.G2.v).toBe(`'=HYPERLINK("http://x")`);
    expect(sheet.G2.f).toBeUndefined();
    expect(sheet.G4.v).toBe("'@SUM(A1)");
    expect(sheet.A4.v).toBe("'+西城");
    expect(sheet.E2.v).toBe('张**');
    expect(sheet.F2.v).toBe('138****1234');
    expect(sheet.G3.v).toBe('回电 137****1234 谢谢');
  });

  it('keeps personal data only when unmasked, and then says so in the tab and the title', async () => {
    const bytes = await tableToXlsx(table, { masked: false, sheetName: '区镇统计' });
    const sheet = readBack(bytes);
    expect(sheet.E2.v).toBe('张三丰');
    expect(sheet.F2.v).toBe('13812341234');
    const book = XLSX.read(bytes, { type: 'array' });
    expect(book.SheetNames).toEqual(['含个人信息·区镇统计']);
    expect(book.Props?.Title).toBe('含个人信息·区镇统计');
    // Masked, or without personal columns, nothing is said.
    expect(XLSX.read(await tableToXlsx(table, { sheetName: '区镇统计' }), { type: 'array' }).SheetNames).toEqual(['区镇统计']);
  });

  it('freezes the header row', async () => {
    const bytes = await tableToXlsx(table);
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const i = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
    const xml = new TextDecoder().decode(zip.FileIndex[i].content as Uint8Array);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('writes several sheets in one workbook, each frozen, the unmasked mark only where there is personal data', async () => {
    const people = rowsSheet('名单', [{ label: '姓名', name: 'worker_name', type: 'text', pii: 'name', value: (r: { n: string }) => r.n }], [{ n: '张三丰' }]);
    const rules = rowsSheet('规则', [{ label: '项目', name: 'item', type: 'text', value: (r: { n: string }) => r.n }], [{ n: '补贴总额' }]);
    const masked = XLSX.read(await sheetsXlsx([people, rules], { masked: true }), { type: 'array' });
    expect(masked.SheetNames).toEqual(['名单', '规则']);
    expect(XLSX.utils.sheet_to_json(masked.Sheets['名单'])).toEqual([{ 姓名: '张**' }]);
    const bytes = await sheetsXlsx([people, rules], { masked: false });
    const open = XLSX.read(bytes, { type: 'array' });
    expect(open.SheetNames).toEqual(['含个人信息·名单', '规则']);
    expect(XLSX.utils.sheet_to_json(open.Sheets['含个人信息·名单'])).toEqual([{ 姓名: '张三丰' }]);
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    for (const name of ['sheet1.xml', 'sheet2.xml']) {
      const i = zip.FullPaths.findIndex((p: string) => p.endsWith(`xl/worksheets/${name}`));
      expect(new TextDecoder().decode(zip.FileIndex[i].content as Uint8Array), name).toContain('state="frozen"');
    }
  });
});

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['城关镇', '城关镇'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe('tableToCsv', () => {
  it('writes UTF-8 with a BOM, CRLF lines, quoted and neutralised text, masked by default', async () => {
    const bytes = await bytesOf(tableToCsv(table));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('区镇,工单量,满意率,办结时长（小时）,来电人,来电号码,诉求内容');
    expect(lines[1]).toBe(`城关镇,1234,0.8567,12.25,张**,138****1234,"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toBe('东城街道,-5,,0.5,李*,139****1111,回电 137****1234 谢谢');
    expect(lines[3]).toBe("'+西城,0,1,48,,,'@SUM(A1)");
    expect(lines[4]).toBe('');
  });

  it('encodes GB18030 without a BOM, byte for byte', async () => {
    const bytes = await bytesOf(tableToCsv({ columns: [{ id: 'a', label: '中文', unit: 'text' }], rows: [{ a: 'A€😀' }] }, { encoding: 'gb18030' }));
    // 中 D6D0, 文 CEC4, CRLF, A, € A2E3 (two-byte), 😀 9439FC36 (four-byte, supplementary plane), CRLF
    expect([...bytes]).toEqual([0xd6, 0xd0, 0xce, 0xc4, 0x0d, 0x0a, 0x41, 0xa2, 0xe3, 0x94, 0x39, 0xfc, 0x36, 0x0d, 0x0a]);
  });

  it('GB18030 round-trips every character of the CSV, including four-byte BMP ones', async () => {
    const text = sheetCsvChunks(tableSheet(table), { masked: true }).join('') + '·—…“”、。ㄅ﹏€' + '\u00b7\u2014\u0080';
    expect(new TextDecoder('gb18030').decode(encodeGb18030(text))).toBe(text);
  });

  it('GB18030 encodes every BMP character the platform decodes to, and only private-use ones without a code become ?', () => {
    const decoder = new TextDecoder('gb18030');
    const unmapped: number[] = [];
    for (let cp = 0x80; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      if (decoder.decode(encodeGb18030(ch)) === ch) continue;
      unmapped.push(cp);
      expect(encodeGb18030(ch)).toEqual(Uint8Array.of(0x3f));
    }
    // The decoder's own replacement character, and private-use code points GB18030-2022 moved to
    // standard characters (which the platform now decodes to those characters instead).
    expect(unmapped.filter((cp) => cp !== 0xfffd && (cp < 0xe000 || cp > 0xf8ff))).toEqual([]);
    expect(unmapped.length).toBeLessThan(40);
  });
});
