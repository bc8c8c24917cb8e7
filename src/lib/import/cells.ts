// The raw value of one cell as a reader hands it over, before coercion. CSV gives only text;
// spreadsheets and Parquet also give numbers, booleans and dates, and the coercion step needs to
// know which, e.g. to tell an Excel serial date from the text "45296".

/** A cell the source itself marked as a date: milliseconds of the naive wall-clock time (Date.UTC). */
export interface DateCell {
  readonly date: number;
}

export type CellValue = string | number | boolean | null | DateCell;

export function isDateCell(v: CellValue): v is DateCell {
  return typeof v === 'object' && v !== null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-01-05 13:05:00` for a naive-ms value; the form DuckDB and people both read. */
export function formatNaive(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The text a person sees for a cell: used for headers, VARCHAR columns and the report. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return formatNaive(v.date);
}

export function isBlankRow(cells: readonly CellValue[]): boolean {
  for (const c of cells) {
    if (c === null) continue;
    if (typeof c === 'string' ? c.trim() !== '' : true) return false;
  }
  return true;
}
