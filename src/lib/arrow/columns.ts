// Plain column arrays → Arrow IPC, typed by the canonical schema. The sample generator and the
// importer both hand DuckDB their rows this way, so a timestamp or a boolean means the same thing
// whichever path it came by.
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimeUnit,
  Timestamp,
  Utf8,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type DataType,
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

function arrowType(type: ColumnType, dictionary: boolean): DataType {
  switch (type) {
    case 'VARCHAR':
      // Dictionary-encode low-cardinality text (township, channel …): smaller IPC, same VARCHAR in DuckDB.
      return dictionary ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
    case 'TIMESTAMP':
      // Microseconds, so DuckDB sees a plain TIMESTAMP rather than TIMESTAMP_MS.
      return new Timestamp(TimeUnit.MICROSECOND);
    case 'BOOLEAN':
      return new Bool();
    case 'INTEGER':
      return new Int32();
    case 'DOUBLE':
      return new Float64();
  }
}

function vectorFor(values: ColumnValues, type: ColumnType, dictionary: boolean): Vector {
  if (type === 'TIMESTAMP' || type === 'INTEGER' || type === 'DOUBLE') {
    // Build numeric columns directly: vectorFromArray would walk every value through a builder.
    const n = values.length;
    const data =
      type === 'INTEGER' ? new Int32Array(n) : type === 'DOUBLE' ? new Float64Array(n) : new BigInt64Array(n);
    const validity = new Uint8Array((n + 7) >> 3);
    let nulls = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number | null;
      if (v === null || v === undefined || Number.isNaN(v)) nulls++;
      else {
        if (data instanceof BigInt64Array) data[i] = BigInt(Math.round(v)) * 1000n;
        else data[i] = v;
        validity[i >> 3] |= 1 << (i & 7);
      }
    }
    return makeVector({
      type: arrowType(type, false),
      length: n,
      nullCount: nulls,
      data: data as never,
      nullBitmap: nulls ? validity : undefined,
    } as never);
  }
  return vectorFromArray(values as unknown[], arrowType(type, dictionary) as never);
}

/** Arrow IPC stream bytes for DuckDB's `insertArrowFromIPCStream`. */
export function columnsToIPC(
  table: ColumnarTable,
  types: Readonly<Record<string, ColumnType>>,
  options: { dictionary?: ReadonlySet<string> } = {},
): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(table.columns)) {
    const type = types[name];
    if (!type) throw new Error(`column ${name} has no declared type`);
    if (values.length !== table.length) throw new Error(`column ${name} has ${values.length} values, expected ${table.length}`);
    vectors[name] = vectorFor(values, type, options.dictionary?.has(name) ?? false);
  }
  return tableToIPC(new Table(vectors), 'stream');
}
