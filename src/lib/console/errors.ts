// DuckDB's error text → a message and a position in the user's SQL. DuckDB reports a position
// only as a picture: `LINE 3: <the line, maybe cut to ~80 columns with "...">` and a caret under
// the offending spot, indented in *display columns* (a Chinese character counts two, see
// QueryErrorContext::Format in duckdb/src/parser/query_error_context.cpp). We undo that picture
// against the text the user typed to get a line, a column and an offset we can highlight.

export interface SqlErrorPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in characters of the user's text. */
  column: number;
  /** 0-based offset into the user's text. */
  offset: number;
}

export interface SqlErrorInfo {
  /** DuckDB's class of error, e.g. 'Parser Error'; null when the text names none. */
  kind: string | null;
  /** The message without its class and without the LINE/caret picture. */
  message: string;
  position: SqlErrorPosition | null;
  /** The engine refused several statements at once (it prepares exactly one). */
  multipleStatements: boolean;
  /** The text as the engine sent it, for the details view. */
  raw: string;
}

const PICTURE = /(?:^|\n)LINE (\d+): ([^\n]*)\n( *)\^/;
const KIND = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error): ?([\s\S]*)$/;

export function parseSqlError(raw: string, sqlText: string): SqlErrorInfo {
  const picture = PICTURE.exec(raw);
  const head = (picture ? raw.slice(0, picture.index) : raw).trim();
  const kindMatch = KIND.exec(head);
  return {
    kind: kindMatch ? kindMatch[1] : null,
    message: (kindMatch ? kindMatch[2] : head).trim(),
    position: picture
      ? positionOf(Number(picture[1]), picture[2], picture[3].length - `LINE ${picture[1]}: `.length, sqlText)
      : /at end of input/i.test(head)
        ? endOf(sqlText)
        : null,
    multipleStatements: /multiple statements/i.test(head),
    raw,
  };
}

function positionOf(line: number, shown: string, caretWidth: number, sqlText: string): SqlErrorPosition | null {
  if (!Number.isInteger(line) || line < 1 || caretWidth < 0) return null;
  let fragment = shown;
  let width = caretWidth;
  const cutStart = fragment.startsWith('...');
  if (cutStart) {
    fragment = fragment.slice(3);
    width -= 3;
  }
  if (fragment.endsWith('...')) fragment = fragment.slice(0, -3);
  const inFragment = indexAtWidth(fragment, width);

  // DuckDB 1.4 counts CRLF as one line break, like a lone \r or \n.
  const breaks = /\r\n|\r|\n/g;
  const lines = sqlText.split(breaks);
  const lineText = lines[line - 1];
  if (lineText === undefined) return null;
  let start = cutStart ? lineText.indexOf(fragment) : 0;
  if (start < 0) start = 0;
  const column = Math.min(start + inFragment, lineText.length) + 1;
  let offset = 0;
  breaks.lastIndex = 0;
  for (let i = 1; i < line; i++) {
    const m = breaks.exec(sqlText);
    if (!m) return null;
    offset = m.index + m[0].length;
  }
  return { line, column, offset: offset + column - 1 };
}

/** Where the text stops, trailing blanks aside: DuckDB's "at end of input" draws no caret. */
function endOf(sqlText: string): SqlErrorPosition {
  const offset = sqlText.trimEnd().length;
  const before = sqlText.slice(0, offset);
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line: (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1, column: offset - lastBreak, offset };
}

/** The character index in `text` at which the rendered width reaches `width`. */
function indexAtWidth(text: string, width: number): number {
  let used = 0;
  let index = 0;
  for (const ch of text) {
    if (used >= width) break;
    used += displayWidth(ch.codePointAt(0)!);
    index += ch.length;
  }
  return index;
}

/**
 * Terminal width of a code point: 2 for East Asian wide and fullwidth characters, 0 for
 * combining marks, 1 otherwise. Enough of utf8proc's table for the text this workbench sees.
 */
export function displayWidth(cp: number): number {
  if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** The span to highlight: the word or symbol run starting at the offset, at least one character. */
export function errorSpan(sqlText: string, offset: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(offset, sqlText.length));
  const rest = sqlText.slice(start);
  const word = /^(?:[\p{L}\p{N}_$]+|"(?:[^"]|"")*"?|'(?:[^']|'')*'?|[^\s\p{L}\p{N}_$"']+)/u.exec(rest);
  const length = word ? word[0].length : 0;
  return { start, end: Math.min(sqlText.length, start + Math.max(1, Math.min(length, 80))) };
}
