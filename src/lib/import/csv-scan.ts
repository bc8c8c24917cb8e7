// A byte-level pass over a UTF-8 CSV that finds what DuckDB's reader does not tell us: which
// records are blank lines (DuckDB skips them silently, yet they count as Excel rows and as
// blankRows in the report), and whether the file holds anything our own reader treats
// differently from DuckDB's (NUL bytes, a lone CR line break, LF and CRLF mixed, a quote left
// open at the end). It counts records exactly as csv.ts does (a quoted field spanning lines is
// one record), so the engine path can check DuckDB's row count against it.
// It jumps between quotes and line feeds with indexOf (memchr speed) instead of looking at
// every byte: a 400 MB export is scanned in a fraction of the time it takes to parse.

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
}

export class CsvScanner {
  private readonly delimiter: number;
  private inQuote = false;
  /** The previous chunk ended on a quote inside a quoted field: closing, or the first of a doubled pair. */
  private quoteAtEnd = false;
  /** Byte before the current position; -1 at the start of a record. */
  private prev = -1;
  /** Bytes of the current record so far (only compared with 0 and 1). */
  private recordBytes = 0;
  private crTotal = 0;
  private crInQuotes = 0;
  private readonly scan: CsvScan = { records: 0, blankRows: [], lineBreaks: 0, crlfBreaks: 0, loneCr: 0, hasNul: false, strayQuote: false, unterminatedQuote: false, longestRecordBytes: 0 };

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records completed so far, for progress. */
  get records(): number {
    return this.scan.records;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (!this.scan.hasNul && chunk.indexOf(NUL) >= 0) this.scan.hasNul = true;
    for (let c = chunk.indexOf(CR); c >= 0; c = chunk.indexOf(CR, c + 1)) this.crTotal++;
    let i = 0;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (chunk[0] === QUOTE) {
        i = 1;
        this.recordBytes++;
      } else {
        this.inQuote = false;
        this.checkAfterClosingQuote(chunk[0]);
      }
    }
    let nextLf = -2;
    let nextQuote = -2;
    let endedRecordAtEnd = false;
    while (i < n) {
      endedRecordAtEnd = false;
      if (this.inQuote) {
        const q = chunk.indexOf(QUOTE, i);
        const stop = q < 0 ? n : q;
        this.countCrInQuotes(chunk, i, stop);
        this.recordBytes += stop - i + 1;
        if (q < 0) {
          i = n;
          break;
        }
        if (q + 1 === n) {
          this.quoteAtEnd = true;
          i = n;
          break;
        }
        if (chunk[q + 1] === QUOTE) {
          i = q + 2;
          continue;
        }
        this.inQuote = false;
        this.checkAfterClosingQuote(chunk[q + 1]);
        i = q + 1;
        continue;
      }
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
      if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
      if (nextQuote >= 0 && (nextLf < 0 || nextQuote < nextLf)) {
        const before = nextQuote > 0 ? chunk[nextQuote - 1] : this.prev;
        // Only a quote that opens a field quotes; elsewhere it is a literal character (csv.ts alike).
        if (before === -1 || before === LF || before === this.delimiter) this.inQuote = true;
        this.recordBytes += nextQuote - i + 1;
        i = nextQuote + 1;
        continue;
      }
      if (nextLf >= 0) {
        const before = nextLf > 0 ? chunk[nextLf - 1] : this.prev;
        this.recordBytes += nextLf - i;
        const crlf = before === CR;
        this.endRecord(this.recordBytes === 0 || (this.recordBytes === 1 && crlf));
        this.scan.lineBreaks++;
        if (crlf) this.scan.crlfBreaks++;
        i = nextLf + 1;
        this.prev = -1;
        this.recordBytes = 0;
        endedRecordAtEnd = i === n;
        continue;
      }
      this.recordBytes += n - i;
      i = n;
    }
    if (!endedRecordAtEnd) this.prev = chunk[n - 1];
  }

  private checkAfterClosingQuote(next: number): void {
    if (next !== this.delimiter && next !== LF && next !== CR) this.scan.strayQuote = true;
  }

  private countCrInQuotes(chunk: Uint8Array, from: number, to: number): void {
    for (let c = chunk.indexOf(CR, from); c >= 0 && c < to; c = chunk.indexOf(CR, c + 1)) this.crInQuotes++;
  }

  private endRecord(blank: boolean): void {
    this.scan.records++;
    if (this.recordBytes > this.scan.longestRecordBytes) this.scan.longestRecordBytes = this.recordBytes;
    if (blank && this.scan.blankRows.length <= MAX_BLANK_LINES) this.scan.blankRows.push(this.scan.records);
  }

  end(): CsvScan {
    if (this.inQuote && !this.quoteAtEnd) this.scan.unterminatedQuote = true;
    // Text after the last line break is a last record (a lone CR there is csv.ts's line break too).
    if (this.recordBytes > 0) this.endRecord(this.recordBytes === 1 && this.prev === CR);
    this.scan.loneCr = this.crTotal - this.crInQuotes - this.scan.crlfBreaks;
    return this.scan;
  }
}

export function scanCsvBytes(bytes: Uint8Array, delimiter: string, chunkSize = 1 << 20): CsvScan {
  const scanner = new CsvScanner(delimiter);
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  return scanner.end();
}
