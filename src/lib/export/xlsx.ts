// A table as an XLSX workbook: typed cells (text can never become a formula there, but text is
// still neutralised so a later CSV save from Excel stays safe), number formats per column unit
// (rate '0.0%', hours '0.0', count '#,##0'), a frozen header row, personal data masked unless
// unmasked.
import type * as XLSX from '@e965/xlsx';
import { officeLibraries } from '$lib/platform/office';
import { NUMBER_FORMAT } from './format';
import { exportCell } from './mask';
import { neutraliseFormula } from './sanitize';
import type { TableColumn, TableData } from './types';

export interface TableXlsxOptions {
  masked?: boolean;
  /** Sheet name; Excel allows 31 characters and none of []:*?/\ */
  sheetName?: string;
}

/** Excel's limit: a bigger table is cut. */
export const XLSX_MAX_ROWS = 1_048_575;

/** Display width in Excel "characters": a CJK character is about two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

function cellOf(column: TableColumn, value: TableData['rows'][number][string]): XLSX.CellObject | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const z = NUMBER_FORMAT[column.unit];
    return z && column.unit !== 'date' ? { t: 'n', v: value, z } : { t: 'n', v: value };
  }
  return { t: 's', v: neutraliseFormula(value) };
}

export async function tableToXlsx(table: TableData, options: TableXlsxOptions = {}): Promise<Uint8Array> {
  const { XLSX } = await officeLibraries();
  const masked = options.masked ?? true;
  const { columns } = table;
  const rows = Math.min(table.rows.length, XLSX_MAX_ROWS);
  const sheet: XLSX.WorkSheet = {};
  const widths = columns.map((c) => Math.min(60, Math.max(8, textWidth(c.label) + 2)));
  columns.forEach((c, col) => {
    sheet[XLSX.utils.encode_cell({ r: 0, c: col })] = { t: 's', v: neutraliseFormula(c.label) };
  });
  for (let row = 0; row < rows; row++) {
    const record = table.rows[row];
    columns.forEach((column, col) => {
      const cell = cellOf(column, exportCell(column, record[column.id] ?? null, masked));
      if (!cell) return;
      sheet[XLSX.utils.encode_cell({ r: row + 1, c: col })] = cell;
      if (row < 200 && cell.t === 's') widths[col] = Math.min(60, Math.max(widths[col], textWidth(String(cell.v)) + 2));
    });
  }
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows, c: Math.max(0, columns.length - 1) } });
  sheet['!cols'] = widths.map((wch) => ({ wch }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, safeSheetName(options.sheetName ?? 'Sheet1'));
  const bytes = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  return freezeHeaderRow(bytes, XLSX);
}

/**
 * SheetJS's community build writes no frozen panes, so the sheet's XML gets the one pane element
 * Excel uses for "freeze top row". If the file is not laid out as expected it is returned as is:
 * a header that scrolls away is better than no file.
 */
export function freezeHeaderRow(xlsx: Uint8Array, XLSX: typeof import('@e965/xlsx')): Uint8Array {
  const zip = XLSX.CFB.read(xlsx, { type: 'array' });
  const index = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
  const entry = index >= 0 ? zip.FileIndex[index] : undefined;
  if (!entry?.content) return xlsx;
  const xml = new TextDecoder().decode(entry.content as Uint8Array);
  const view = '<sheetView workbookViewId="0"/>';
  if (!xml.includes(view)) return xlsx;
  const pane = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>';
  const patched = new TextEncoder().encode(xml.replace(view, pane));
  entry.content = patched;
  entry.size = patched.length;
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayBuffer);
}
