import { DataType, util, type Table } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * Plain rows from an Arrow result: BIGINT counts become numbers (they are far below 2^53 here),
 * TIMESTAMP values stay milliseconds of naive local time, DECIMAL becomes a number.
 */
export function rowsOf(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((name) => table.getChild(name));
  // DECIMAL arrives as a scaled big integer: 1.25::DECIMAL(5,2) is stored as 125.
  const scales = table.schema.fields.map((f) => (DataType.isDecimal(f.type) ? f.type.scale : null));
  const rows: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) {
      const value = columns[c]?.get(i);
      const scale = scales[c];
      row[names[c]] = scale !== null && value !== null && value !== undefined ? util.bigNumToNumber(value, scale) : plain(value);
    }
    rows[i] = row;
  }
  return rows;
}

function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.getTime();
  if (ArrayBuffer.isView(value) || typeof (value as { valueOf?: unknown }).valueOf === 'function') {
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (typeof primitive === 'number' || typeof primitive === 'bigint') return Number(primitive);
  }
  return String(value);
}

/** A row's numeric cell, or null when it is missing, NULL, not a number or not finite. */
export function numberIn(row: Row | null | undefined, id: string): number | null {
  const v = row?.[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Whether two results hold the same rows: same length, and each row the same cells in the same order. */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (!Object.is(x[k], y[k])) return false;
  }
  return true;
}
