// What a spreadsheet declares, checked before any reader inflates or walks it: the zip
// directory's total decompressed size (a zip bomb declares gigabytes in kilobytes) and each
// sheet's <dimension> (A1:XFD1048576 is 17 billion cells to a reader that trusts it). No SheetJS
// here, so the page-side findings reader and the import worker share it without the library.
import { ImportError } from './errors';
import { MAX_COLUMNS, MAX_SHEET_CELLS, MAX_UNZIPPED_BYTES, tooManyColumns } from './limits';
import { memorySource, type ByteSource } from '$lib/platform/byte-source';
import { entriesInflateCleanly, readEntryHeadFrom, readZipDirectory, readZipDirectoryFrom, type ZipEntry } from './zip-directory';

const grouped = (n: number) => n.toLocaleString('en-US');
const megabytes = (n: number) => (Number.isFinite(n) ? `${grouped(Math.ceil(n / 1024 ** 2))} MB` : '4 GB 以上');

/** A complete zip directory, the first thing SheetJS needs not to loop. */
export function zipLooksComplete(bytes: Uint8Array): boolean {
  return readZipDirectory(bytes) !== null;
}

export function corrupt(name: string): ImportError {
  return new ImportError('corrupt-spreadsheet', '表格文件已损坏或不完整（可能下载未完成），无法读取', 'the spreadsheet is damaged or truncated', name);
}

/**
 * What the zip's directory declares, checked before anything is inflated: a complete directory,
 * and a total decompressed size SheetJS can hold (a zip bomb declares gigabytes in kilobytes).
 */
export function checkZipDeclarations(name: string, bytes: Uint8Array): ZipEntry[] {
  return checkDeclaredTotal(name, readZipDirectory(bytes));
}

function checkDeclaredTotal(name: string, entries: ZipEntry[] | null): ZipEntry[] {
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
export const SHEET_HEAD_BYTES = 64 * 1024;

/** An XLSX's directory, and the head of each worksheet's XML as checkDeclaredSizes read it. */
export interface DeclaredParts {
  entries: ZipEntry[];
  heads: Map<string, Uint8Array>;
}

/**
 * What an XLSX declares, checked before anything walks it: the zip directory
 * (checkZipDeclarations) and every worksheet's <dimension>, read from the head of its XML by
 * inflating only that far. Returns what it read, for the reader that follows.
 */
export async function checkDeclaredSizes(name: string, source: ByteSource): Promise<DeclaredParts> {
  const entries = checkDeclaredTotal(name, await readZipDirectoryFrom(source));
  const heads = new Map<string, Uint8Array>();
  const latin1 = new TextDecoder('latin1');
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    const head = await readEntryHeadFrom(source, entry, SHEET_HEAD_BYTES);
    if (!head) continue;
    heads.set(entry.name, head);
    const ref = /<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*["']([^"']+)["']/.exec(latin1.decode(head))?.[1];
    // The tab's own name lives in workbook.xml; the part name is enough to say which sheet lies.
    if (ref) checkSheetRange(name, entry.name.replace(/^xl\/worksheets\//i, ''), ref);
  }
  return { entries, heads };
}

/**
 * An XLSX's declarations, checked before SheetJS reads it (checkDeclaredSizes), and then that
 * every entry inflates to exactly what it declares: SheetJS's own inflater can loop forever on a
 * damaged deflate stream, and a bomb that lies about its sizes passes the declared total. One
 * native pass, bounded by that total, in the import worker. Other formats have nothing to declare.
 */
export async function checkSpreadsheetDeclarations(name: string, bytes: Uint8Array, format: 'xlsx' | 'xls' | 'html'): Promise<void> {
  if (format !== 'xlsx') return;
  const { entries } = await checkDeclaredSizes(name, memorySource(bytes));
  if (!(await entriesInflateCleanly(bytes, entries))) throw corrupt(name);
}
