// Reading a record batch's columns a value at a time, for the few results of many rows the page
// turns into objects (an import's issue listing: up to 100,000 rows). apache-arrow's `get` walks
// a visitor per value and decodes each string with its own TextDecoder call: the page's part of
// a messy export's 100,000-warning listing took 380-420 ms with it, 254-328 ms with these. They
// read the buffers directly: a text column's bytes are decoded once per batch, each value a slice.
import { DataType, Precision, type Data, type Vector } from 'apache-arrow';

export type ColumnReader<T> = (i: number) => T | null;

/** Whether value i of `data` is not null: its validity bit, read at data.offset + i. */
function validity(data: Data): (i: number) => boolean {
  // nullCount is a getter that may count the bitmap: asked once, not per value.
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  if (!bitmap || bitmap.length === 0) return () => true;
  const offset = data.offset;
  return (i) => (bitmap[(offset + i) >> 3] & (1 << ((offset + i) & 7))) !== 0;
}

/** The one Data of a batch's column (a batch's child has exactly one). */
function onlyData(vector: Vector): Data {
  if (vector.data.length !== 1) throw new Error(`expected one data chunk, got ${vector.data.length}`);
  return vector.data[0];
}

/** A numeric column (integers of any width, BIGINT exact below 2^53; floats) from its values. */
export function numberReader(vector: Vector): ColumnReader<number> {
  const data = onlyData(vector);
  if (DataType.isNull(data.type)) return () => null;
  const isValid = validity(data);
  if (DataType.isInt(data.type) && data.type.bitWidth === 64) {
    const wide = data.values as BigInt64Array | BigUint64Array;
    return (i) => (isValid(i) ? Number(wide[i]) : null);
  }
  // A half float's values are its raw 16 bits: not read here (DuckDB never sends one).
  const plain = DataType.isInt(data.type) || (DataType.isFloat(data.type) && data.type.precision !== Precision.HALF);
  if (!plain) throw new Error(`not a numeric column: ${data.type}`);
  // Sliced with the data: value i is values[i].
  const values = data.values as ArrayLike<number>;
  return (i) => (isValid(i) ? values[i] : null);
}

/**
 * Where each value of a UTF-8 column starts in its decoded text, in UTF-16 units: a code point
 * starts at every byte that is not a continuation byte (10xxxxxx), and one of four bytes
 * (11110xxx) takes two units. Valid UTF-8 only (DuckDB's VARCHAR is).
 */
export function utf16Offsets(bytes: Uint8Array, byteOffsets: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count + 1);
  let units = 0;
  let at = byteOffsets[0];
  for (let i = 0; i < count; i++) {
    const end = byteOffsets[i + 1];
    for (; at < end; at++) {
      const b = bytes[at];
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    out[i + 1] = units;
  }
  return out;
}

const decoder = new TextDecoder();

/**
 * A text column: plain UTF-8 (DuckDB's VARCHAR) has its bytes decoded once, each value a slice of
 * that text; a dictionary of text has its dictionary read so.
 */
export function textReader(vector: Vector): ColumnReader<string> {
  const data = onlyData(vector);
  if (DataType.isNull(data.type)) return () => null;
  const isValid = validity(data);
  if (DataType.isDictionary(data.type)) {
    if (!data.dictionary) throw new Error('a dictionary column without its dictionary');
    const words = textReader(data.dictionary);
    const keys = data.values as ArrayLike<number>;
    return (i) => (isValid(i) ? words(keys[i]) : null);
  }
  if (!DataType.isUtf8(data.type)) throw new Error(`not a text column: ${data.type}`);
  // A slice of a batch keeps the whole bytes and validity bitmap (read at data.offset + i) but
  // slices the offsets: value i spans byteOffsets[i] to byteOffsets[i + 1].
  const byteOffsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const text = decoder.decode(bytes.subarray(byteOffsets[0], byteOffsets[data.length]));
  const units = utf16Offsets(bytes, byteOffsets, data.length);
  // Bytes that are not valid UTF-8 decode to U+FFFD and the counts above no longer hold: read
  // such a batch value by value instead.
  if (units[data.length] !== text.length) return (i) => (isValid(i) ? decoder.decode(bytes.subarray(byteOffsets[i], byteOffsets[i + 1])) : null);
  return (i) => (isValid(i) ? text.slice(units[i], units[i + 1]) : null);
}
