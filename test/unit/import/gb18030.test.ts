// The GB18030 → UTF-8 transcoder: hand-worked bytes (code points from the GB18030 tables, UTF-8
// by hand), the Encoding Standard's error steps, any chunking, and agreement with the
// platform's TextDecoder (Node's is ICU's, an implementation of its own).
import { describe, expect, it } from 'vitest';
import { Gb18030ToUtf8, agreesWithDecoder, fourByteSequence, platformTables, tablesFromDecoder, twoByteSequence } from '$lib/import/gb18030';

function transcode(bytes: number[] | Uint8Array, piece = Infinity): number[] {
  const t = new Gb18030ToUtf8();
  const input = Uint8Array.from(bytes);
  const out: number[] = [];
  const step = Number.isFinite(piece) ? piece : Math.max(1, input.length);
  for (let i = 0; i < input.length; i += step) out.push(...t.push(input.subarray(i, i + step)));
  out.push(...t.end());
  return out;
}

const FFFD = [0xef, 0xbf, 0xbd];

describe('Gb18030ToUtf8', () => {
  it('transcodes two-byte characters and ASCII by hand', () => {
    // 中 D6D0 = U+4E2D, 文 CEC4 = U+6587; 丂 8140 = U+4E02 (GBK's first pair).
    expect(transcode([0x41, 0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x81, 0x40, 0x0a])).toEqual([0x41, 0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87, 0x2c, 0xe4, 0xb8, 0x82, 0x0a]);
  });

  it('maps 0x80 to the euro sign and four-byte sequences by their pointer', () => {
    expect(transcode([0x80])).toEqual([0xe2, 0x82, 0xac]);
    // Pointer 0 is U+0080; 90 30 81 30 is pointer 189000, U+10000; E3 32 9A 35 is U+10FFFF.
    expect(transcode([0x81, 0x30, 0x81, 0x30])).toEqual([0xc2, 0x80]);
    expect(transcode([0x90, 0x30, 0x81, 0x30])).toEqual([0xf0, 0x90, 0x80, 0x80]);
    expect(transcode([0xe3, 0x32, 0x9a, 0x35])).toEqual([0xf4, 0x8f, 0xbf, 0xbf]);
    // One past U+10FFFF maps to nothing.
    expect(transcode([0xe3, 0x32, 0x9a, 0x36])).toEqual(FFFD);
  });

  it('follows the Encoding Standard on malformed bytes', () => {
    expect(transcode([0xff, 0x41])).toEqual([...FFFD, 0x41]);
    // A lead and an ASCII byte that is no trail: the ASCII byte is given back.
    expect(transcode([0x81, 0x7f])).toEqual([...FFFD, 0x7f]);
    // Lead, digit, then no second lead: the digit and the byte are given back.
    expect(transcode([0x81, 0x30, 0x41])).toEqual([...FFFD, 0x30, 0x41]);
    // Lead, digit, lead, then no digit: digit, lead and byte given back; 81 41 is then 丄 (U+4E04).
    expect(transcode([0x81, 0x30, 0x81, 0x41])).toEqual([...FFFD, 0x30, 0xe4, 0xb8, 0x84]);
    // Cut at the end: one replacement character.
    expect(transcode([0x41, 0xd6])).toEqual([0x41, ...FFFD]);
    expect(transcode([0x84, 0x31, 0xa4])).toEqual(FFFD);
  });

  it('gives the same bytes however the input is cut', () => {
    const input = [0x41, 0xd6, 0xd0, 0x81, 0x30, 0x81, 0x30, 0x80, 0xff, 0x81, 0x30, 0x81, 0x41, 0xce, 0xc4, 0x0d, 0x0a, 0x90, 0x30, 0x81, 0x30, 0xd6];
    const whole = transcode(input);
    for (let piece = 1; piece <= input.length; piece++) expect(transcode(input, piece), `pieces of ${piece}`).toEqual(whole);
  });

  it('agrees with TextDecoder then TextEncoder on valid text', () => {
    const tables = platformTables();
    let seed = 5;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const bytes: number[] = [];
    for (let k = 0; k < 50_000; k++) {
      const kind = rand(4);
      if (kind === 0) bytes.push(0x20 + rand(0x5f));
      else {
        // A valid two-byte pair.
        let pointer: number;
        do pointer = rand(126 * 190);
        while (tables.twoByte[pointer] < 0);
        const lead = 0x81 + Math.floor(pointer / 190);
        const t = pointer % 190;
        bytes.push(lead, t < 0x3f ? 0x40 + t : 0x41 + t);
      }
    }
    const input = Uint8Array.from(bytes);
    const expected = [...new TextEncoder().encode(new TextDecoder('gb18030').decode(input))];
    expect(transcode(input, 4099)).toEqual(expected);
  });

  it('builds the same tables as one decode per sequence would', () => {
    const decoder = new TextDecoder('gb18030');
    const alone = (bytes: number[]) => {
      const text = decoder.decode(Uint8Array.from(bytes));
      const cp = text.codePointAt(0) ?? -1;
      return text.length === (cp > 0xffff ? 2 : 1) && cp !== 0xfffd ? cp : -1;
    };
    const { twoByte, fourByte } = tablesFromDecoder();
    expect(twoByte.length).toBe(126 * 190);
    expect(fourByte.length).toBe(39420);
    twoByte.forEach((cp, pointer) => {
      if (cp !== alone(twoByteSequence(pointer))) expect.fail(`two-byte pointer ${pointer}: ${cp} vs ${alone(twoByteSequence(pointer))}`);
    });
    fourByte.forEach((cp, pointer) => {
      if (cp !== alone(fourByteSequence(pointer))) expect.fail(`four-byte pointer ${pointer}: ${cp} vs ${alone(fourByteSequence(pointer))}`);
    });
    // Hand-checked entries: B0 A1 is 啊 (U+554A), A1 40 the private-use U+E4C6, 81 30 81 30 is U+0080.
    expect(twoByte[(0xb0 - 0x81) * 190 + (0xa1 - 0x41)]).toBe(0x554a);
    expect(twoByte[(0xa1 - 0x81) * 190]).toBe(0xe4c6);
    expect(fourByte[0]).toBe(0x80);
  });

  it('agrees with the platform decoder on its own check of edge cases', () => {
    expect(agreesWithDecoder()).toBe(true);
  });

  it('disagrees when one mapping of its check differs, or one is missing', () => {
    const { twoByte, fourByte } = platformTables();
    // A1 41 is pointer (0xA1 - 0x81) * 190 + (0x41 - 0x40) = 6,081; the check has every byte after A1.
    const wrong = twoByte.slice();
    wrong[6081] = 0x41;
    expect(agreesWithDecoder({ twoByte: wrong, fourByte })).toBe(false);
    const missing = twoByte.slice();
    missing[6081] = -1;
    expect(agreesWithDecoder({ twoByte: missing, fourByte })).toBe(false);
  });
});

describe('readyGb18030 and toUtf8Stream', () => {
  it('readies the tables once and then transcodes GBK with them, byte for byte', async () => {
    const { readyGb18030, toUtf8Stream } = await import('$lib/import/decode');
    expect(readyGb18030()).toBe(true);
    // The same tables object afterwards: built once per worker, not per file.
    const tables = platformTables();
    expect(readyGb18030()).toBe(true);
    expect(platformTables()).toBe(tables);
    // 工单,A in GBK, cut inside 单: 工 = B9 A4 → E5 B7 A5, 单 = B5 A5 → E5 8D 95 (UTF-8 by hand).
    const t = toUtf8Stream('gb18030');
    const out = [...t.push(Uint8Array.from([0xb9, 0xa4, 0xb5])), ...t.push(Uint8Array.from([0xa5, 0x2c, 0x41])), ...t.end()];
    expect(out).toEqual([0xe5, 0xb7, 0xa5, 0xe5, 0x8d, 0x95, 0x2c, 0x41]);
  });
});
