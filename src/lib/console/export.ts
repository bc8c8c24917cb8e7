// A console result as a file: CSV for anything, XLSX for Excel users. Both mask personal data
// unless the user unmasked it on screen. CSV is UTF-8 with a BOM (without it Excel on a Chinese
// Windows reads UTF-8 as GBK and shows mojibake) and CRLF line ends; text cells that a
// spreadsheet would run as a formula are neutralised with a leading apostrophe (OWASP "CSV
// injection"). XLSX cells are typed: text can never become a formula there.
import type * as XLSX from '@e965/xlsx';
import { officeLibraries } from '$lib/platform/office';
import { cellText } from './cells';
import { downloadBlob } from '$lib/export/download';
import { CSV_BOM, csvField, neutraliseFormula } from '$lib/export/sanitize';
import { freezeHeaderRow } from '$lib/export/xlsx';
import type { ResultColumn, ResultSet } from './result';

export { CSV_BOM, csvField, neutraliseFormula, downloadBlob, freezeHeaderRow };

export interface ExportOptions {
  /** Mask personal data (the default on screen and in every export). */
  masked: boolean;
}

function csvCell(column: ResultColumn, result: ResultSet, row: number, col: number, masked: boolean): string {
  const value = result.value(row, col);
  if (value === null) return '';
  const text = cellText(column, value, masked);
  // A real number stays a number (a negative amount is not a formula); only text is guarded.
  return csvField(typeof value === 'number' ? text : neutraliseFormula(text));
}

/**
 * The CSV as chunks of lines, BOM first: a Blob takes the array as is, so a 340,000-row result
 * is never one giant string.
 */
export function csvChunks(result: ResultSet, options: ExportOptions, rowsPerChunk = 5_000): string[] {
  const { columns } = result;
  const chunks = [CSV_BOM + columns.map((c) => csvField(neutraliseFormula(c.name))).join(',') + '\r\n'];
  let lines: string[] = [];
  for (let row = 0; row < result.rowCount; row++) {
    const cells = new Array<string>(columns.length);
    for (let col = 0; col < columns.length; col++) cells[col] = csvCell(columns[col], result, row, col, options.masked);
    lines.push(cells.join(','));
    if (lines.length === rowsPerChunk) {
      chunks.push(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join('\r\n') + '\r\n');
  return chunks;
}

export function toCsv(result: ResultSet, options: ExportOptions): string {
  return csvChunks(result, options).join('');
}

export function csvBlob(result: ResultSet, options: ExportOptions): Blob {
  return new Blob(csvChunks(result, options), { type: 'text/csv;charset=utf-8' });
}

/** Excel's limit: a bigger result is cut, and the caller says so. */
export const XLSX_MAX_ROWS = 1_048_575;

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

function xlsxCell(column: ResultColumn, value: ReturnType<ResultSet['value']>, masked: boolean): XLSX.CellObject | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (typeof value === 'number') {
    // Naive local milliseconds → an Excel serial date; no zone is involved on either side.
    if (column.kind === 'timestamp') return { t: 'n', v: value / MS_PER_DAY + EXCEL_EPOCH_DAYS, z: 'yyyy-mm-dd hh:mm:ss' };
    if (column.kind === 'date') return { t: 'n', v: value / MS_PER_DAY + EXCEL_EPOCH_DAYS, z: 'yyyy-mm-dd' };
    if (column.kind === 'time') return { t: 'n', v: value / MS_PER_DAY, z: 'hh:mm:ss' };
    return { t: 'n', v: value };
  }
  return { t: 's', v: cellText(column, value, masked) };
}

/** The result as one worksheet with a header row, frozen so it stays in view. */
export async function toXlsx(result: ResultSet, options: ExportOptions & { sheetName?: string }): Promise<Uint8Array> {
  const { XLSX } = await officeLibraries();
  const { columns } = result;
  const rows = Math.min(result.rowCount, XLSX_MAX_ROWS);
  const sheet: XLSX.WorkSheet = {};
  const widths = columns.map((c) => Math.min(60, Math.max(8, c.name.length + 2)));
  columns.forEach((c, col) => {
    sheet[XLSX.utils.encode_cell({ r: 0, c: col })] = { t: 's', v: c.name };
  });
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns.length; col++) {
      const cell = xlsxCell(columns[col], result.value(row, col), options.masked);
      if (!cell) continue;
      sheet[XLSX.utils.encode_cell({ r: row + 1, c: col })] = cell;
      if (row < 200 && cell.t === 's') widths[col] = Math.min(60, Math.max(widths[col], String(cell.v).length + 2));
    }
  }
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows, c: Math.max(0, columns.length - 1) } });
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, options.sheetName ?? 'Result');
  const bytes = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  return freezeHeaderRow(bytes, XLSX);
}

/** `sql-result-20240305-130405.csv`, from the machine's clock: the user's own "when". */
export function exportFileName(extension: 'csv' | 'xlsx', now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `sql-result-${stamp}.${extension}`;
}
