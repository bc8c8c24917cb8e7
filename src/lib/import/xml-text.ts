// Reading text out of spreadsheet XML the way SheetJS reads it, so that a sheet streamed by our
// own reader (xlsx-sheet-xml.ts) gives the very values SheetJS gives for the same cells: its
// entity rules (named and numeric references, taken as UTF-16 code units), Excel's _xHHHH_
// escapes, CRLF as LF in cell text, and its way of reading a string item (plain or rich runs,
// phonetic runs dropped). CDATA sections are not read here: the callers refuse them.

/** The five named entities XML defines; any other spelling of them reads as U+0000, as SheetJS reads it. */
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const EXCEL_ESCAPE = /_x([\da-fA-F]{4})_/gi;

function entity(match: string, code: string | undefined): string {
  const named = NAMED[match];
  if (named !== undefined) return named;
  // `&#X41;` is read as decimal (only a lowercase x means hex), `&AMP;` as NaN: both as SheetJS does.
  return String.fromCharCode(code === undefined ? NaN : parseInt(code, match.indexOf('x') > -1 ? 16 : 10));
}

/** XML text as SheetJS's unescapexml reads it; `cellText` also turns CRLF into LF, as it does for cell values. */
export function unescapeXml(text: string, cellText: boolean): string {
  let out = text;
  if (out.indexOf('&') !== -1) out = out.replace(ENTITY, entity);
  if (out.indexOf('_') !== -1) out = out.replace(EXCEL_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (cellText && out.indexOf('\r') !== -1) out = out.replace(/\r\n/g, '\n');
  return out;
}

const elementPatterns = new Map<string, [RegExp, RegExp]>();
function patternsOf(tag: string): [RegExp, RegExp] {
  let patterns = elementPatterns.get(tag);
  if (!patterns) {
    patterns = [new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g'), new RegExp(`</(?:\\w+:)?${tag}>`, 'g')];
    elementPatterns.set(tag, patterns);
  }
  return patterns;
}

/** The content of the first `<tag …>…</tag>` (any namespace prefix), or null when there is none. */
export function elementContent(text: string, tag: string): string | null {
  const [open, close] = patternsOf(tag);
  open.lastIndex = 0;
  const start = open.exec(text);
  if (!start) return null;
  close.lastIndex = open.lastIndex;
  const end = close.exec(text);
  if (!end) return null;
  return text.slice(open.lastIndex, end.index);
}

/** The text without any `<tag …>…</tag>` element; null when one is not closed (SheetJS then fails). */
function withoutElements(text: string, tag: string): string | null {
  const [open, close] = patternsOf(tag);
  open.lastIndex = 0;
  let kept = '';
  let from = 0;
  for (let start = open.exec(text); start; start = open.exec(text)) {
    kept += text.slice(from, start.index);
    close.lastIndex = open.lastIndex;
    const end = close.exec(text);
    if (!end) return null;
    from = close.lastIndex;
    open.lastIndex = close.lastIndex;
  }
  return kept + text.slice(from);
}

const PLAIN_TEXT = /^\s*<(?:\w+:)?t[^>]*>/;
const TEXT_END = /<\/(?:\w+:)?t>/;
const RICH_RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>[^<]*<\/(?:\w+:)?t>/g;

/**
 * The text of a string item (`<si>` of the shared strings, `<is>` of an inline string): a plain
 * `<t>`, or the `<t>` of every rich run joined, phonetic runs (`<rPh>`) left out; undefined when
 * it holds neither (SheetJS then gives the cell no value). Throws on an unclosed phonetic run.
 */
export function stringItemText(item: string): string | undefined {
  if (!item) return '';
  if (PLAIN_TEXT.test(item)) return unescapeXml(item.slice(item.indexOf('>') + 1).split(TEXT_END)[0] ?? '', true);
  if (!RICH_RUN.test(item)) return undefined;
  const runs = withoutElements(item, 'rPh');
  if (runs === null) throw new Error('unclosed phonetic run');
  return unescapeXml((runs.match(RUN_TEXT) ?? []).join('').replace(/<[^<>]*>/g, ''), true);
}
