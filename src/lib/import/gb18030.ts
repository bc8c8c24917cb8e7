// GB18030 (and so GBK, GB2312) to UTF-8, byte to byte, for the engine path of a CSV import.
// Chromium's TextDecoder('gb18030') decodes about 10 MB/s, and the string it makes must then be
// encoded again: 70 s for a 310 MB export (measured in the import worker). This transcoder reads
// the mapping FROM the platform's own decoder once (every two-byte pair, every four-byte BMP
// sequence), so it maps exactly as TextDecoder does, and then writes UTF-8 bytes straight into
// a reused buffer at typed-array speed. Malformed input follows the Encoding Standard's gb18030
// decoder step by step (replacement character, bytes given back to the stream), as TextDecoder
// does in non-fatal mode; `selfCheck` compares the two on such input before the transcoder is used.

/** Two-byte pointers: lead 0x81–0xFE × trail 0x40–0x7E, 0x80–0xFE. */
const TWO_BYTE_POINTERS = 126 * 190;
/** Four-byte pointers below this map into the BMP through a table; 189000–1237575 are U+10000 onwards. */
const FOUR_BYTE_BMP_POINTERS = 39420;
const REPLACEMENT = 0xfffd;

export interface Gb18030Tables {
  /** Pointer → code point, -1 where the pointer maps to nothing (an error). */
  twoByte: Int32Array;
  fourByte: Int32Array;
}

function singleCodePoint(text: string): number {
  if (text.length === 0) return -1;
  const cp = text.codePointAt(0)!;
  const units = cp > 0xffff ? 2 : 1;
  return text.length === units && cp !== REPLACEMENT ? cp : -1;
}

/** The bytes of a two-byte pointer: lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE. */
export function twoByteSequence(pointer: number): [number, number] {
  const trail = pointer % 190;
  return [0x81 + Math.floor(pointer / 190), trail + (trail < 0x3f ? 0x40 : 0x41)];
}

/** The bytes of a four-byte pointer: 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39. */
export function fourByteSequence(pointer: number): [number, number, number, number] {
  return [0x81 + Math.floor(pointer / 12600), 0x30 + (Math.floor(pointer / 1260) % 10), 0x81 + (Math.floor(pointer / 10) % 126), 0x30 + (pointer % 10)];
}

/**
 * The mapping as the running platform's TextDecoder has it: every two-byte pair and every BMP
 * four-byte sequence, each behind a line break, in one decode. A line break is ASCII and never
 * part of a sequence, so each decodes on its own as it would alone (an ASCII trail an invalid
 * pair gives back stays in its segment). In Chromium this took 20–100 ms, where 64,000 tiny
 * decodes took 190–330 ms at the start of every GB18030 import.
 */
export function tablesFromDecoder(decoder: TextDecoder = new TextDecoder('gb18030')): Gb18030Tables {
  const bytes = new Uint8Array(TWO_BYTE_POINTERS * 3 + FOUR_BYTE_BMP_POINTERS * 5);
  let at = 0;
  for (let pointer = 0; pointer < TWO_BYTE_POINTERS; pointer++) {
    bytes.set(twoByteSequence(pointer), at);
    bytes[at + 2] = 0x0a;
    at += 3;
  }
  for (let pointer = 0; pointer < FOUR_BYTE_BMP_POINTERS; pointer++) {
    bytes.set(fourByteSequence(pointer), at);
    bytes[at + 4] = 0x0a;
    at += 5;
  }
  const segments = decoder.decode(bytes).split('\n');
  if (segments.length !== TWO_BYTE_POINTERS + FOUR_BYTE_BMP_POINTERS + 1) throw new Error('the GB18030 decoder split a line break');
  const twoByte = new Int32Array(TWO_BYTE_POINTERS);
  for (let pointer = 0; pointer < TWO_BYTE_POINTERS; pointer++) twoByte[pointer] = singleCodePoint(segments[pointer]);
  const fourByte = new Int32Array(FOUR_BYTE_BMP_POINTERS);
  for (let pointer = 0; pointer < FOUR_BYTE_BMP_POINTERS; pointer++) fourByte[pointer] = singleCodePoint(segments[TWO_BYTE_POINTERS + pointer]);
  return { twoByte, fourByte };
}

let shared: Gb18030Tables | null = null;

/** The platform's tables, built on first use. */
export function platformTables(): Gb18030Tables {
  shared ??= tablesFromDecoder();
  return shared;
}

export class Gb18030ToUtf8 {
  private first = 0;
  private second = 0;
  private third = 0;
  private out = new Uint8Array(0);
  private at = 0;
  /** Bytes given back to the stream by an error (at most three), read before the next input byte. */
  private readonly back = new Uint8Array(8);
  private backLength = 0;

  constructor(private readonly tables: Gb18030Tables = platformTables()) {}

  /**
   * The UTF-8 of `input` (a multibyte sequence cut at its end is held until the next call). The
   * returned view is into a buffer reused by the next call: copy it or consume it before then.
   */
  push(input: Uint8Array): Uint8Array {
    // Every input byte (and each of the at most three held back) writes at most 3 bytes.
    this.reserve(3 * (input.length + 4));
    this.at = 0;
    const out = this.out;
    const twoByte = this.tables.twoByte;
    const n = input.length;
    let i = 0;
    for (;;) {
      if (this.backLength > 0) {
        const byte = this.back[0];
        this.back.copyWithin(0, 1, this.backLength);
        this.backLength--;
        this.step(byte);
        continue;
      }
      // ASCII (the bulk of a CSV's bytes: digits, dates, delimiters) and the common two-byte
      // character, in one loop without the state machine: an export's lines switch between the
      // two every few bytes, and a loop for each cost a fifth more.
      if (this.first === 0) {
        let at = this.at;
        while (i < n) {
          const lead = input[i];
          if (lead < 0x80) {
            out[at++] = lead;
            i++;
            continue;
          }
          if (i + 1 === n || lead === 0x80 || lead === 0xff) break;
          const trail = input[i + 1];
          if (trail < 0x40 || trail === 0x7f || trail === 0xff) break;
          const cp = twoByte[(lead - 0x81) * 190 + trail - (trail < 0x7f ? 0x40 : 0x41)];
          if (cp < 0) break;
          if (cp < 0x800) {
            out[at++] = 0xc0 | (cp >> 6);
            out[at++] = 0x80 | (cp & 0x3f);
          } else {
            out[at++] = 0xe0 | (cp >> 12);
            out[at++] = 0x80 | ((cp >> 6) & 0x3f);
            out[at++] = 0x80 | (cp & 0x3f);
          }
          i += 2;
        }
        this.at = at;
      }
      if (i >= n) break;
      this.step(input[i++]);
    }
    return out.subarray(0, this.at);
  }

  /** The end of the input: a sequence left incomplete is one replacement character. */
  end(): Uint8Array {
    this.reserve(16);
    this.at = 0;
    if (this.first !== 0 || this.second !== 0 || this.third !== 0) {
      this.first = this.second = this.third = 0;
      this.emit(REPLACEMENT);
    }
    return this.out.subarray(0, this.at);
  }

  private reserve(bytes: number): void {
    if (this.out.length < bytes) this.out = new Uint8Array(Math.max(bytes, this.out.length * 2));
  }

  /** One byte through the Encoding Standard's gb18030 decoder. */
  private step(byte: number): void {
    if (this.third !== 0) {
      if (byte < 0x30 || byte > 0x39) {
        this.giveBack(this.second, this.third, byte);
        this.first = this.second = this.third = 0;
        this.emit(REPLACEMENT);
        return;
      }
      const pointer = ((this.first - 0x81) * 10 * 126 + (this.second - 0x30) * 126 + (this.third - 0x81)) * 10 + byte - 0x30;
      this.first = this.second = this.third = 0;
      this.emit(this.fourBytePoint(pointer));
      return;
    }
    if (this.second !== 0) {
      if (byte >= 0x81 && byte <= 0xfe) {
        this.third = byte;
        return;
      }
      this.giveBack(this.second, byte);
      this.first = this.second = 0;
      this.emit(REPLACEMENT);
      return;
    }
    if (this.first !== 0) {
      if (byte >= 0x30 && byte <= 0x39) {
        this.second = byte;
        return;
      }
      const lead = this.first;
      this.first = 0;
      let cp = -1;
      if ((byte >= 0x40 && byte <= 0x7e) || (byte >= 0x80 && byte <= 0xfe)) {
        cp = this.tables.twoByte[(lead - 0x81) * 190 + byte - (byte < 0x7f ? 0x40 : 0x41)];
      }
      if (cp >= 0) {
        this.emit(cp);
        return;
      }
      if (byte < 0x80) this.giveBack(byte);
      this.emit(REPLACEMENT);
      return;
    }
    if (byte < 0x80) this.out[this.at++] = byte;
    else if (byte === 0x80) this.emit(0x20ac);
    else if (byte === 0xff) this.emit(REPLACEMENT);
    else this.first = byte;
  }

  private fourBytePoint(pointer: number): number {
    if (pointer < FOUR_BYTE_BMP_POINTERS) {
      const cp = this.tables.fourByte[pointer];
      return cp >= 0 ? cp : REPLACEMENT;
    }
    if (pointer >= 189000 && pointer <= 1237575) return 0x10000 + pointer - 189000;
    return REPLACEMENT;
  }

  private giveBack(...bytes: number[]): void {
    // Given-back bytes go before any still waiting (they came earlier in the stream).
    const waiting = this.back.slice(0, this.backLength);
    this.backLength = 0;
    for (const b of bytes) this.back[this.backLength++] = b;
    for (const b of waiting) this.back[this.backLength++] = b;
  }

  private emit(cp: number): void {
    const out = this.out;
    let at = this.at;
    if (cp < 0x80) out[at++] = cp;
    else if (cp < 0x800) {
      out[at++] = 0xc0 | (cp >> 6);
      out[at++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[at++] = 0xe0 | (cp >> 12);
      out[at++] = 0x80 | ((cp >> 6) & 0x3f);
      out[at++] = 0x80 | (cp & 0x3f);
    } else {
      out[at++] = 0xf0 | (cp >> 18);
      out[at++] = 0x80 | ((cp >> 12) & 0x3f);
      out[at++] = 0x80 | ((cp >> 6) & 0x3f);
      out[at++] = 0x80 | (cp & 0x3f);
    }
    this.at = at;
  }
}

/**
 * Malformed and edge-case input, transcoded both ways: the platform's TextDecoder (then UTF-8)
 * and Gb18030ToUtf8, in uneven pieces. False means the two disagree and the caller should use
 * TextDecoder, slow as it is.
 */
export function agreesWithDecoder(tables: Gb18030Tables = platformTables()): boolean {
  const bytes = checkBytes();
  const expected = new TextEncoder().encode(new TextDecoder('gb18030').decode(bytes));
  for (const piece of [1, 2, 3, 7, 4096]) {
    const t = new Gb18030ToUtf8(tables);
    const parts: number[] = [];
    for (let i = 0; i < bytes.length; i += piece) parts.push(...t.push(bytes.subarray(i, i + piece)));
    parts.push(...t.end());
    if (parts.length !== expected.length || parts.some((b, k) => b !== expected[k])) return false;
  }
  return true;
}

/** Every single byte, every byte after each kind of lead, four-byte sequences at the range edges, random bytes. */
function checkBytes(): Uint8Array {
  const out: number[] = [];
  for (let b = 0; b < 256; b++) out.push(b, 0x41);
  for (const lead of [0x81, 0xa1, 0xfe]) for (let b = 0; b < 256; b++) out.push(lead, b, 0x41);
  for (const second of [0x2f, 0x30, 0x39, 0x3a]) for (const third of [0x30, 0x80, 0x81, 0xfe, 0xff, 0x41]) for (const fourth of [0x2f, 0x30, 0x39, 0x3a, 0x81]) out.push(0x84, second, third, fourth, 0x42);
  // Pointer 7457 (U+E7C7), the last BMP pointer, the first and last supplementary ones, and past them.
  out.push(0x81, 0x35, 0xf4, 0x37, 0x84, 0x31, 0xa4, 0x39, 0x84, 0x31, 0xa5, 0x30, 0x90, 0x30, 0x81, 0x30, 0xe3, 0x32, 0x9a, 0x35, 0xe3, 0x32, 0x9a, 0x36, 0xfe, 0x39, 0xfe, 0x39);
  let seed = 12345;
  for (let k = 0; k < 20000; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const r = seed >> 8;
    out.push(r % 3 === 0 ? r & 0x7f : 0x80 + (r % 128));
  }
  // Left incomplete at the end.
  out.push(0x84, 0x31, 0xa4);
  return new Uint8Array(out);
}
