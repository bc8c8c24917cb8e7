// Plain column arrays → Arrow IPC, typed by the canonical schema. The sample generator and the
// importer both hand DuckDB their rows this way, so a timestamp or a boolean means the same thing
// whichever path it came by. Buffers are filled directly: apache-arrow's generic builders walk
// every value through several layers and were ≈ 20× slower on the sample's 340,000 tickets.
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  type Vector,
} from 'apache-arrow';
import type { ColumnType } from '$lib/schema';

/**
 * Timestamps are naive local China time carried as milliseconds since 1970-01-01 00:00 of that
 * naive clock (computed with Date.UTC, never with the machine's zone); null for missing.
 */
export type ColumnValues = readonly (string | null)[] | readonly (number | null)[] | readonly (boolean | null)[];

export interface ColumnarTable {
  length: number;
  columns: Record<string, ColumnValues>;
}

const encoder = new TextEncoder();

export interface Validity {
  bitmap: Uint8Array | undefined;
  nulls: number;
}

/** Arrow's validity bitmap: null, undefined and NaN are missing; no bitmap when nothing is. */
export function validityOf(values: readonly unknown[]): Validity {
  const n = values.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return { bitmap: nulls ? bitmap : undefined, nulls };
}

function utf8Data(values: readonly (string | null)[], validity: Validity) {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(64, n * 16));
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s) {
      // UTF-8 needs at most 3 bytes per UTF-16 unit.
      if (pos + s.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, pos + s.length * 3));
        grown.set(bytes.subarray(0, pos));
        bytes = grown;
      }
      pos += encoder.encodeInto(s, bytes.subarray(pos)).written;
    }
    offsets[i + 1] = pos;
  }
  return makeData({ type: new Utf8(), length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, valueOffsets: offsets, data: bytes.subarray(0, pos) });
}

function utf8Vector(values: readonly (string | null)[]): Vector {
  return makeVector(utf8Data(values, validityOf(values)));
}

/**
 * Dictionary-encoded text when values repeat (townships, categories, templated content, hot
 * addresses): a fraction of the bytes, and DuckDB still sees VARCHAR. Null when the column is
 * mostly distinct (ids), where a dictionary only adds work.
 */
function dictionaryVector(values: readonly (string | null)[]): Vector | null {
  const n = values.length;
  const limit = Math.max(16, n >> 2);
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s === null || s === undefined) continue;
    let code = index.get(s);
    if (code === undefined) {
      if (words.length >= limit) return null;
      code = words.length;
      index.set(s, code);
      words.push(s);
    }
    codes[i] = code;
  }
  const type = new Dictionary(new Utf8(), new Int32());
  const dictionary = makeVector(utf8Data(words, { bitmap: undefined, nulls: 0 }));
  const validity = validityOf(values);
  return makeVector(makeData({ type, length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, data: codes, dictionary }));
}

function boolVector(values: readonly (boolean | null)[]): Vector {
  const n = values.length;
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3] |= 1 << (i & 7);
  const validity = validityOf(values);
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, data: bits }));
}

function numericVector(values: readonly (number | null)[], type: 'INTEGER' | 'DOUBLE' | 'TIMESTAMP'): Vector {
  const n = values.length;
  const validity = validityOf(values);
  if (type === 'TIMESTAMP') {
    // Microseconds, so DuckDB sees a plain TIMESTAMP rather than TIMESTAMP_MS. Written as two
    // 32-bit halves: BigInt conversion per value cost half a second on the sample. Exact, since
    // any microsecond count of these dates is far below 2^53.
    const words = new Uint32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || Number.isNaN(v)) continue;
      const micros = Math.round(v) * 1000;
      const high = Math.floor(micros / 4294967296);
      words[2 * i] = micros - high * 4294967296;
      words[2 * i + 1] = high;
    }
    const data = new BigInt64Array(words.buffer);
    return makeVector(makeData({ type: new Timestamp(TimeUnit.MICROSECOND), length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, data }));
  }
  const data = type === 'INTEGER' ? new Int32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && !Number.isNaN(v)) data[i] = v;
  }
  const arrowType = type === 'INTEGER' ? new Int32() : new Float64();
  return makeVector(makeData({ type: arrowType, length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, data } as never));
}

function vectorFor(values: ColumnValues, type: ColumnType): Vector {
  switch (type) {
    case 'VARCHAR': {
      const text = values as (string | null)[];
      return dictionaryVector(text) ?? utf8Vector(text);
    }
    case 'BOOLEAN':
      return boolVector(values as (boolean | null)[]);
    default:
      return numericVector(values as (number | null)[], type);
  }
}

/** Arrow IPC stream bytes for DuckDB's `insertArrowFromIPCStream`. */
export function columnsToIPC(
  table: ColumnarTable,
  types: Readonly<Record<string, ColumnType>>,
): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(table.columns)) {
    const type = types[name];
    if (!type) throw new Error(`column ${name} has no declared type`);
    if (values.length !== table.length) throw new Error(`column ${name} has ${values.length} values, expected ${table.length}`);
    vectors[name] = vectorFor(values, type);
  }
  return tableToIPC(new Table(vectors), 'stream');
}
