// Spreadsheets through SheetJS: XLSX, legacy XLS (BIFF), and the HTML tables many government
// systems save with an .xls name. Cells keep their kind: numbers stay numbers, date-formatted
// cells become DateCells (from the serial, by our own arithmetic, so no time zone touches them),
// and text stays text, so an id typed as text is never reformatted.
import * as XLSX from '@e965/xlsx';
import type { CellValue, DateCell } from './cells';
import { excelSerialToMs, INVALID } from './coerce';
import { decodeBytes } from './decode';
import { ImportError, asImportError } from './errors';
import { HEADER_SEARCH_ROWS, type NumberedRow } from './header';
import { MAX_COLUMNS, MAX_SHEET_CELLS, MAX_UNZIPPED_BYTES, tooManyColumns } from './limits';
import { readEntryHead, readZipDirectory, type ZipEntry } from './zip-directory';

export interface SheetInfo {
  name: string;
  /** Rows in the sheet's used range (0 for an empty sheet). */
  rows: number;
}

export interface Workbook {
  sheets: SheetInfo[];
  /** Every row of one sheet, numbered as Excel numbers them. */
  readSheet(name?: string): NumberedRow[];
  /** The first `count` rows only: choosing a sheet must not convert every sheet whole. */
  readSheetHead(name: string, count: number): NumberedRow[];
}

/** HTML tables declare their charset in a meta tag or not at all; GB2312/GBK need GB18030 decoding. */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).toLowerCase();
  const declared = /charset\s*=\s*["']?([\w-]+)/.exec(head)?.[1];
  if (declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared)) return decodeBytes(bytes, 'gb18030').text;
  if (declared && /^utf-?8$/.test(declared)) return decodeBytes(bytes, 'utf-8').text;
  return decodeBytes(bytes).text;
}

/**
 * An XLSX is a ZIP, which ends with an end-of-central-directory record pointing at a central
 * directory inside the file. SheetJS loops forever on some ZIPs without one (a truncated
 * download), so check the structure before handing the bytes over.
 */
export function zipLooksComplete(bytes: Uint8Array): boolean {
  return readZipDirectory(bytes) !== null;
}

const grouped = (n: number) => n.toLocaleString('en-US');
const megabytes = (n: number) => (Number.isFinite(n) ? `${grouped(Math.ceil(n / 1024 ** 2))} MB` : '4 GB 以上');

function corrupt(name: string): ImportError {
  return new ImportError('corrupt-spreadsheet', '表格文件已损坏或不完整（可能下载未完成），无法读取', 'the spreadsheet is damaged or truncated', name);
}

/**
 * What the zip's directory declares, checked before anything is inflated: a complete directory,
 * and a total decompressed size SheetJS can hold (a zip bomb declares gigabytes in kilobytes).
 */
export function checkZipDeclarations(name: string, bytes: Uint8Array): ZipEntry[] {
  const entries = readZipDirectory(bytes);
  if (!entries) throw corrupt(name);
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new ImportError(
      'spreadsheet-too-large',
      `表格文件解压后过大：声明解压后共 ${megabytes(total)}，最多允许 ${megabytes(MAX_UNZIPPED_BYTES)}（可能是恶意构造的压缩文件）`,
      `the spreadsheet decompresses to too much: ${megabytes(total).replace('以上', '+')} declared, at most ${megabytes(MAX_UNZIPPED_BYTES)} allowed (possibly a zip bomb)`,
      name,
    );
  }
  return entries;
}

/** A1-style range → rows and columns it spans; null when it is not one. */
export function rangeSize(ref: string): { rows: number; columns: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

/** Refuse a sheet whose range (declared or found) is beyond MAX_SHEET_CELLS or MAX_COLUMNS. */
export function checkSheetRange(name: string, sheet: string, ref: string): void {
  const size = rangeSize(ref);
  if (!size) return;
  const cells = size.rows * size.columns;
  if (cells > MAX_SHEET_CELLS) {
    throw new ImportError(
      'spreadsheet-too-large',
      `工作表「${sheet}」的范围 ${ref} 过大：${grouped(size.rows)} 行 × ${grouped(size.columns)} 列，共 ${grouped(cells)} 个单元格，最多允许 ${grouped(MAX_SHEET_CELLS)} 个`,
      `sheet "${sheet}" spans ${ref}: ${grouped(cells)} cells, at most ${grouped(MAX_SHEET_CELLS)} are allowed`,
      name,
    );
  }
  if (size.columns > MAX_COLUMNS) throw tooManyColumns(size.columns, name, `工作表「${sheet}」`);
}

/** Decompressed bytes of a sheet's XML to look in for <dimension>: it comes before <sheetData>. */
const DIMENSION_HEAD_BYTES = 64 * 1024;

/**
 * An XLSX's declarations, checked before SheetJS reads a sheet: the zip directory
 * (checkZipDeclarations) and every worksheet's declared <dimension>, read from the head of its
 * XML by inflating only that far. Other formats have nothing to declare.
 */
export async function checkSpreadsheetDeclarations(name: string, bytes: Uint8Array, format: 'xlsx' | 'xls' | 'html'): Promise<void> {
  if (format !== 'xlsx') return;
  const entries = checkZipDeclarations(name, bytes);
  const latin1 = new TextDecoder('latin1');
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    const head = await readEntryHead(bytes, entry, DIMENSION_HEAD_BYTES);
    if (!head) continue;
    const ref = /<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*["']([^"']+)["']/.exec(latin1.decode(head))?.[1];
    // The tab's own name lives in workbook.xml; the part name is enough to say which sheet lies.
    if (ref) checkSheetRange(name, entry.name.replace(/^xl\/worksheets\//i, ''), ref);
  }
}

/** Rows SheetJS reads of each sheet to choose one: the header search window. */
const HEAD_READ_ROWS = HEADER_SEARCH_ROWS;

export function openWorkbook(name: string, bytes: Uint8Array, format: 'xlsx' | 'xls' | 'html'): Workbook {
  const worksheetEntries = format === 'xlsx' ? checkZipDeclarations(name, bytes).filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)).length : 0;
  const read = (options: XLSX.ParsingOptions): XLSX.WorkBook => {
    let workbook: XLSX.WorkBook;
    try {
      workbook =
        format === 'html'
          ? // raw: keep every HTML cell as the text written, or SheetJS would turn long ids into numbers.
            XLSX.read(decodeHtml(bytes), { type: 'string', dense: true, raw: true, cellNF: true, ...options })
          : XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, cellNF: true, cellHTML: false, cellFormula: false, ...options });
    } catch (e) {
      throw asImportError(e, 'corrupt-spreadsheet', '表格文件已损坏或不是有效的 Excel 文件，无法读取', 'the spreadsheet is damaged or not a valid Excel file', name);
    }
    if (!workbook.SheetNames || workbook.SheetNames.length === 0) {
      throw new ImportError('corrupt-spreadsheet', '表格文件中没有工作表', 'the spreadsheet has no sheets', name);
    }
    return workbook;
  };
  // A workbook of several XLSX sheets is first read to its header window only, so choosing a
  // sheet never converts every sheet whole; the chosen sheet is then read alone.
  const heads = worksheetEntries > 1 ? read({ sheetRows: HEAD_READ_ROWS }) : null;
  const full = new Map<string, XLSX.WorkBook>();
  const whole: XLSX.WorkBook | null = heads ? null : read({});
  const names = (heads ?? whole)!.SheetNames;
  const fullSheet = (sheetName: string): XLSX.WorkSheet => {
    if (!names.includes(sheetName)) throw new ImportError('sheet-not-found', `找不到工作表「${sheetName}」`, `no sheet named "${sheetName}"`, name);
    let book = whole ?? full.get(sheetName);
    if (!book) {
      book = read({ sheets: sheetName });
      full.set(sheetName, book);
    }
    const sheet = book.Sheets[sheetName];
    if (!sheet) throw new ImportError('sheet-not-found', `找不到工作表「${sheetName}」`, `no sheet named "${sheetName}"`, name);
    // What SheetJS found, not only what the file declared: cells past a lying dimension count too.
    if (sheet['!ref']) checkSheetRange(name, sheetName, sheet['!ref']);
    return sheet;
  };
  const headSheet = (sheetName: string): XLSX.WorkSheet => {
    const sheet = heads?.Sheets[sheetName];
    if (!sheet) return fullSheet(sheetName);
    const ref = sheet['!fullref'] ?? sheet['!ref'];
    if (ref) checkSheetRange(name, sheetName, ref);
    return sheet;
  };
  const sheets = names.map((sheetName) => {
    const sheet = (heads ?? whole)!.Sheets[sheetName];
    const ref = sheet?.['!fullref'] ?? sheet?.['!ref'];
    return { name: sheetName, rows: ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0 };
  });
  return {
    sheets,
    readSheet(sheetName = names[0]) {
      return sheetRows(fullSheet(sheetName));
    },
    readSheetHead(sheetName, count) {
      if (heads && count <= HEAD_READ_ROWS) return sheetRows(headSheet(sheetName), count);
      return sheetRows(fullSheet(sheetName), count);
    },
  };
}

function sheetRows(sheet: XLSX.WorkSheet, limit = Infinity): NumberedRow[] {
  const ref = sheet['!ref'];
  if (!ref) return [];
  const range = XLSX.utils.decode_range(ref);
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const rows: NumberedRow[] = [];
  const last = Math.min(range.e.r, range.s.r + limit - 1);
  for (let r = range.s.r; r <= last; r++) {
    const source = data[r] ?? [];
    const cells: CellValue[] = [];
    // Columns before the used range's start are outside the table; keep positions relative to it.
    // Every row spans the sheet's used range: a spreadsheet is a grid, and Excel not storing a
    // trailing empty cell does not make the row short.
    for (let c = range.s.c; c <= range.e.c; c++) cells.push(cellValue(source[c]));
    rows.push({ row: r + 1, cells });
  }
  return rows;
}

/** A sheet has a handful of number formats and a million numbers: parse each format once. */
const dateFormats = new Map<string, boolean>();
function isDateFormat(format: string): boolean {
  let date = dateFormats.get(format);
  if (date === undefined) {
    date = XLSX.SSF.is_date(format) === true;
    dateFormats.set(format, date);
  }
  return date;
}

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (typeof cell.z === 'string' && isDateFormat(cell.z)) {
        const ms = excelSerialToMs(v);
        return ms === INVALID ? v : ({ date: ms } satisfies DateCell);
      }
      return v;
    }
    case 's':
      return String(cell.v ?? '');
    case 'b':
      return Boolean(cell.v);
    case 'd': {
      // Only produced when a reader parsed a date itself; take its wall-clock fields as written.
      const d = cell.v as Date;
      return { date: Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()) };
    }
    case 'e':
      // #N/A, #VALUE!: show what Excel shows, coercion then treats it as unreadable.
      return cell.w ?? '#ERROR';
    default:
      return null;
  }
}
