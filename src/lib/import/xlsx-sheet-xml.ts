// One worksheet's XML, read as it inflates: rows come out while the rest of the sheet is still
// compressed, so an import of a workbook shows progress and holds one chunk of XML at a time,
// where SheetJS's read is one call over the whole sheet as a string (about 10 s and 131 MB of
// text for 100,000 rows of 28 columns).
//
// The values are SheetJS's, cell for cell (a differential test holds the two readers together):
// the rows of the sheet's declared <dimension>, a cell placed by its own reference (or after the
// cell before it), its type (t) and value (<v>, or <is> for an inline string) read by SheetJS's
// rules, and a number's date-ness from its style's number format. What SheetJS reads in ways not
// reproduced here — no dimension, CDATA, t="d", a shared-string index past the table, cells out
// of row order, an entity in a formula's cached text — stops this reader with NotStreamable, and
// the caller hands the workbook to SheetJS instead.
import * as XLSX from '@e965/xlsx';
import type { CellValue, DateCell } from './cells';
import { excelSerialToMs, INVALID } from './coerce';
import type { NumberedRow } from './header';
import { elementContent, stringItemText, unescapeXml } from './xml-text';

/** The sheet needs SheetJS's own reading; the reason is for the console and the tests. */
export class NotStreamable extends Error {
  constructor(reason: string) {
    super(`not streamable: ${reason}`);
    this.name = 'NotStreamable';
  }
}

export interface SheetContext {
  /** The shared strings' text as SheetJS read it (undefined: an item without text). */
  strings: readonly (string | undefined)[];
  /** Whether a number in a cell of this style (its `s` attribute) is a date. */
  numberIsDate(style: string | undefined): boolean;
}

/** Zero-based, inclusive: what SheetJS's `!ref` decodes to. */
export interface SheetRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

const SHEET_DATA_OPEN = /<(?:\w+:)?sheetData\b[^<>]*>/;
const SHEET_DATA_CLOSE = /<\/(?:\w+:)?sheetData>/g;
const ROW_END = /<\/(?:\w+:)?row>/g;
const CELL_START = /<(?:\w+:)?c[ />]/;
const DIMENSION = /<(?:\w*:)?dimension/;
const DIMENSION_REF = /"(\w*:\w*)"/;
const RANGE = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/;

interface CellAttributes {
  r?: string;
  s?: string;
  t?: string;
}
const NO_ATTRIBUTES: CellAttributes = {};

/**
 * The r, s and t attributes in `piece[start, end)` (a start tag's attributes), named with or without a
 * namespace prefix as SheetJS's parsexmltag names them (the last of a repeated name wins). One
 * scan: a regular expression per attribute was a third of the reader's time.
 */
function cellAttributes(piece: string, start: number, end: number): CellAttributes {
  const found: CellAttributes = {};
  let i = start;
  for (;;) {
    while (i < end && piece.charCodeAt(i) <= 32) i++;
    if (i >= end || piece.charCodeAt(i) === 47) return found;
    const nameStart = i;
    let colon = -1;
    let underscore = -1;
    while (i < end) {
      const c = piece.charCodeAt(i);
      if (c === 61 || c <= 32) break;
      if (c === 58 && colon === -1) colon = i;
      else if (c === 95 && underscore === -1) underscore = i;
      i++;
    }
    // SheetJS keys a prefixed name by what follows its first colon (xmlns:x by "xmlnsx"), and cuts
    // an unprefixed one at an underscore.
    if (colon === -1 && underscore > nameStart) throw new NotStreamable('an attribute name SheetJS would cut');
    const keyStart = colon === -1 ? nameStart : colon === nameStart + 5 && piece.startsWith('xmlns', nameStart) ? -1 : colon + 1;
    // Only one-letter names matter here: no string is made for the others.
    const letter = keyStart !== -1 && i - keyStart === 1 ? piece.charCodeAt(keyStart) : 0;
    while (i < end && piece.charCodeAt(i) <= 32) i++;
    if (piece.charCodeAt(i) !== 61) throw new NotStreamable('an attribute without a value');
    i++;
    while (i < end && piece.charCodeAt(i) <= 32) i++;
    const quote = piece.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new NotStreamable('an unquoted attribute');
    const close = piece.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1 || close >= end) throw new NotStreamable('an unclosed attribute');
    if (letter === 114) found.r = piece.slice(i + 1, close);
    else if (letter === 115) found.s = piece.slice(i + 1, close);
    else if (letter === 116) found.t = piece.slice(i + 1, close);
    i = close + 1;
  }
}

/** The first `r="…"` anywhere in a cell's piece, as SheetJS finds it to number the columns. */
function firstRef(piece: string): string | null {
  for (let i = piece.indexOf('r='); i !== -1; i = piece.indexOf('r=', i + 1)) {
    const quote = piece.charCodeAt(i + 2);
    if (quote !== 34 && quote !== 39) continue;
    for (let j = i + 3; j < piece.length; j++) {
      const c = piece.charCodeAt(j);
      if (c === 34 || c === 39) return piece.slice(i + 3, j);
    }
  }
  return null;
}

const NUMERIC_ESCAPE = /&#x?([\da-fA-F]+);|_x([\da-fA-F]{4})_/gi;

/** Whether every numeric reference and _xHHHH_ escape in the text stands for an ASCII character. */
function escapesStayAscii(raw: string): boolean {
  if (raw.indexOf('&#') === -1 && raw.indexOf('_') === -1) return true;
  NUMERIC_ESCAPE.lastIndex = 0;
  for (let m = NUMERIC_ESCAPE.exec(raw); m; m = NUMERIC_ESCAPE.exec(raw)) {
    const code = m[1] !== undefined ? parseInt(m[1], m[0].indexOf('x') > -1 ? 16 : 10) : parseInt(m[2], 16);
    if (!(code < 0x80)) return false;
  }
  return true;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The content of a cell's first <v> element: elementContent(body, 'v') without a regular expression when no prefix is in play. */
function valueContent(body: string): string | null {
  if (body.indexOf(':v') !== -1) return elementContent(body, 'v');
  for (let at = body.indexOf('<v'); at !== -1; at = body.indexOf('<v', at + 2)) {
    if (isWordChar(body.charCodeAt(at + 2))) continue;
    const tagEnd = body.indexOf('>', at + 2);
    if (tagEnd === -1) return null;
    const lt = body.indexOf('<', at + 2);
    if (lt !== -1 && lt < tagEnd) continue;
    const close = body.indexOf('</v>', tagEnd + 1);
    return close === -1 ? null : body.slice(tagEnd + 1, close);
  }
  return null;
}

/** Column letters as a zero-based index (A → 0), stopping at the first character that is not A–Z. */
function columnOf(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) - 64;
    if (c < 1 || c > 26) break;
    index = 26 * index + c;
  }
  return index - 1;
}

/**
 * The range a sheet declares in its <dimension>, read from the XML before <sheetData> as SheetJS
 * reads it (a quoted `A1:K100` in the element's first 50 characters); null when there is none
 * or it is not a range SheetJS would take.
 */
export function sheetDimension(head: string): SheetRange | null {
  const at = DIMENSION.exec(head)?.index ?? -1;
  if (at <= 0) return null;
  const ref = DIMENSION_REF.exec(head.slice(at, at + 50))?.[1];
  const m = ref ? RANGE.exec(ref) : null;
  if (!m) return null;
  const range = { firstRow: Number(m[2]) - 1, lastRow: Number(m[4]) - 1, firstColumn: columnOf(m[1]), lastColumn: columnOf(m[3]) };
  if (range.firstRow < 0 || range.firstRow > range.lastRow || range.firstColumn > range.lastColumn) return null;
  return range;
}

export interface SheetReadOptions {
  /** Rows to read at most. */
  limit?: number;
  /** Read a sheet without a usable <dimension> whole, for the range its cells span (else NotStreamable). */
  holdWithoutDimension?: boolean;
  /** Told the range once it is known, before any row of it is handed out: the place to refuse a huge one. */
  onRange?: (range: SheetRange) => void;
}

/**
 * Reads a worksheet's XML from text pushed in pieces of any size; each push returns the rows it
 * completed, numbered as Excel numbers them and spanning the dimension's columns (an empty row
 * inside the range comes out as a row of nulls, as SheetJS's grid gives it).
 */
export class SheetXmlReader {
  private buffer = '';
  private started = false;
  private range: SheetRange | null = null;
  private finished = false;
  /**
   * Without a usable <dimension> SheetJS takes the range the sheet spans: the rows of its row tags,
   * the columns of its cells with a value. Only the whole sheet tells, so such a sheet is held
   * until its end (the caller allows it for small sheets only).
   */
  private guess: SheetRange | null = null;
  private held: { row: number; column: number; value: CellValue }[] = [];
  /** Row and column SheetJS would give a cell or row written without `r`. */
  private tagRow = 0;
  private tagColumn = -1;
  private current: { row: number; cells: CellValue[] } | null = null;
  private nextRow = 0;
  private emitted = 0;
  private out: NumberedRow[] = [];

  private readonly limit: number;

  constructor(
    private readonly context: SheetContext,
    private readonly options: SheetReadOptions = {},
  ) {
    this.limit = options.limit ?? Infinity;
  }

  /** True once the sheet's rows are all read, or `limit` of them. */
  get done(): boolean {
    return this.finished;
  }

  push(text: string): NumberedRow[] {
    if (this.finished) return [];
    this.buffer += text;
    if ((this.started || this.readHead()) && !this.finished) this.readRows();
    return this.take();
  }

  end(): NumberedRow[] {
    if (this.finished) return [];
    if (!this.started) throw new NotStreamable('no <sheetData>');
    throw new NotStreamable('<sheetData> is not closed');
  }

  private take(): NumberedRow[] {
    const rows = this.out;
    this.out = [];
    return rows;
  }

  private readHead(): boolean {
    const open = SHEET_DATA_OPEN.exec(this.buffer);
    if (!open) {
      // A head without <sheetData> in its first megabytes is not a sheet this reader knows.
      if (this.buffer.length > 1 << 22) throw new NotStreamable('no <sheetData> near the start');
      return false;
    }
    this.range = sheetDimension(this.buffer.slice(0, open.index));
    this.started = true;
    if (open[0].endsWith('/>')) {
      // No cells: the declared range's rows, all empty, or no rows at all.
      if (this.range) {
        this.options.onRange?.(this.range);
        this.nextRow = this.range.firstRow;
      }
      this.buffer = '';
      this.finish();
      return false;
    }
    if (this.range) {
      this.options.onRange?.(this.range);
      this.nextRow = this.range.firstRow;
    } else if (this.options.holdWithoutDimension) this.guess = { firstRow: 2_000_000, lastRow: 0, firstColumn: 2_000_000, lastColumn: 0 };
    else throw new NotStreamable('no usable <dimension>');
    this.buffer = this.buffer.slice(open.index + open[0].length);
    return true;
  }

  private readRows(): void {
    const text = this.buffer;
    SHEET_DATA_CLOSE.lastIndex = 0;
    const close = SHEET_DATA_CLOSE.exec(text);
    const regionEnd = close ? close.index : text.length;
    let from = 0;
    ROW_END.lastIndex = 0;
    for (let m = ROW_END.exec(text); m && m.index < regionEnd; m = ROW_END.exec(text)) {
      this.readPiece(text.slice(from, m.index));
      from = ROW_END.lastIndex;
      if (this.finished) return;
    }
    if (close) {
      // What follows the last </row> is a piece too (self-closing rows, or a row left unclosed).
      this.readPiece(text.slice(from, regionEnd));
      this.finish();
      return;
    }
    this.buffer = text.slice(from);
  }

  /** One piece of the sheet data between two </row>: a row tag (or self-closing rows) and its cells. */
  private readPiece(piece: string): void {
    const x = piece.trim();
    if (x.length === 0) return;
    // The first tag that is not self-closing is the row; self-closing rows before it hold nothing.
    let start = 0;
    let end = -1;
    for (let i = 0; i < x.length; i++) {
      const c = x.charCodeAt(i);
      if (c === 60) start = i;
      else if (c === 62 && x.charCodeAt(i - 1) !== 47) {
        end = i + 1;
        break;
      }
    }
    const tagEnd = end === -1 ? x.length : end - 1;
    let nameEnd = start + 1;
    while (nameEnd < tagEnd && x.charCodeAt(nameEnd) > 32 && x.charCodeAt(nameEnd) !== 47) nameEnd++;
    const r = cellAttributes(x, nameEnd, tagEnd).r;
    this.tagRow = r !== undefined ? parseInt(r, 10) : this.tagRow + 1;
    this.tagColumn = -1;
    if (this.guess) {
      if (this.tagRow - 1 < this.guess.firstRow) this.guess.firstRow = this.tagRow - 1;
      if (this.tagRow - 1 > this.guess.lastRow) this.guess.lastRow = this.tagRow - 1;
    }
    if (end === -1) return;
    const cells = x.slice(end).split(CELL_START);
    let first = 0;
    while (first < cells.length && cells[first].trim().charAt(0) === '<') first++;
    for (let k = first; k < cells.length; k++) this.readCell(cells[k].trim());
  }

  private readCell(piece: string): void {
    if (piece.length === 0) return;
    const ref = firstRef(piece);
    this.tagColumn = ref !== null ? columnOf(ref) : this.tagColumn + 1;
    // SheetJS reads a piece that starts with '<' as a cell without attributes whose body is the piece.
    const bare = piece.charCodeAt(0) === 60;
    const tagEnd = bare ? -1 : piece.indexOf('>');
    const tag = bare ? NO_ATTRIBUTES : cellAttributes(piece, 0, tagEnd === -1 ? piece.length : tagEnd);
    const body = bare ? piece : tagEnd === -1 ? '' : piece.slice(tagEnd + 1);
    const type = tag.t;
    const raw = body.length > 0 ? valueContent(body) : null;
    if (raw !== null && raw.indexOf('<![CDATA[') !== -1) throw new NotStreamable('CDATA in a value');
    const v = raw === null || raw === '' ? undefined : raw.indexOf('&') === -1 && raw.indexOf('_') === -1 ? raw : unescapeXml(raw, false);
    if (type === undefined && v === undefined) return;
    if (this.guess) {
      if (this.tagColumn < this.guess.firstColumn) this.guess.firstColumn = this.tagColumn;
      if (this.tagColumn > this.guess.lastColumn) this.guess.lastColumn = this.tagColumn;
    }
    let value: CellValue;
    switch (type ?? 'n') {
      case 'n':
        if (v === undefined) return;
        value = this.number(parseFloat(v), tag.s);
        break;
      case 's': {
        if (v === undefined) return;
        const index = parseInt(v, 10);
        if (!(index >= 0 && index < this.context.strings.length)) throw new NotStreamable('shared string index past the table');
        value = this.context.strings[index] ?? '';
        break;
      }
      case 'str':
        // SheetJS unescapes a formula's cached text twice, the second time after reading it as
        // UTF-8 bytes: an escape that gives a character past ASCII comes out differently there.
        if (raw && !escapesStayAscii(raw)) throw new NotStreamable('an escape past ASCII in a formula result');
        value = v === undefined ? '' : unescapeXml(v, true);
        break;
      case 'inlineStr': {
        const item = elementContent(body, 'is');
        if (item !== null && item.indexOf('<![CDATA[') !== -1) throw new NotStreamable('CDATA in an inline string');
        let text: string | undefined;
        try {
          text = item === null ? '' : stringItemText(item);
        } catch {
          throw new NotStreamable('unclosed phonetic run');
        }
        value = text ?? '';
        break;
      }
      case 'b':
        value = v === '1' || v === 'true';
        break;
      case 'e':
        // #N/A, #VALUE!: what Excel shows; coercion then treats it as unreadable.
        value = v ?? '#ERROR';
        break;
      case 'd':
        throw new NotStreamable('a cell of type d');
      default:
        value = null;
    }
    const at = tag.r;
    // Placed by the cell's own reference, as SheetJS places it (every digit to the row, every capital to the column).
    const position = at !== undefined ? XLSX.utils.decode_cell(at) : { r: this.tagRow - 1, c: this.tagColumn };
    this.place(position.r, position.c, value);
  }

  private number(n: number, style: string | undefined): CellValue {
    if (!this.context.numberIsDate(style)) return n;
    const ms = excelSerialToMs(n);
    return ms === INVALID ? n : ({ date: ms } satisfies DateCell);
  }

  private place(row: number, column: number, value: CellValue): void {
    if (this.guess) {
      this.held.push({ row, column, value });
      return;
    }
    const range = this.range!;
    if (row < range.firstRow || row > range.lastRow || column < range.firstColumn || column > range.lastColumn) return;
    if (!this.current || this.current.row !== row) {
      if (this.current && row < this.current.row) throw new NotStreamable('cells out of row order');
      if (this.current) this.emit(this.current.row, this.current.cells);
      if (this.finished) return;
      this.current = { row, cells: new Array<CellValue>(range.lastColumn - range.firstColumn + 1).fill(null) };
    }
    this.current.cells[column - range.firstColumn] = value;
  }

  /** A sheet held for want of a dimension, now that its range is known: its rows in order. */
  private emitHeld(guess: SheetRange): void {
    this.guess = null;
    const held = this.held;
    this.held = [];
    if (guess.lastColumn < guess.firstColumn || guess.lastRow < guess.firstRow) return;
    this.options.onRange?.(guess);
    this.range = guess;
    this.nextRow = guess.firstRow;
    const width = guess.lastColumn - guess.firstColumn + 1;
    const rows = new Map<number, CellValue[]>();
    for (const { row, column, value } of held) {
      if (row < guess.firstRow || row > guess.lastRow || column < guess.firstColumn || column > guess.lastColumn) continue;
      let cells = rows.get(row);
      if (!cells) rows.set(row, (cells = new Array<CellValue>(width).fill(null)));
      cells[column - guess.firstColumn] = value;
    }
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      this.emit(row, rows.get(row)!);
      if (this.finished) return;
    }
  }

  /** Emits the rows before `row` as empty ones, then `row` itself. */
  private emit(row: number, cells: CellValue[]): void {
    this.padTo(row);
    if (!this.finished) this.pushRow(row, cells);
  }

  /** Empty rows up to (not including) `row`: a row Excel did not store is still a row of the grid. */
  private padTo(row: number): void {
    const range = this.range!;
    const width = range.lastColumn - range.firstColumn + 1;
    while (this.nextRow < row && !this.finished) this.pushRow(this.nextRow, new Array<CellValue>(width).fill(null));
  }

  private pushRow(row: number, cells: CellValue[]): void {
    this.out.push({ row: row + 1, cells });
    this.nextRow = row + 1;
    if (++this.emitted >= this.limit) this.finished = true;
  }

  private finish(): void {
    if (this.guess) this.emitHeld(this.guess);
    if (!this.range) {
      // Nothing with a value: SheetJS gives the sheet no range, and no rows.
      this.finished = true;
      return;
    }
    if (this.current && !this.finished) this.emit(this.current.row, this.current.cells);
    this.current = null;
    this.padTo(this.range!.lastRow + 1);
    this.finished = true;
  }
}
