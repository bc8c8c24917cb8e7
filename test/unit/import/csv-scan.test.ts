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

