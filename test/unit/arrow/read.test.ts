import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dictionary, Float16, Int32, Int64, Utf8, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import { numberReader, textReader, utf16Offsets } from '$lib/arrow/read';
import { NodeEngine } from '$lib/engine/node-engine';
import { rowsOf } from '$lib/engine/rows';
import { trusted } from '$lib/sql';

const all = <T,>(read: (i: number) => T | null, n: number) => Array.from({ length: n }, (_, i) => read(i));

/** A UTF-8 column made by hand: its bytes, offsets and validity exactly as given. */
function utf8Column(bytes: number[], offsets: number[], valid?: boolean[]) {
  const n = offsets.length - 1;
  const bitmap = valid ? Uint8Array.from({ length: (n + 7) >> 3 }, (_, b) => valid.slice(b * 8, b * 8 + 8).reduce((m, v, k) => m | (v ? 1 << k : 0), 0)) : undefined;
  const nulls = valid ? valid.filter((v) => !v).length : 0;
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: Int32Array.from(offsets), data: Uint8Array.from(bytes) }));
}

describe('utf16Offsets', () => {
  it('counts one unit per code point start and two for a four-byte one', () => {
    // "a" (1 byte), "镇" (E9 95 87), "😀" (F0 9F 98 80: a surrogate pair), "" (empty).
    const bytes = Uint8Array.from([0x61, 0xe9, 0x95, 0x87, 0xf0, 0x9f, 0x98, 0x80]);
    expect([...utf16Offsets(bytes, Int32Array.from([0, 1, 4, 8, 8]), 4)]).toEqual([0, 1, 2, 4, 4]);
  });
});

describe('textReader', () => {
  it('reads each value as a slice of the text decoded once, nulls as null', () => {
    const texts = ['镇一', null, '', 'a😀b', '沙溪镇 12 号'];
    const read = textReader(vectorFromArray(texts, new Utf8()));
    expect(all(read, texts.length)).toEqual(texts);
  });

  it('reads a slice of a batch: offsets sliced, bytes and validity kept whole', () => {
    const texts = ['x', null, '第二', '😀', 'yz', null, '末'];
    const sliced = vectorFromArray(texts, new Utf8()).slice(2, 6);
    expect(all(textReader(sliced), 4)).toEqual(['第二', '😀', 'yz', null]);
  });

  it('falls back to value-by-value decoding when the bytes are not valid UTF-8', () => {
    // "ab", then a lone continuation byte (decodes to U+FFFD), then "镇".
    const column = utf8Column([0x61, 0x62, 0x80, 0xe9, 0x95, 0x87], [0, 2, 3, 6]);
    expect(all(textReader(column), 3)).toEqual(['ab', '\ufffd', '镇']);
  });

  it('reads the validity bitmap by bit', () => {
    const column = utf8Column([0x61, 0x62, 0x63], [0, 1, 1, 2, 3], [true, false, true, true]);
    expect(all(textReader(column), 4)).toEqual(['a', null, 'b', 'c']);
  });

  it('reads a dictionary of text through its dictionary', () => {
    const words = vectorFromArray(['未知镇街', '办结早于受理'], new Utf8());
    const type = new Dictionary(new Utf8(), new Int32());
    const column = makeVector(makeData({ type, length: 4, nullCount: 1, nullBitmap: Uint8Array.of(0b1011), data: Int32Array.of(1, 0, 0, 1), dictionary: words }));
    expect(all(textReader(column), 4)).toEqual(['办结早于受理', '未知镇街', null, '办结早于受理']);
  });

  it('refuses a column that is not text', () => {
    expect(() => textReader(vectorFromArray([1, 2], new Int32()))).toThrow(/not a text column/);
  });
});

describe('numberReader', () => {
  it('reads integers of 32 and 64 bits and floats, nulls as null, sliced', () => {
    expect(all(numberReader(vectorFromArray([3, null, -7], new Int32())), 3)).toEqual([3, null, -7]);
    expect(all(numberReader(vectorFromArray([2n ** 40n, null], new Int64())), 2)).toEqual([2 ** 40, null]);
    expect(all(numberReader(vectorFromArray([1.5, null, 2.25])), 3)).toEqual([1.5, null, 2.25]);
    expect(all(numberReader(vectorFromArray([1, 2, null, 4, 5], new Int32()).slice(1, 4)), 3)).toEqual([2, null, 4]);
  });

  it('refuses a column that is not numeric', () => {
    expect(() => numberReader(vectorFromArray(['1'], new Utf8()))).toThrow(/not a numeric column/);
    expect(() => numberReader(vectorFromArray([1.5], new Float16()))).toThrow(/not a numeric column/);
  });
});

describe('the readers on DuckDB-WASM results', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.start();
  });
  afterAll(() => engine.close());

  it('agree with apache-arrow row by row over several record batches', async () => {
    // 5,000 rows: more than one of DuckDB's 2,048-row batches; text with CJK, emoji and nulls.
    const table = await engine.query(
      trusted(`SELECT i::INTEGER AS n, (i * 1000000000)::BIGINT AS big,
        CASE WHEN i % 7 = 0 THEN NULL WHEN i % 3 = 0 THEN '镇' || i WHEN i % 5 = 0 THEN '😀' || i ELSE 'row ' || i END AS t
        FROM range(5000) r(i)`),
    );
    expect(table.batches.length).toBeGreaterThan(1);
    const expected = rowsOf(table);
    const read: unknown[] = [];
    for (const batch of table.batches) {
      const [n, big] = (['n', 'big'] as const).map((name) => numberReader(batch.getChild(name)!));
      const t = textReader(batch.getChild('t')!);
      for (let i = 0; i < batch.numRows; i++) read.push({ n: n(i), big: big(i), t: t(i) });
    }
    expect(read).toEqual(expected);
    expect(expected[14]).toEqual({ n: 14, big: 14_000_000_000, t: null });
    expect(expected[10]).toEqual({ n: 10, big: 10_000_000_000, t: '😀10' });
  });
});
