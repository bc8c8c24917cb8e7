import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv, sniffDelimiter } from '$lib/import';

const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe('CSV parser', () => {
  it('reads quoted fields, doubled quotes and delimiters inside quotes', () => {
    expect(cells('a,"b,c","say ""hi"""\n')).toEqual([['a', 'b,c', 'say "hi"']]);
  });

  it('accepts LF, CRLF and lone CR line ends, with or without a final newline', () => {
    expect(cells('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('numbers rows as Excel shows them: a quoted multi-line field is one row, a blank line is a row', () => {
    const { records } = parseCsv('h1,h2\r\n"line 1\r\nline 2",x\r\n\r\nlast,y\r\n');
    expect(records.map((r) => [r.row, r.cells])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['line 1\r\nline 2', 'x']],
      [3, ['']],
      [4, ['last', 'y']],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(cells(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const text = 'id,content\r\n1,"a ""quoted"", multi\r\nline"\r\n2,plain\r\n3,"x"\r\n';
    const whole = parseCsv(text).records;
    for (let size = 1; size <= text.length; size++) {
      const parser = new CsvParser(',');
      const records = [];
      for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
      records.push(...parser.end());
      expect(records, `chunk size ${size}`).toEqual(whole);
    }
  });

  it('tolerates an unterminated quote at the end and reports it', () => {
    const result = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(result.records.map((r) => r.cells)).toEqual([['a', 'b'], ['1', 'never closed\n2,3\n']]);
    expect(result.issues).toEqual([{ kind: 'unterminated-quote', row: 2, count: 1 }]);
  });

  it('keeps text after a closing quote and reports the stray quote', () => {
    const result = parseCsv('"abc"def,g\n');
    expect(result.records[0].cells).toEqual(['abcdef', 'g']);
    expect(result.issues[0]).toMatchObject({ kind: 'stray-quote', row: 1 });
  });

  it('keeps quotes inside an unquoted field as written', () => {
    expect(cells('a"b,c\n')).toEqual([['a"b', 'c']]);
  });

  it('removes NUL bytes and reports them', () => {
    const result = parseCsv('a\0b,c\n');
    expect(result.records[0].cells).toEqual(['ab', 'c']);
    expect(result.issues[0]).toMatchObject({ kind: 'nul-removed', count: 1 });
  });

  it('stays linear on one enormous unterminated field fed in small chunks', () => {
    const parser = new CsvParser(',');
    const chunk = 'x'.repeat(1000);
    const started = performance.now();
    parser.push('"');
    for (let i = 0; i < 5000; i++) parser.push(chunk);
    const records = parser.end();
    expect(records[0].cells[0].length).toBe(5_000_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('delimiter sniffing', () => {
  it.each([
    [',', '工单编号,受理时间,区镇\n1,2,3\n4,5,6\n'],
    ['\t', '工单编号\t受理时间\t区镇\n1\t2\t3\n'],
    [';', '工单编号;受理时间;区镇\n1;2,5;3\n'],
    ['|', '工单编号|受理时间|区镇\n1|2|3\n'],
  ])('finds %j', (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it('is not misled by a title row or commas inside quotes', () => {
    const text = '海门区12345工单明细（2024年1月）\n工单编号\t内容\t区镇\n1\t"a, b, c, d"\t海门\n2\tx\t三厂\n';
    expect(sniffDelimiter(text)).toBe('\t');
  });
});
