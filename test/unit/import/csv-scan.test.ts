// The scanner must count records exactly as csv.ts does, whatever the chunking, and name the
// blank lines and the bytes that make DuckDB's reader disagree with ours.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/import';
import { scanCsvBytes } from '$lib/import/csv-scan';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('scanCsvBytes', () => {
  it('counts records and blank lines by hand', () => {
    const scan = scanCsvBytes(bytes('a,b\n\n1,"x\ny"\r\n\r\n2,3'), ',');
    expect(scan).toMatchObject({ records: 5, blankRows: [2, 4], lineBreaks: 4, crlfBreaks: 2, loneCr: 0, hasNul: false, unterminatedQuote: false });
  });

  it('reports lone CRs outside quotes, not inside', () => {
    expect(scanCsvBytes(bytes('a,b\r1,2\r'), ',').loneCr).toBe(2);
    expect(scanCsvBytes(bytes('a,"b\rc"\n'), ',').loneCr).toBe(0);
  });

  it('sees NUL bytes and a quote left open', () => {
    expect(scanCsvBytes(bytes('a\0,b\n'), ',').hasNul).toBe(true);
    expect(scanCsvBytes(bytes('a,"b\n1,2\n'), ',').unterminatedQuote).toBe(true);
  });

  it('sees text after a closing quote, even across chunks', () => {
    expect(scanCsvBytes(bytes('"a" ,b\n'), ',').strayQuote).toBe(true);
    expect(scanCsvBytes(bytes('"a"b,c\n'), ',', 3).strayQuote).toBe(true);
    expect(scanCsvBytes(bytes('"a","b"\n"c"'), ',', 3).strayQuote).toBe(false);
  });

  it('treats a quote inside an unquoted field as a character, as csv.ts does', () => {
    const text = 'a,b"c\n1,2\n';
    expect(scanCsvBytes(bytes(text), ',').records).toBe(parseCsv(text).records.length);
  });

  it('agrees with csv.ts on random text in random chunks', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', 'bc', ',', '"', '""', '\n', '\r\n', ' ', '中', ';'];
    for (let t = 0; t < 2000; t++) {
      let text = '';
      const len = rand(40);
      for (let i = 0; i < len; i++) text += pieces[rand(pieces.length)];
      const parsed = parseCsv(text);
      const scan = scanCsvBytes(bytes(text), ',', 1 + rand(7));
      if (scan.loneCr > 0) continue;
      const unterminated = parsed.issues.some((i) => i.kind === 'unterminated-quote');
      expect(scan.unterminatedQuote, JSON.stringify(text)).toBe(unterminated);
      expect(scan.records, JSON.stringify(text)).toBe(parsed.records.length);
      expect(scan.strayQuote, JSON.stringify(text)).toBe(parsed.issues.some((i) => i.kind === 'stray-quote'));
      for (const row of scan.blankRows) expect(parsed.records[row - 1].cells, JSON.stringify(text)).toEqual(['']);
    }
  });

  it('agrees with csv.ts on long lines in chunks of every alignment (the four-byte skip)', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    // Long runs without a special byte, so whole words are skipped between them.
    const pieces = ['abcdefghijk', '工单编号受理时间', ',', '"', '""', '\n', '\r\n', '2024-01-01 08:00:00', ' '];
    for (let t = 0; t < 1500; t++) {
      let text = '';
      const len = rand(120);
      for (let i = 0; i < len; i++) text += pieces[rand(pieces.length)];
      const encoded = bytes(text);
      // Views that start at every offset within a word, as File.stream() chunks and subarrays may.
      const offset = rand(4);
      const backing = new Uint8Array(encoded.length + 4);
      backing.set(encoded, offset);
      const view = backing.subarray(offset, offset + encoded.length);
      const parsed = parseCsv(text);
      const scan = scanCsvBytes(view, ',', 1 + rand(64));
      expect(scan.records, JSON.stringify(text)).toBe(parsed.records.length);
      expect(scan.unterminatedQuote, JSON.stringify(text)).toBe(parsed.issues.some((i) => i.kind === 'unterminated-quote'));
      expect(scan.strayQuote, JSON.stringify(text)).toBe(parsed.issues.some((i) => i.kind === 'stray-quote'));
      // A blank line is a record of one empty cell (a quoted "" is one too, but not a blank line).
      for (const row of scan.blankRows) expect(parsed.records[row - 1].cells, JSON.stringify(text)).toEqual(['']);
      const lines = text.split('\n');
      const emptyLines = lines.filter((l, i) => (l === '' || l === '\r') && i < lines.length - 1).length;
      if (!text.includes('"')) expect(scan.blankRows.length, JSON.stringify(text)).toBe(emptyLines);
    }
  });

  it('measures the longest record in bytes, line break excluded, across chunks', () => {
    // "中" is three bytes: the second record is 1 + 3 + 1 + 1 + 6 + 1 = 13 bytes, its CR counted.
    const text = 'a,b\n"中",123456\r\nxy\n';
    for (const size of [1, 2, 5, 64]) expect(scanCsvBytes(bytes(text), ',', size).longestRecordBytes).toBe(13);
  });
});

describe('scanCsvBytes: cells that may start or end with whitespace', () => {
  const edge = (text: string, chunk = 1 << 20, delimiter = ',') => scanCsvBytes(bytes(text), delimiter, chunk).lastEdgeSpaceRow;

  it('names the last row with such a cell, by hand, in chunks of every size', () => {
    const cases: [string, number][] = [
      ['a,b\n1,2\n', 0],
      ['a,b\n1, 2\n3,4\n', 2],
      ['a,b\n1,2\n3,4 \n', 3],
      ['a,b\r\n1,2\r\n', 0],
      ['a,b\r\n1,2\t\r\n', 2],
      ['a,b\n1,"2\n"\n', 2], // a line break inside the quotes is the cell's last character
      ['a,b\n"\r\n1",2\n', 2],
      ['a,b\n1,\u30002\n', 2], // U+3000, the ideographic space
      ['a,b\n1\u3000,2\n', 2],
      ['a,b\n1,2\u00a0', 2], // no line break at the end
      ['a,b\n\u2009x,2\n', 2],
      ['a,b\n"\ufeffx",2\n', 2],
      ['a,b\n,\n,,\n\n3,4\n', 0], // empty cells and blank lines are not whitespace
      [' a,b\n1,2\n', 1],
      ['a,b\n"x ",1\n', 2],
      ['a,b\n"中文",中文\n"“引号”",（全角）\n', 0], // wide punctuation shares lead bytes with the spaces
      ['a,b\n1,2\n\u3000\n', 3],
    ];
    for (const [text, row] of cases) {
      for (let size = 1; size <= 9; size++) expect(edge(text, size), `${JSON.stringify(text)} in chunks of ${size}`).toBe(row);
    }
  });

  it('takes a tab delimiter for a boundary, not for whitespace', () => {
    expect(edge('a\tb\n1\t\t2\n', 1 << 20, '\t')).toBe(0);
    expect(edge('a\tb\n1\t 2\n', 3, '\t')).toBe(2);
  });

  it('never misses one in random well-formed CSV, and finds none where there is none', () => {
    let seed = 23;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['a', '12', '中文', '，', '“', '　', ' ', '\u00a0', '\u2028', '\ufeff', '\t', ',', '\n', '\r\n', '"', 'x'];
    for (let t = 0; t < 3000; t++) {
      const records: string[][] = [];
      for (let r = 1 + rand(5); r > 0; r--) {
        const cells: string[] = [];
        for (let c = 1 + rand(4); c > 0; c--) {
          let cell = '';
          for (let k = rand(4); k > 0; k--) cell += pieces[rand(pieces.length)];
          cells.push(cell);
        }
        records.push(cells);
      }
      const quoted = (cell: string) => /[",\n\r]/.test(cell) || rand(4) === 0;
      const eol = rand(2) ? '\n' : '\r\n';
      const text = records.map((cells) => cells.map((c) => (quoted(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join(eol) + (rand(2) ? eol : '');
      // Excel rows: a record's row is one past the line breaks outside quotes before it.
      let row = 0;
      let expected = 0;
      let line = 1;
      for (const cells of records) {
        row = line;
        if (cells.some((c) => c !== c.trim())) expected = row;
        line += 1 + cells.join(',').split('\n').length - 1;
      }
      const encoded = bytes(text);
      const offset = rand(4);
      const backing = new Uint8Array(encoded.length + 4);
      backing.set(encoded, offset);
      const scan = scanCsvBytes(backing.subarray(offset, offset + encoded.length), ',', 1 + rand(12));
      if (scan.blankRows.length > 0) continue; // a record of one empty cell is a blank line, numbered alike
      // Whitespace before a doubled quote inside a cell is taken for "may" (see push): exact otherwise.
      if (/[\s\ufeff]""/.test(text)) expect(scan.lastEdgeSpaceRow, JSON.stringify(text)).toBeGreaterThanOrEqual(expected);
      else expect(scan.lastEdgeSpaceRow, JSON.stringify(text)).toBe(expected);
    }
  });
});
