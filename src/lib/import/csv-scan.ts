// A byte-level pass over a UTF-8 CSV that finds what DuckDB's reader does not tell us: which
// records are blank lines (DuckDB skips them silently, yet they count as Excel rows and as
// blankRows in the report), and whether the file holds anything our own reader treats
// differently from DuckDB's (NUL bytes, a lone CR line break, LF and CRLF mixed, a quote left
// open at the end). It counts records exactly as csv.ts does (a quoted field spanning lines is
// one record), so the engine path can check DuckDB's row count against it.
// Every byte that matters here (NUL, LF, CR, the quote) is below 0x23, and UTF-8's multibyte
// sequences are all above 0x7F, so one pass skips four bytes at a time while none of them is
// below 0x23 (a SWAR test on 32-bit words) and looks closer only there. Measured on a 1M-row
// ticket export, it is several times quicker than the earlier four indexOf sweeps (NUL, CR,
// quote, LF), whose calls also cost per record.
//
// It also tells whether any cell after a given row may start or end with whitespace (the
// characters JS's trim removes): DuckDB's reader keeps such whitespace, so the engine path looks
// for those cells in a pass of its own (staged-csv.ts), which an export without any is spared.
// That test runs only where the skip stops anyway, plus at every delimiter: a cell's edges lie
// next to a delimiter, a quote or a line break. It errs only towards "may".
//
// Given the header row, it also hands every data cell's bytes to CellFacts (cell-facts.ts), which
// proves what it can for staging to leave out: the stops at delimiters and line breaks are where
// cells end anyway.
import { CellFacts, type CellFactsFound, type CellFactsPlan } from './cell-facts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/** More blank lines than this and the file goes the JS way: the list is held in memory and loaded as a table. */
export const MAX_BLANK_LINES = 1_000_000;

export interface CsvScan {
  /** Records, as csv.ts numbers them (1-based Excel rows). */
  records: number;
  /** Excel rows of the records that are empty lines, ascending (at most MAX_BLANK_LINES + 1 kept). */
  blankRows: number[];
  /** Line breaks outside quotes, and how many of them were CRLF. */
  lineBreaks: number;
  crlfBreaks: number;
  /** CR bytes that end no CRLF outside quotes: csv.ts reads them as line breaks, DuckDB does not. */
  loneCr: number;
  hasNul: boolean;
  /** Text after a closing quote (`"a"b`, `"a" ,`): csv.ts keeps and reports it, DuckDB may drop it. */
  strayQuote: boolean;
  /** The file ended inside a quoted field. */
  unterminatedQuote: boolean;
  /** Bytes of the longest record: an upper bound on its longest cell. */
  longestRecordBytes: number;
  /** The last record (Excel row) with a cell that may start or end with whitespace; 0 for none. */
  lastEdgeSpaceRow: number;
  /** What the data rows' cells prove (cell-facts.ts), when the scanner was given the header row. */
  facts?: CellFactsFound;
}

/** Where the scan stands with quotes (plain numbers: this is the hot loop). */
const OUTSIDE = 0;
const INSIDE = 1;
/** A quote seen inside a quoted field, at the end of a chunk: closing, or the first of a doubled pair. */
const PENDING = 2;

const HIGH_BITS = 0x80808080 | 0;
/** Subtracted from a word, it borrows into the high bit of each byte below 0x23 (and may above the first). */
const LOW_BYTE = 0x23232323;
const LOW_BITS = 0x7f7f7f7f;
const ONES = 0x01010101;
/** Added to a byte's low seven bits, this sets its high bit exactly when the byte is at least 0x23. */
const FROM_0x23 = 0x5d5d5d5d;

/**
 * The high bit of each byte of word `v` (little-endian: the first byte lowest) that is below 0x23
 * or is the delimiter, and no other bit. Exact for every byte: no byte's sum carries into the
 * next, so the bytes after a stop in the same word can be tested again.
 */
function stops(v: number, delimiterWord: number): number {
  const atLeast0x23 = ((v & LOW_BITS) + FROM_0x23) | v;
  const d = v ^ delimiterWord;
  const notDelimiter = ((d & LOW_BITS) + LOW_BITS) | d;
  return ~(atLeast0x23 & notDelimiter) & HIGH_BITS;
}

/** An edge test that ran out of bytes: it is finished with the next chunk's. */
const UNKNOWN = -1;
const NO = 0;
const YES = 1;

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * The UTF-8 forms of the whitespace above U+007F that JS's trim removes, bar U+00A0 (C2 A0):
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
 */
function isWideSpace(a: number, b: number, c: number): boolean {
  switch (a) {
    case 0xe1:
      return b === 0x9a && c === 0x80;
    case 0xe2:
      return (b === 0x80 && ((c >= 0x80 && c <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf)) || (b === 0x81 && c === 0x9f);
    case 0xe3:
      return b === 0x80 && c === 0x80;
    case 0xef:
      return b === 0xbb && c === 0xbf;
    default:
      return false;
  }
}

/**
 * Whether a whitespace character starts at `j` of `bytes` (UNKNOWN: the bytes end first). A
 * line break counts only where it is a cell's text (just inside an opening quote), and the
 * delimiter never does.
 */
function spaceStartsAt(bytes: Uint8Array, j: number, delimiter: number, lineBreakIsText: boolean): number {
  const n = bytes.length;
  if (j >= n) return UNKNOWN;
  const a = bytes[j];
  if (a <= 0x20) {
    if (a === delimiter || !isAsciiSpace(a)) return NO;
    return a === LF || a === CR ? (lineBreakIsText ? YES : NO) : YES;
  }
  if (a !== 0xc2 && a !== 0xe1 && a !== 0xe2 && a !== 0xe3 && a !== 0xef) return NO;
  if (j + 1 >= n) return UNKNOWN;
  if (a === 0xc2) return bytes[j + 1] === 0xa0 ? YES : NO;
  if (j + 2 >= n) return UNKNOWN;
  return isWideSpace(a, bytes[j + 1], bytes[j + 2]) ? YES : NO;
}

/** Bytes that can begin a whitespace character (the ASCII ones, and the lead bytes of the wide ones). */
const MAY_BEGIN_SPACE = new Uint8Array(256);
/** Bytes that can end one. */
const MAY_END_SPACE = new Uint8Array(256);
for (let b = 0; b <= 0x20; b++) MAY_BEGIN_SPACE[b] = MAY_END_SPACE[b] = 1;
for (const b of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) MAY_BEGIN_SPACE[b] = 1;
for (const b of [0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x9f, 0xa0, 0xa8, 0xa9, 0xaf, 0xbf]) MAY_END_SPACE[b] = 1;

const NOTHING_WATCHED = new Uint8Array(0);

/** A cell-start test waiting for the next chunk's bytes. */
interface PendingStart {
  bytes: number[];
  lineBreakIsText: boolean;
  row: number;
}

export class CsvScanner {
  private readonly delimiter: number;
  private quote: number = OUTSIDE;
  /** The byte before the next chunk's first; -1 at the very start. */
  private prev = -1;
  /** Bytes of the current record before the current chunk. */
  private recordBytes = 0;
  private crTotal = 0;
  private crInQuotes = 0;
  /** The last four bytes before the current chunk, oldest first; -1 where there were none. */
  private readonly tail = [-1, -1, -1, -1];
  private pendingStart: PendingStart | null = null;
  /** What the cells prove so far, when the scanner was given the header row (readableSoFar reads it part by part). */
  readonly facts: CellFacts | null;
  /** The column of the cell under way, and whether it began with a quote. */
  private col = 0;
  private cellQuoted = false;
  private readonly scan: CsvScan = {
    records: 0,
    blankRows: [],
    lineBreaks: 0,
    crlfBreaks: 0,
    loneCr: 0,
    hasNul: false,
    strayQuote: false,
    unterminatedQuote: false,
    longestRecordBytes: 0,
    lastEdgeSpaceRow: 0,
  };

  constructor(delimiter: string, facts?: CellFactsPlan) {
    this.delimiter = delimiter.charCodeAt(0);
    this.facts = facts ? new CellFacts(facts) : null;
  }

  /** Records completed so far, for progress. */
  get records(): number {
    return this.scan.records;
  }

  /**
   * Bytes at the end of what was pushed that belong to a record not yet ended: cutting the bytes
   * this far before their end cuts just after a line break outside quotes (csv-prepare.ts's parts).
   */
  get openRecordBytes(): number {
    return this.recordBytes;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    const delimiter = this.delimiter;
    const delimiterWord = Math.imul(delimiter, ONES);
    if (this.pendingStart) this.finishPendingStart(chunk);
    // The data's first cell starts here.
    if (this.prev === -1) this.checkCellStart(chunk, 0, false);
    // The chunk's whole aligned words, for the four-at-a-time skip.
    const offset = chunk.byteOffset;
    const wordStart = Math.min(n, (4 - (offset & 3)) & 3);
    const wordCount = (n - wordStart) >> 2;
    const words = wordCount > 0 ? new Int32Array(chunk.buffer, offset + wordStart, wordCount) : null;
    const wordEnd = wordStart + wordCount * 4;
    /** Where the current record's bytes in this chunk begin. */
    let recordStart = 0;
    let carried = this.recordBytes;
    let quote = this.quote;
    const facts = this.facts;
    const watched = facts !== null ? facts.watched : NOTHING_WATCHED;
    /** Where the cell under way begins in this chunk (0: in an earlier one, whose bytes facts kept). */
    let cellStart = 0;
    // The cell under way's column and quoting, as locals in the loop (written back at the end).
    let col = this.col;
    let cellQuoted = this.cellQuoted;
    let i = 0;
    if (quote === PENDING) {
      if (chunk[0] === QUOTE) {
        quote = INSIDE;
        i = 1;
      } else {
        quote = OUTSIDE;
        this.checkAfterClosingQuote(chunk[0]);
      }
    }
    while (i < n) {
      // Skip to the next byte below 0x23 or delimiter: the stops of its word, less those before i,
      // then of the words after. A stop's position comes from its bit (count trailing zeros), so
      // after a delimiter the rest of its word is not stepped through a byte at a time.
      if (words !== null && i >= wordStart && i < wordEnd) {
        let w = (i - wordStart) >> 2;
        let found = stops(words[w], delimiterWord) & (-1 << (((i - wordStart) & 3) << 3));
        while (found === 0 && ++w < wordCount) {
          // A cheaper test for whole words: its lowest bit is exact, its false ones lie above it.
          const v = words[w];
          const d = v ^ delimiterWord;
          found = (((v - LOW_BYTE) & ~v) | ((d - ONES) & ~d)) & HIGH_BITS;
        }
        if (found === 0) {
          i = wordEnd;
          if (i >= n) break;
        } else i = wordStart + (w << 2) + ((31 - Math.clz32(found & -found)) >> 3);
      }
      const b = chunk[i];
      if (b === delimiter) {
        // Between two cells (inside quotes it is text).
        // Most cells begin and end with neither: one table look each spares the full tests.
        if (quote === OUTSIDE) {
          if (i === 0 || MAY_END_SPACE[chunk[i - 1]] === 1) this.checkCellEnd(chunk, i, carried + i - recordStart);
          if (i + 1 === n || MAY_BEGIN_SPACE[chunk[i + 1]] === 1) this.checkCellStart(chunk, i + 1, false);
          if (facts !== null) {
            if (watched[col] === 1) facts.cell(this.scan.records + 1, col, chunk, cellStart, i, cellQuoted, false);
            col++;
            cellStart = i + 1;
            cellQuoted = false;
          }
        }
        i++;
        continue;
      }
      if (b > QUOTE) {
        i++;
        continue;
      }
      if (b === LF) {
        if (quote === OUTSIDE) {
          const length = carried + i - recordStart;
          const crlf = (i > 0 ? chunk[i - 1] : this.prev) === CR;
          this.checkCellEnd(chunk, crlf ? i - 1 : i, crlf ? length - 1 : length);
          const blank = length === 0 || (length === 1 && crlf);
          if (facts !== null) {
            // DuckDB skips a blank line: it has no cells.
            if (!blank) {
              facts.cell(this.scan.records + 1, col, chunk, cellStart, i, cellQuoted, crlf);
              facts.rowEnded(this.scan.records + 1);
            } else facts.dropCarried();
            col = 0;
            cellStart = i + 1;
            cellQuoted = false;
          }
          this.endRecord(length, blank);
          this.scan.lineBreaks++;
          if (crlf) this.scan.crlfBreaks++;
          recordStart = i + 1;
          carried = 0;
          this.checkCellStart(chunk, i + 1, false);
        }
      } else if (b === QUOTE) {
        if (quote === OUTSIDE) {
          const before = i > 0 ? chunk[i - 1] : this.prev;
          // Only a quote that opens a field quotes; elsewhere it is a literal character (csv.ts alike).
          if (before === -1 || before === LF || before === delimiter) {
            quote = INSIDE;
            cellQuoted = true;
            this.checkCellStart(chunk, i + 1, true);
          }
        } else {
          // A closing quote, or the first of a doubled pair (then the test errs towards "may").
          this.checkCellEnd(chunk, i, carried + i - recordStart);
          if (i + 1 === n) {
            quote = PENDING;
          } else if (chunk[i + 1] === QUOTE) {
            i++; // a doubled quote inside a quoted field
          } else {
            quote = OUTSIDE;
            this.checkAfterClosingQuote(chunk[i + 1]);
          }
        }
      } else if (b === CR) {
        this.crTotal++;
        if (quote !== OUTSIDE) this.crInQuotes++;
      } else if (b === NUL) {
        this.scan.hasNul = true;
      }
      i++;
    }
    this.recordBytes = carried + n - recordStart;
    if (facts !== null && cellStart < n) facts.carry(this.scan.records + 1, col, chunk, cellStart, cellQuoted);
    this.col = col;
    this.cellQuoted = cellQuoted;
    this.quote = quote;
    this.prev = chunk[n - 1];
    const t = this.tail;
    for (let k = Math.max(0, n - 4); k < n; k++) {
      t[0] = t[1];
      t[1] = t[2];
      t[2] = t[3];
      t[3] = chunk[k];
    }
  }

  /** Byte `k` of the chunk; from -4 on, the bytes before it. */
  private at(chunk: Uint8Array, k: number): number {
    return k >= 0 ? chunk[k] : this.tail[4 + k];
  }

  private edgeSpace(row: number): void {
    if (row > this.scan.lastEdgeSpaceRow) this.scan.lastEdgeSpaceRow = row;
  }

  /**
   * A cell ends before `end` (a delimiter, a closing quote, a line break): does it end with
   * whitespace? `available` bytes of the record lie before `end`; nothing of the record before
   * is looked at. A line break counts: before a closing quote it is the cell's text.
   */
  private checkCellEnd(chunk: Uint8Array, end: number, available: number): void {
    if (available <= 0) return;
    const x = this.at(chunk, end - 1);
    let space: boolean;
    if (x <= 0x20) space = x !== this.delimiter && isAsciiSpace(x);
    else if (x < 0x80 || available < 2) space = false;
    else if (x === 0xa0) space = this.at(chunk, end - 2) === 0xc2;
    else space = available >= 3 && isWideSpace(this.at(chunk, end - 3), this.at(chunk, end - 2), x);
    if (space) this.edgeSpace(this.scan.records + 1);
  }

  /** A cell starts at `j`: does it start with whitespace? Finished with the next chunk when this one ends first. */
  private checkCellStart(chunk: Uint8Array, j: number, lineBreakIsText: boolean): void {
    const row = this.scan.records + 1;
    const found = spaceStartsAt(chunk, j, this.delimiter, lineBreakIsText);
    if (found === YES) this.edgeSpace(row);
    else if (found === UNKNOWN) this.pendingStart = { bytes: Array.from(chunk.subarray(j)), lineBreakIsText, row };
  }

  private finishPendingStart(chunk: Uint8Array): void {
    const pending = this.pendingStart!;
    this.pendingStart = null;
    const bytes = new Uint8Array([...pending.bytes, ...chunk.subarray(0, 3)]);
    const found = spaceStartsAt(bytes, 0, this.delimiter, pending.lineBreakIsText);
    if (found === YES) this.edgeSpace(pending.row);
    // Still short (chunks of a byte or two): wait for more.
    else if (found === UNKNOWN) this.pendingStart = { ...pending, bytes: Array.from(bytes) };
  }

  private checkAfterClosingQuote(next: number): void {
    if (next !== this.delimiter && next !== LF && next !== CR) this.scan.strayQuote = true;
  }

  private endRecord(length: number, blank: boolean): void {
    this.scan.records++;
    if (length > this.scan.longestRecordBytes) this.scan.longestRecordBytes = length;
    if (blank && this.scan.blankRows.length <= MAX_BLANK_LINES) this.scan.blankRows.push(this.scan.records);
  }

  end(): CsvScan {
    if (this.quote === INSIDE) this.scan.unterminatedQuote = true;
    // A partial character at the very end is no whitespace.
    this.pendingStart = null;
    // The last record's last cell, when no line break ends the data.
    if (this.recordBytes > 0) this.checkCellEnd(new Uint8Array(0), 0, this.recordBytes);
    if (this.recordBytes > 0 && this.facts !== null) {
      this.facts.cell(this.scan.records + 1, this.col, new Uint8Array(0), 0, 0, this.cellQuoted, false);
      this.facts.rowEnded(this.scan.records + 1);
    }
    // Text after the last line break is a last record (a lone CR there is csv.ts's line break too).
    if (this.recordBytes > 0) this.endRecord(this.recordBytes, this.recordBytes === 1 && this.prev === CR);
    this.scan.loneCr = this.crTotal - this.crInQuotes - this.scan.crlfBreaks;
    if (this.facts !== null) this.scan.facts = this.facts.found();
    return this.scan;
  }
}

export function scanCsvBytes(bytes: Uint8Array, delimiter: string, chunkSize = 1 << 20, facts?: CellFactsPlan): CsvScan {
  const scanner = new CsvScanner(delimiter, facts);
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  return scanner.end();
}
