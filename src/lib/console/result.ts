// A query result as the console reads it: the Arrow table stays as it came from the worker and
// cells are converted only when something asks for them, so a 340,000-row `SELECT *` costs no
// more than the rows on screen until it is exported.
import { DataType, TimeUnit, type Field, type Table, type Vector } from 'apache-arrow';
import { personalKindOf, type PersonalKind } from '$lib/privacy';

/** What a column holds, as far as display, export and charting care. */
export type ColumnKind = 'text' | 'integer' | 'number' | 'timestamp' | 'date' | 'time' | 'boolean' | 'other';

/**
 * One cell. Timestamps and dates are milliseconds of naive local time (read with getUTC*);
 * integers beyond 2^53 and wide decimals stay exact as strings; nested values are JSON text.
 */
export type CellValue = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  /** Arrow's type name, for the column header's tooltip. */
  typeName: string;
  /** Personal data by name (and what kind): masked unless the user chose to show it. */
  pii: PersonalKind | null;
}

export interface ResultSet {
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  value(row: number, column: number): CellValue;
}

export function kindOf(type: DataType): ColumnKind {
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTime(type)) return 'time';
  if (DataType.isInt(type)) return 'integer';
  if (DataType.isFloat(type)) return 'number';
  // DuckDB sends HUGEINT (e.g. sum of an INTEGER column) as DECIMAL(38,0): still an integer.
  if (DataType.isDecimal(type)) return type.scale === 0 ? 'integer' : 'number';
  if (DataType.isBool(type)) return 'boolean';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'text';
  if (DataType.isDictionary(type)) return kindOf(type.dictionary) === 'text' ? 'text' : 'other';
  return 'other';
}

/** Arrow result → lazily read result set. Columns are taken by position: names may repeat. */
export function resultSetOf(table: Table): ResultSet {
  const fields: Field[] = table.schema.fields;
  const vectors: (Vector | null)[] = fields.map((_, i) => table.getChildAt(i));
  // The vector's own type: when names repeat, apache-arrow can pair a field with the wrong type.
  const types: DataType[] = fields.map((field, i) => vectors[i]?.type ?? field.type);
  const readers = types.map((type) => readerFor(type));
  const columns: ResultColumn[] = fields.map((field, i) => ({
    name: field.name,
    kind: kindOf(types[i]),
    typeName: String(types[i]),
    pii: personalKindOf(field.name),
  }));
  return {
    columns,
    rowCount: table.numRows,
    value(row, column) {
      const raw: unknown = vectors[column]?.get(row);
      return raw === null || raw === undefined ? null : readers[column](raw);
    },
  };
}

/** A result built from plain rows: for tests and for results made on this side. */
export function resultSetFromRows(columns: readonly ResultColumn[], rows: readonly (readonly CellValue[])[]): ResultSet {
  return { columns, rowCount: rows.length, value: (row, column) => rows[row]?.[column] ?? null };
}

type Reader = (raw: unknown) => CellValue;

function readerFor(type: DataType): Reader {
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    // Arrow hands back the unscaled integer; String() of it gives its exact digits.
    return (raw) => exactNumber(decimalText(String(raw), scale));
  }
  if (DataType.isTime(type)) {
    // Milliseconds since midnight, like timestamps: one formatter serves both.
    const perMs = { [TimeUnit.SECOND]: 1e-3, [TimeUnit.MILLISECOND]: 1, [TimeUnit.MICROSECOND]: 1e3, [TimeUnit.NANOSECOND]: 1e6 }[type.unit as TimeUnit];
    return (raw) => Number(raw) / perMs;
  }
  if (DataType.isDictionary(type)) return readerFor(type.dictionary);
  return plainValue;
}

function plainValue(raw: unknown): CellValue {
  if (typeof raw === 'bigint') return exactNumber(raw.toString());
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return raw.getTime();
  if (raw instanceof Uint8Array) return `<${raw.length} bytes>`;
  // Lists, structs and maps: their JSON, with BIGINTs written as numbers.
  const json = typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  try {
    return JSON.stringify(json, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  } catch {
    return String(raw);
  }
}

/** "-3500", scale 3 → "-3.500". */
export function decimalText(digits: string, scale: number): string {
  if (scale <= 0) return digits;
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

/** A number when it survives the trip through a double, its exact text when it would not. */
function exactNumber(text: string): number | string {
  const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return significant.length <= 15 ? Number(text) : text;
}
