// Limits that keep a hostile or broken file from taking the page down: each one is checked as
// early as the file allows (the zip's directory, a sheet's declared dimension, the first records)
// and refused with the limit and the number found, so the user knows what is wrong and by how much.
import { ImportError } from './errors';
import type { NumberedRow } from './header';

/** Our widest table has ~40 columns; exports with a few hundred extra columns still fit. */
export const MAX_COLUMNS = 1000;
/** Characters in one cell: complaint text runs to a few thousand; a million is not a cell. */
export const MAX_CELL_CHARS = 1_000_000;
/** Cells a sheet may declare: a million rows of 50 columns. */
export const MAX_SHEET_CELLS = 50_000_000;
/** Decompressed bytes an XLSX may declare in its zip directory: SheetJS holds them as strings. */
export const MAX_UNZIPPED_BYTES = 512 * 1024 ** 2;

const grouped = (n: number) => n.toLocaleString('en-US');

export function tooManyColumns(columns: number, file: string, where = ''): ImportError {
  return new ImportError(
    'too-many-columns',
    `${where}列数过多：共 ${grouped(columns)} 列，最多允许 ${grouped(MAX_COLUMNS)} 列`,
    `${where ? `${where}: ` : ''}too many columns: ${grouped(columns)}, at most ${grouped(MAX_COLUMNS)} are allowed`,
    file,
  );
}

export function cellTooLong(chars: number, row: number, file: string): ImportError {
  return new ImportError(
    'cell-too-long',
    `第 ${grouped(row)} 行有单元格过长：${grouped(chars)} 个字符，每个单元格最多 ${grouped(MAX_CELL_CHARS)} 个字符`,
    `a cell in row ${row} is too long: ${grouped(chars)} characters, at most ${grouped(MAX_CELL_CHARS)} are allowed`,
    file,
  );
}

/** Refuse a row wider than MAX_COLUMNS or holding a cell longer than MAX_CELL_CHARS. */
export function assertRowWithinLimits(r: NumberedRow, file: string): void {
  const cells = r.cells;
  if (cells.length > MAX_COLUMNS) throw tooManyColumns(cells.length, file);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === 'string' && c.length > MAX_CELL_CHARS) throw cellTooLong(c.length, r.row, file);
  }
}
