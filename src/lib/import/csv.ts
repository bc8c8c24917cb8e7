// An RFC 4180 CSV reader that takes text in chunks, so a 1,000,000-row export streams through a
// worker without one giant string. Written for the exports we get rather than for the standard
// alone: it never throws on bad input, it reports what it had to tolerate (an unterminated quote
// at the end, text after a closing quote, NUL bytes), and every record carries the row number
// Excel would show for it (a quoted field spanning lines is still one row).

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface CsvRecord {
  /** 1-based, counting every record including blank lines, as Excel numbers the rows it opens. */
  row: number;
  cells: string[];
}

export type CsvIssueKind = 'unterminated-quote' | 'stray-quote' | 'nul-removed';

export interface CsvIssue {
  kind: CsvIssueKind;
  row: number;
  /** How many times it happened (NUL characters removed in one chunk, for instance). */
  count: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const MAX_ISSUES = 1000;

export class CsvParser {
  private buffer = '';
  /** Don't reparse a pending record until the buffer has grown this much: keeps a long quoted field linear. */
  private reparseAt = 0;
  private rowCount = 0;
  private readonly delimiterCode: number;
  readonly issues: CsvIssue[] = [];
  issueCount = 0;

  constructor(readonly delimiter: Delimiter = ',') {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Rows emitted so far. */
  get rowsEmitted(): number {
    return this.rowCount;
  }

  /** Feed the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    if (text.indexOf('\0') >= 0) {
      // DuckDB and Arrow strings cannot carry NUL meaningfully, and no export means one.
      const before = text.length;
      text = text.replace(/\0/g, '');
      this.addIssue({ kind: 'nul-removed', row: this.rowCount + 1, count: before - text.length });
    }
    this.buffer = this.buffer ? this.buffer + text : text;
    if (this.buffer.length < this.reparseAt) return [];
    return this.parse(false);
  }

  /** No more text: returns the remaining records, tolerating an unterminated quote. */
  end(): CsvRecord[] {
    const records = this.parse(true);
    this.buffer = '';
    return records;
  }

  private addIssue(issue: CsvIssue): void {
    this.issueCount++;
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
  }

  private parse(final: boolean): CsvRecord[] {
    const s = this.buffer;
    const n = s.length;
    const d = this.delimiterCode;
    const delimiter = this.delimiter;
    const records: CsvRecord[] = [];
    // Next position of each stop character at or after `pos`; `n` means none left.
    let nextDelimiter = -1;
    let nextLf = -1;
    let nextCr = -1;
    let pos = 0;
    let pendingIssues: CsvIssue[] | null = null;

    records: while (pos < n) {
      const recordStart = pos;
      const cells: string[] = [];
      pendingIssues = null;
      for (;;) {
        if (pos < n && s.charCodeAt(pos) === QUOTE) {
          let value = '';
          let p = pos + 1;
          for (;;) {
            const q = s.indexOf('"', p);
            if (q < 0) {
              if (!final) {
                pos = recordStart;
                break records;
              }
              value += s.slice(p);
              pos = n;
              (pendingIssues ??= []).push({ kind: 'unterminated-quote', row: this.rowCount + 1, count: 1 });
              break;
            }
            if (q + 1 >= n && !final) {
              // A quote at the very end may be the first half of a doubled quote.
              pos = recordStart;
              break records;
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(p, q + 1);
              p = q + 2;
              continue;
            }
            value += s.slice(p, q);
            pos = q + 1;
            break;
          }
          if (pos < n) {
            const c = s.charCodeAt(pos);
            if (c !== d && c !== LF && c !== CR) {
              // `"abc"def`: keep the text after the quote rather than lose it, and say so.
              if (nextDelimiter < pos) nextDelimiter = indexOr(s, delimiter, pos, n);
              if (nextLf < pos) nextLf = indexOr(s, '\n', pos, n);
              if (nextCr < pos) nextCr = indexOr(s, '\r', pos, n);
              const end = Math.min(nextDelimiter, nextLf, nextCr);
              if (end === n && !final) {
                pos = recordStart;
                break records;
              }
              value += s.slice(pos, end);
              pos = end;
              (pendingIssues ??= []).push({ kind: 'stray-quote', row: this.rowCount + 1, count: 1 });
            }
          }
          cells.push(value);
        } else {
          if (nextDelimiter < pos) nextDelimiter = indexOr(s, delimiter, pos, n);
          if (nextLf < pos) nextLf = indexOr(s, '\n', pos, n);
          if (nextCr < pos) nextCr = indexOr(s, '\r', pos, n);
          let end = nextDelimiter < nextLf ? nextDelimiter : nextLf;
          if (nextCr < end) end = nextCr;
          if (end === n && !final) {
            pos = recordStart;
            break records;
          }
          cells.push(s.slice(pos, end));
          pos = end;
        }
        if (pos >= n) {
          if (!final) {
            pos = recordStart;
            break records;
          }
          break;
        }
        const c = s.charCodeAt(pos);
        if (c === d) {
          pos++;
          if (pos >= n) {
            if (!final) {
              pos = recordStart;
              break records;
            }
            cells.push('');
            break;
          }
          continue;
        }
        if (c === LF) {
          pos++;
          break;
        }
        // CR: alone (old Mac) or the first half of CRLF, which may be split across chunks.
        if (pos + 1 >= n && !final) {
          pos = recordStart;
          break records;
        }
        pos += s.charCodeAt(pos + 1) === LF ? 2 : 1;
        break;
      }
      if (pendingIssues) for (const issue of pendingIssues) this.addIssue(issue);
      records.push({ row: ++this.rowCount, cells });
    }

    this.buffer = pos < n ? s.slice(pos) : '';
    // Nothing completed: wait for twice as much text before trying again, so that a record
    // longer than a chunk costs linear time, not quadratic.
    this.reparseAt = records.length === 0 && this.buffer.length > 0 ? this.buffer.length * 2 : 0;
    return records;
  }
}

function indexOr(s: string, char: string, from: number, none: number): number {
  const i = s.indexOf(char, from);
  return i < 0 ? none : i;
}

/** Parse a whole text at once. */
export function parseCsv(text: string, delimiter: Delimiter = ','): { records: CsvRecord[]; issues: CsvIssue[]; issueCount: number } {
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  for (const r of parser.end()) records.push(r);
  return { records, issues: parser.issues, issueCount: parser.issueCount };
}

/**
 * Pick the delimiter from the opening text: the candidate that splits the most lines into the same
 * number (> 1) of fields. A title row without delimiters or a group-header row does not upset it,
 * since only the most common count matters. Quoted text is skipped so a comma in content does not vote.
 */
export function sniffDelimiter(sample: string, preferTab = false): Delimiter {
  const counts = DELIMITERS.map(() => new Map<number, number>());
  const perLine = DELIMITERS.map(() => 0);
  const codes = DELIMITERS.map((c) => c.charCodeAt(0));
  let inQuotes = false;
  let lines = 0;
  const end = Math.min(sample.length, 65536);
  const finishLine = () => {
    for (let k = 0; k < codes.length; k++) {
      if (perLine[k] > 0) counts[k].set(perLine[k], (counts[k].get(perLine[k]) ?? 0) + 1);
      perLine[k] = 0;
    }
    lines++;
  };
  for (let i = 0; i < end && lines < 50; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF || c === CR) {
      if (c === CR && sample.charCodeAt(i + 1) === LF) i++;
      finishLine();
    } else {
      for (let k = 0; k < codes.length; k++) if (c === codes[k]) perLine[k]++;
    }
  }
  if (lines < 50) finishLine();
  let best: Delimiter = preferTab ? '\t' : ',';
  let bestLines = 0;
  let bestFields = 0;
  DELIMITERS.forEach((delimiter, k) => {
    for (const [fields, lineCount] of counts[k]) {
      if (lineCount > bestLines || (lineCount === bestLines && fields > bestFields)) {
        best = delimiter;
        bestLines = lineCount;
        bestFields = fields;
      }
    }
  });
  return best;
}
