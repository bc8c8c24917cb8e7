// Every table that leaves the workbench as a file — a dashboard table, a record list, a console
// result, the validation report, the review workbook, a findings file — is written here, so each
// gets the same guard: personal data masked unless the user visibly unmasked it (src/lib/privacy),
// text a spreadsheet would run as a formula neutralised (OWASP "CSV injection"), real numbers and
// dates typed, CSV as UTF-8 with a BOM (or GB18030) and CRLF, XLSX with a frozen header row.
// Callers describe their rows as a Sheet; nothing else in the workbench writes CSV or XLSX.
import type * as SheetJS from '@e965/xlsx';
import { officeLibraries } from '$lib/platform/office';
import { maskCell, type PersonalKind } from '$lib/privacy';
import { encodeGb18030 } from './gb18030';
import { CSV_BOM, csvField, neutraliseFormula } from './sanitize';

export type SheetCell = string | number | boolean | null;

export interface SheetColumn {
  /** The header written in the file. */
  label: string;
  /** The column's own name: identifier columns (…_id, 编号) are never scanned as free text. */
  name: string;
  /** text is guarded and masked; timestamp/date/time are milliseconds of naive local time. */
  type: 'text' | 'number' | 'boolean' | 'timestamp' | 'date' | 'time';
  /** Excel number format of a number column ('0.0%', '#,##0'). */
  numberFormat?: string;
  /** Personal data and its kind. Other text is still scanned for phone and ID numbers. */
  pii?: PersonalKind | null;
  /** Excel column width in characters; otherwise from the header and the first rows. */
  width?: number;
}

export interface Sheet {
  /** The worksheet's name (Excel: 31 characters, none of []:*?/\). */
  name: string;
  columns: readonly SheetColumn[];
  rowCount: number;
  cell(row: number, column: number): SheetCell;
}

export interface SheetOptions {
  /** Mask personal data: true unless the user visibly unmasked it on screen. */
  masked: boolean;
}

/** Excel's limit: a bigger sheet is cut, and the caller says so. */
export const XLSX_MAX_ROWS = 1_048_575;

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const pad = (n: number) => String(n).padStart(2, '0');

function dateText(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function timeText(ms: number): string {
  const s = Math.floor((((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** A cell as the text a person reads: dates as written (naive, never shifted by the machine's zone). */
export function cellAsText(column: SheetColumn, value: Exclude<SheetCell, null>, masked: boolean): string {
  if (typeof value === 'number') {
    if (column.type === 'timestamp') return `${dateText(value)} ${timeText(value)}`;
    if (column.type === 'date') return dateText(value);
    if (column.type === 'time') return timeText(value);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return column.type === 'text' ? maskCell(column, value, masked) : value;
}

function csvCell(column: SheetColumn, value: SheetCell, masked: boolean): string {
  if (value === null) return '';
  const text = cellAsText(column, value, masked);
  // A real number stays a number (a negative amount is not a formula); only text is guarded.
  return csvField(typeof value === 'number' || typeof value === 'boolean' ? text : neutraliseFormula(text));
}

/**
 * The CSV as chunks of lines, header first: a Blob takes the array as is, so a 340,000-row
 * result is never one giant string.
 */
export function sheetCsvChunks(sheet: Sheet, options: SheetOptions, rowsPerChunk = 5_000): string[] {
  const { columns } = sheet;
  const chunks = [columns.map((c) => csvField(neutraliseFormula(c.label))).join(',') + '\r\n'];
  let lines: string[] = [];
  for (let row = 0; row < sheet.rowCount; row++) {
    const cells = new Array<string>(columns.length);
    for (let col = 0; col < columns.length; col++) cells[col] = csvCell(columns[col], sheet.cell(row, col), options.masked);
    lines.push(cells.join(','));
    if (lines.length === rowsPerChunk) {
      chunks.push(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join('\r\n') + '\r\n');
  return chunks;
}

export type CsvEncoding = 'utf-8' | 'gb18030';

/** UTF-8 starts with a BOM (Excel on a Chinese Windows reads BOM-less UTF-8 as GBK); GB18030 has none. */
export function sheetCsvBlob(sheet: Sheet, options: SheetOptions & { encoding?: CsvEncoding }): Blob {
  const chunks = sheetCsvChunks(sheet, options);
  if (options.encoding === 'gb18030') return new Blob([encodeGb18030(chunks.join('')) as BlobPart], { type: 'text/csv;charset=gb18030' });
  return new Blob([CSV_BOM, ...chunks], { type: 'text/csv;charset=utf-8' });
}

/** Display width in Excel "characters": a CJK character is about two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

function xlsxCell(column: SheetColumn, value: SheetCell, masked: boolean): SheetJS.CellObject | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // Naive local milliseconds → an Excel serial date; no zone is involved on either side.
    if (column.type === 'timestamp') return { t: 'n', v: value / MS_PER_DAY + EXCEL_EPOCH_DAYS, z: 'yyyy-mm-dd hh:mm:ss' };
    if (column.type === 'date') return { t: 'n', v: value / MS_PER_DAY + EXCEL_EPOCH_DAYS, z: 'yyyy-mm-dd' };
    if (column.type === 'time') return { t: 'n', v: value / MS_PER_DAY, z: 'hh:mm:ss' };
    return column.numberFormat ? { t: 'n', v: value, z: column.numberFormat } : { t: 'n', v: value };
  }
  // Text cells cannot become formulas in XLSX, but are neutralised so a later CSV save stays safe.
  return { t: 's', v: neutraliseFormula(cellAsText(column, value, masked)) };
}

/** Prefix of an unmasked export's sheet name and title. */
export const UNMASKED_MARK = '含个人信息·';
const UNMASKED_NOTE = '本文件含未打码的个人信息（导出时选择了显示个人信息），请按规定保管，勿外传。';

/** The sheet as an XLSX workbook of one worksheet, header row frozen. */
export async function sheetXlsx(sheet: Sheet, options: SheetOptions): Promise<Uint8Array> {
  return sheetsXlsx([sheet], options);
}

/**
 * Several sheets as one XLSX workbook (a sign-off workbook: the figures and the rules they were
 * computed under), each with its header row frozen and the unmasked mark on each sheet that
 * carries personal data.
 */
export async function sheetsXlsx(sheets: readonly Sheet[], options: SheetOptions): Promise<Uint8Array> {
  const { XLSX } = await officeLibraries();
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const { columns } = sheet;
    const rows = Math.min(sheet.rowCount, XLSX_MAX_ROWS);
    const worksheet: SheetJS.WorkSheet = {};
    const widths = columns.map((c) => c.width ?? Math.min(60, Math.max(8, textWidth(c.label) + 2)));
    columns.forEach((c, col) => {
      worksheet[XLSX.utils.encode_cell({ r: 0, c: col })] = { t: 's', v: neutraliseFormula(c.label) };
    });
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < columns.length; col++) {
        const cell = xlsxCell(columns[col], sheet.cell(row, col), options.masked);
        if (!cell) continue;
        worksheet[XLSX.utils.encode_cell({ r: row + 1, c: col })] = cell;
        if (row < 200 && cell.t === 's' && columns[col].width === undefined) widths[col] = Math.min(60, Math.max(widths[col], textWidth(String(cell.v)) + 2));
      }
    }
    worksheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows, c: Math.max(0, columns.length - 1) } });
    worksheet['!cols'] = widths.map((wch) => ({ wch }));
    // An export made unmasked says so where a reader of the file looks first: the sheet's tab and
    // the document's title (the header row stays the first row, so the file re-imports as it is).
    const unmasked = !options.masked && columns.some((c) => c.pii);
    XLSX.utils.book_append_sheet(book, worksheet, safeSheetName(unmasked ? `${UNMASKED_MARK}${sheet.name}` : sheet.name));
    if (unmasked && !book.Props) book.Props = { Title: `${UNMASKED_MARK}${sheet.name}`, Subject: UNMASKED_NOTE };
  }
  const bytes = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  return freezeHeaderRows(bytes, XLSX);
}

/**
 * SheetJS's community build writes no frozen panes, so each sheet's XML gets the one pane element
 * Excel uses for "freeze top row". A sheet not laid out as expected is left as it is: a header
 * that scrolls away is better than no file.
 */
function freezeHeaderRows(xlsx: Uint8Array, XLSX: typeof SheetJS): Uint8Array {
  const zip = XLSX.CFB.read(xlsx, { type: 'array' });
  const view = '<sheetView workbookViewId="0"/>';
  const pane = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>';
  let patched = false;
  zip.FullPaths.forEach((path: string, index: number) => {
    if (!/xl\/worksheets\/sheet\d+\.xml$/.test(path)) return;
    const entry = zip.FileIndex[index];
    if (!entry?.content) return;
    const xml = new TextDecoder().decode(entry.content as Uint8Array);
    if (!xml.includes(view)) return;
    const content = new TextEncoder().encode(xml.replace(view, pane));
    entry.content = content;
    entry.size = content.length;
    patched = true;
  });
  if (!patched) return xlsx;
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }) as ArrayBuffer);
}

/** A sheet over plain rows: the validation report, findings, anything already in memory. */
export function rowsSheet<R>(name: string, columns: readonly (SheetColumn & { value: (row: R) => SheetCell })[], rows: readonly R[]): Sheet {
  return { name, columns, rowCount: rows.length, cell: (row, col) => columns[col].value(rows[row]) };
}
