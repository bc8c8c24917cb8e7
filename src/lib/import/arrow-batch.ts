// Typed column arrays → Arrow IPC, built buffer by buffer. Same types and meaning as
// $lib/arrow's columnsToIPC (TIMESTAMP as microseconds of naive time, VARCHAR as UTF-8), but
// about ten times faster on text: strings are UTF-8-encoded straight into one buffer with
// TextEncoder.encodeInto instead of going through Arrow's per-value builders, which dominated the
// time of a million-row import.
import { Bool, Float64, Int32, Table, TimeUnit, Timestamp, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { ColumnType } from '$lib/schema';
import { validityOf } from '$lib/arrow';

const encoder = new TextEncoder();
const TWO_32 = 4294967296;

/**
 * UTF-8 of a short string written at `at`; returns the end. For the short values that make up
 * most cells this loop beats a TextEncoder call, whose fixed cost is paid per string.
 */
function encodeShort(s: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) out[at++] = c;
    else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[at++] = 0xf0 | (c >> 18);
      out[at++] = 0x80 | ((c >> 12) & 63);
      out[at++] = 0x80 | ((c >> 6) & 63);
      out[at++] = 0x80 | (c & 63);
    } else {
      // A lone surrogate becomes U+FFFD, as TextEncoder would make it.
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 63);
      out[at++] = 0x80 | (c & 63);
    }
  }
  return at;
}

function utf8Vector(values: readonly (string | null)[]): Vector {
  const n = values.length;
  let units = 0;
  for (let i = 0; i < n; i++) units += values[i]?.length ?? 0;
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
  const data = new Uint8Array(units * 3);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s) at = s.length > 64 ? at + encoder.encodeInto(s, data.subarray(at)).written : encodeShort(s, data, at);
    offsets[i + 1] = at;
  }
  const { bitmap, nulls } = validityOf(values);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: data.subarray(0, at) }));
}

function timestampVector(values: readonly (number | null)[]): Vector {
  const n = values.length;
  const words = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    // Microseconds stay below 2^53 for any year we accept, so the double arithmetic is exact.
    const micros = v * 1000;
    const high = Math.floor(micros / TWO_32);
    words[2 * i] = micros - high * TWO_32;
    words[2 * i + 1] = high;
  }
  const { bitmap, nulls } = validityOf(values);
  const data = new BigInt64Array(words.buffer);
  return makeVector(makeData({ type: new Timestamp(TimeUnit.MICROSECOND), length: n, nullCount: nulls, nullBitmap: bitmap, data }));
}

function boolVector(values: readonly (boolean | null)[]): Vector {
  const n = values.length;
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3] |= 1 << (i & 7);
  const { bitmap, nulls } = validityOf(values);
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data: bits }));
}

function numberVector(values: readonly (number | null)[], type: 'INTEGER' | 'DOUBLE'): Vector {
  const n = values.length;
  const data = type === 'INTEGER' ? new Int32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) data[i] = v;
  }
  const { bitmap, nulls } = validityOf(values);
  const arrowType = type === 'INTEGER' ? new Int32() : new Float64();
  return makeVector(makeData({ type: arrowType as Int32, length: n, nullCount: nulls, nullBitmap: bitmap, data: data as Int32Array }));
}

/** Arrow IPC stream bytes of equally long typed columns. */
export function batchToIPC(columns: Readonly<Record<string, readonly unknown[]>>, types: Readonly<Record<string, ColumnType>>): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(columns)) {
    const type = types[name];
    if (type === 'VARCHAR') vectors[name] = utf8Vector(values as (string | null)[]);
    else if (type === 'TIMESTAMP') vectors[name] = timestampVector(values as (number | null)[]);
    else if (type === 'BOOLEAN') vectors[name] = boolVector(values as (boolean | null)[]);
    else if (type === 'INTEGER' || type === 'DOUBLE') vectors[name] = numberVector(values as (number | null)[], type);
    else throw new Error(`column ${name} has no declared type`);
  }
  return tableToIPC(new Table(vectors), 'stream');
}
