// The worker's pass over a CSV for the engine path: GB18030 transcoded as it streams, the header
// decided from the UTF-8 head, every record scanned, whatever the chunking.
import { describe, expect, it } from 'vitest';
import { BlobWriter, PiecesWriter, dataRecordsOf, prepareCsvBytes } from '$lib/import/csv-prepare';
import { readPlanOf } from '$lib/import/engine-csv';
import { platformTables } from '$lib/import/gb18030';
import type { EncodingGuess } from '$lib/import/decode';
import type { ChunkMemory } from '$lib/platform/blob-chunks';

/** GB18030 bytes of a text made of ASCII and two-byte characters, by inverting the decoder's table. */
function gbkBytes(text: string): Uint8Array<ArrayBuffer> {
  const { twoByte } = platformTables();
  const inverse = new Map<number, number>();
  twoByte.forEach((cp, pointer) => {
    if (cp >= 0 && !inverse.has(cp)) inverse.set(cp, pointer);
  });
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const pointer = inverse.get(cp);
    if (pointer === undefined) throw new Error(`no two-byte GB18030 for ${ch}`);
    const t = pointer % 190;
    out.push(0x81 + Math.floor(pointer / 190), t < 0x3f ? 0x40 + t : 0x41 + t);
  }
  return Uint8Array.from(out);
}

/**
 * The bytes in chunks of `size`, as the worker's reader gives them: asked for 'reused' memory,
 * every chunk is the same buffer, scribbled over once the next is asked for, so that keeping one
 * shows up as wrong bytes.
 */
function pieces(bytes: Uint8Array, size: number): (memory: ChunkMemory) => AsyncGenerator<Uint8Array> {
  return async function* (memory) {
    const reused = new Uint8Array(size);
    for (let i = 0; i < bytes.length; i += size) {
      const chunk = bytes.subarray(i, i + size);
      if (memory === 'kept') {
        yield chunk.slice();
        continue;
      }
      reused.set(chunk);
      yield reused.subarray(0, chunk.length);
      reused.fill(0xff);
    }
  };
}

async function bytesOf(utf8: Blob | Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await new Blob(utf8 instanceof Blob ? [utf8] : (utf8 as Uint8Array<ArrayBuffer>[])).arrayBuffer());
}

const GBK: EncodingGuess = { encoding: 'gb18030', reason: 'fallback', bom: false };
const UTF8: EncodingGuess = { encoding: 'utf-8', reason: 'valid-utf8', bom: false };

// A title row, the header, 30 tickets and a blank line after the fifth: 33 records.
const rows = Array.from({ length: 30 }, (_, i) => `HM2024${String(i).padStart(6, '0')},2024-01-01 08:00:00,海门街道,"市民反映""噪音""扰民"`);
const text = ['海门区12345工单导出', '工单编号,受理时间,所属区镇,诉求内容', ...rows.slice(0, 5), '', ...rows.slice(5)].join('\r\n') + '\r\n';

describe('prepareCsvBytes', () => {
  it('transcodes GB18030 to the same UTF-8 in any chunking, and scans and plans it', async () => {
    const gbk = gbkBytes(text);
    const expected = new TextEncoder().encode(text);
    for (const size of [1, 7, 64, 4096]) {
      const prepared = await prepareCsvBytes({ name: 'g.csv', file: new Blob([gbk]), chunks: pieces(gbk, size), encoding: GBK, tabSeparated: false, choice: { table: 'tickets' } });
      expect(prepared).not.toBeNull();
      expect(await bytesOf(prepared!.utf8), `pieces of ${size}`).toEqual(expected);
      expect(prepared!.scan).toMatchObject({ records: 33, blankRows: [8], lineBreaks: 33, crlfBreaks: 33, loneCr: 0, strayQuote: false });
      expect(prepared!.head.decision.header.row).toBe(2);
      // Title, header and the first ticket: all the page needs for the first-row check.
      expect(prepared!.head.records.map((r) => r.row)).toEqual([1, 2, 3]);
      expect(prepared!.head.records[2].cells[0]).toBe('HM2024000000');
      expect(prepared!.head.delimiter).toBe(',');
    }
  });

  it('hands a UTF-8 file to the engine as it is', async () => {
    const bytes = new TextEncoder().encode(text);
    const file = new Blob([bytes]);
    const prepared = await prepareCsvBytes({ name: 'u.csv', file, chunks: pieces(bytes, 100), encoding: UTF8, tabSeparated: false, choice: { table: 'tickets' } });
    expect(prepared!.utf8).toBe(file);
    expect(prepared!.parts).toBe(false);
    expect(prepared!.scan.records).toBe(33);
  });

  it("keeps the file's chunks only when they are a UTF-8 file's parts, and reads into one reused buffer otherwise", async () => {
    const utf8 = new TextEncoder().encode(text);
    const gbk = gbkBytes(text);
    for (const [bytes, encoding] of [
      [utf8, UTF8],
      [gbk, GBK],
    ] as const) {
      const asked: ChunkMemory[] = [];
      const read = pieces(bytes, 64);
      const parts: Uint8Array[] = [];
      await prepareCsvBytes({
        name: 'p.csv',
        file: new Blob([bytes]),
        chunks: (memory) => (asked.push(memory), read(memory)),
        encoding,
        tabSeparated: false,
        choice: { table: 'tickets' },
        partBytes: 256,
        // Handed on as the worker transfers them: read only once the whole file has gone by.
        onPart: (part) => parts.push(...part),
      });
      expect(asked).toEqual([encoding === UTF8 ? 'kept' : 'reused']);
      expect(parts.length, encoding.encoding).toBeGreaterThan(3);
      expect(await bytesOf(parts), encoding.encoding).toEqual(utf8);
    }
  });

  it('asks whether the table its header names may take the file, and ends with the refusal before handing anything on', async () => {
    const bytes = new TextEncoder().encode(text);
    const asked: string[] = [];
    const handed: string[] = [];
    const refusal = { code: 'too-large' as const, zh: '文件过大', en: 'too large', file: 'u.csv' };
    const preparing = prepareCsvBytes({
      name: 'u.csv',
      file: new Blob([bytes]),
      chunks: pieces(bytes, 100),
      encoding: UTF8,
      tabSeparated: false,
      choice: {},
      admit: (table) => (asked.push(table), refusal),
      onHead: () => handed.push('head'),
      onPart: () => handed.push('part'),
    });
    await expect(preparing).rejects.toMatchObject({ name: 'ImportError', code: 'too-large', zh: '文件过大', file: 'u.csv' });
    expect(asked).toEqual(['tickets']);
    expect(handed).toEqual([]);
    // Admitted, the same file goes on as before.
    const admitted = await prepareCsvBytes({ name: 'u.csv', file: new Blob([bytes]), chunks: pieces(bytes, 100), encoding: UTF8, tabSeparated: false, choice: {}, admit: () => null });
    expect(admitted!.scan.records).toBe(33);
  });

  it('tells progress in bytes read, up to the whole file', async () => {
    const gbk = gbkBytes(text);
    const seen: number[] = [];
    await prepareCsvBytes({ name: 'g.csv', file: new Blob([gbk]), chunks: pieces(gbk, 500), encoding: GBK, tabSeparated: false, choice: { table: 'tickets' }, onProgress: (b) => seen.push(b) });
    expect(seen.at(-1)).toBe(gbk.length);
    expect(seen.every((b, i) => i === 0 || b > seen[i - 1])).toBe(true);
  });

  it('tells rows read as rows below the header, not counting the title and header lines', async () => {
    // 3,000 rows (about 200 KB): the header is decided from the first 64 KiB, long before the end.
    const many = Array.from({ length: 3000 }, (_, i) => `HM${String(i).padStart(8, '0')},2024-01-01 08:00:00,海门街道,"市民反映""噪音""扰民"`);
    const bytes = new TextEncoder().encode(['海门区12345工单导出', '工单编号,受理时间,所属区镇,诉求内容', ...many].join('\r\n') + '\r\n');
    const records: number[] = [];
    const prepared = await prepareCsvBytes({ name: 'u.csv', file: new Blob([bytes]), chunks: pieces(bytes, 4096), encoding: UTF8, tabSeparated: false, choice: { table: 'tickets' }, onProgress: (_, r) => records.push(r) });
    expect(prepared!.scan.records).toBe(3002);
    expect(records.at(-1)).toBe(3000);
    expect(records[0]).toBe(0);
    expect(records.every((r, i) => i === 0 || r >= records[i - 1])).toBe(true);
    expect(dataRecordsOf(3002, prepared!.head)).toBe(3000);
    expect(dataRecordsOf(3002, null)).toBe(0);
  });

  it('gathers bytes into parts of a fixed size without losing or reordering any', async () => {
    const blob = new BlobWriter(5);
    const pieces = new PiecesWriter(5);
    for (const piece of ['abc', 'defghijk', '', 'l', 'mnopqrstuvwxyz']) {
      blob.write(new TextEncoder().encode(piece));
      pieces.write(new TextEncoder().encode(piece));
    }
    expect(await blob.blob().text()).toBe('abcdefghijklmnopqrstuvwxyz');
    const parts = pieces.result();
    expect(parts.map((p) => p.length)).toEqual([5, 5, 5, 5, 5, 1]);
    expect(new TextDecoder().decode(await bytesOf(parts))).toBe('abcdefghijklmnopqrstuvwxyz');
  });
});

describe('headForPage', () => {
  it('keeps the records through the first data row after blank lines, whatever follows', async () => {
    const bytes = new TextEncoder().encode(['工单编号,受理时间,所属区镇', '', '', 'HM1,2024-01-01 08:00:00,海门街道', 'HM2,2024-01-01 09:00:00,三厂', ...rows].join('\n'));
    const prepared = await prepareCsvBytes({ name: 'u.csv', file: new Blob([bytes]), chunks: pieces(bytes, 50), encoding: UTF8, tabSeparated: false, choice: { table: 'tickets' } });
    expect(prepared!.scan.blankRows).toEqual([2, 3]);
    expect(prepared!.head.records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
  });
});

describe('the header decided from the first 64 KiB', () => {
  // About 75 bytes a ticket: 2,000 of them make 150 KB, more than two 64 KiB heads.
  const tickets = Array.from({ length: 2000 }, (_, i) => `HM2024${String(i).padStart(6, '0')},2024-01-01 08:00:00,海门街道,"市民反映""噪音""扰民"`);

  /** Chunks of 16 KiB, counting how many were handed out when the header was decided. */
  async function decide(text: string) {
    const bytes = new TextEncoder().encode(text);
    let handedOut = 0;
    let atHead = -1;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 16384) {
        handedOut++;
        yield bytes.slice(i, i + 16384);
      }
    }
    const prepared = await prepareCsvBytes({
      name: 'u.csv',
      file: new Blob([bytes]),
      chunks: () => counted(),
      encoding: UTF8,
      tabSeparated: false,
      choice: { table: 'tickets' },
      onHead: () => (atHead = handedOut),
    });
    return { prepared: prepared!, atHead };
  }

  it('is decided once a little more than 64 KiB is in, as the whole MiB would decide it', async () => {
    const { prepared, atHead } = await decide(['海门区12345工单导出', '', '工单编号,受理时间,所属区镇,诉求内容', ...tickets].join('\n'));
    // 65,536 bytes are four chunks of 16 KiB: the fifth takes the head past them.
    expect(atHead).toBe(5);
    expect(prepared.head.headerIndex).toBe(2);
    expect(prepared.head.decision.header.row).toBe(3);
    expect(prepared.head.decision.header.skipped.map((s) => s.reason)).toEqual(['title', 'blank']);
    expect(prepared.scan.records).toBe(2003);
    expect(readPlanOf(prepared.head, prepared.scan, 'f.csv')!.firstDataRow).toEqual(['HM2024000000', '2024-01-01 08:00:00', '海门街道', '市民反映"噪音"扰民']);
  });

  it('waits for more when the first 64 KiB hold no data row after the header', async () => {
    // 70,000 empty lines after the header: the first data row is Excel row 70,002.
    const { prepared, atHead } = await decide(['工单编号,受理时间,所属区镇,诉求内容', '\n'.repeat(69_999), ...tickets].join('\n'));
    expect(atHead).toBeGreaterThan(5);
    expect(prepared.head.headerIndex).toBe(0);
    expect(prepared.scan.blankRows.length).toBe(70_000);
    expect(readPlanOf(prepared.head, prepared.scan, 'f.csv')!.firstDataRow?.[0]).toBe('HM2024000000');
  });
});
