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
import { checkSheetRange, checkZipDeclarations } from './spreadsheet-guard';

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
 * download), so the structure is checked (spreadsheet-guard.ts) before handing the bytes over.
 */
export { checkSpreadsheetDeclarations, checkSheetRange, rangeSize, zipLooksComplete } from './spreadsheet-guard';

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

/** A sheet SheetJS has read, as numbered rows spanning its used range. */
export function sheetRows(sheet: XLSX.WorkSheet, limit = Infinity): NumberedRow[] {
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
