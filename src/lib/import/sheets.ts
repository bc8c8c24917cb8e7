// Spreadsheets through SheetJS: XLSX, legacy XLS (BIFF), and the HTML tables many government
// systems save with an .xls name. Cells keep their kind: numbers stay numbers, date-formatted
// cells become DateCells (from the serial, by our own arithmetic, so no time zone touches them),
// and text stays text, so an id typed as text is never reformatted.
import * as XLSX from '@e965/xlsx';
import type { CellValue, DateCell } from './cells';
import { excelSerialToMs, INVALID } from './coerce';
import { decodeBytes } from './decode';
import { ImportError, asImportError } from './errors';
import type { NumberedRow } from './header';

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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const size = view.getUint32(i + 12, true);
    const offset = view.getUint32(i + 16, true);
    const entries = view.getUint16(i + 10, true);
    return entries > 0 && offset + size <= i && view.getUint32(offset, true) === 0x02014b50;
  }
  return false;
}

export function openWorkbook(name: string, bytes: Uint8Array, format: 'xlsx' | 'xls' | 'html'): Workbook {
  if (format === 'xlsx' && !zipLooksComplete(bytes)) {
    throw new ImportError('corrupt-spreadsheet', '表格文件已损坏或不完整（可能下载未完成），无法读取', 'the spreadsheet is damaged or truncated', name);
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook =
      format === 'html'
        ? // raw: keep every HTML cell as the text written, or SheetJS would turn long ids into numbers.
          XLSX.read(decodeHtml(bytes), { type: 'string', dense: true, raw: true, cellNF: true })
        : XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, cellNF: true, cellHTML: false, cellFormula: false });
  } catch (e) {
    throw asImportError(e, 'corrupt-spreadsheet', '表格文件已损坏或不是有效的 Excel 文件，无法读取', 'the spreadsheet is damaged or not a valid Excel file', name);
  }
  if (!workbook.SheetNames || workbook.SheetNames.length === 0) {
    throw new ImportError('corrupt-spreadsheet', '表格文件中没有工作表', 'the spreadsheet has no sheets', name);
  }
  const sheetOf = (sheetName: string) => {
    const sheet = workbook.Sheets[sheetName];
    if (!sheet) throw new ImportError('sheet-not-found', `找不到工作表「${sheetName}」`, `no sheet named "${sheetName}"`, name);
    return sheet;
  };
  const sheets = workbook.SheetNames.map((sheetName) => {
    const ref = workbook.Sheets[sheetName]?.['!ref'];
    return { name: sheetName, rows: ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0 };
  });
  return {
    sheets,
    readSheet(sheetName = workbook.SheetNames[0]) {
      return sheetRows(sheetOf(sheetName));
    },
    readSheetHead(sheetName, count) {
      return sheetRows(sheetOf(sheetName), count);
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
