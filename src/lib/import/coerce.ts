// Cell → typed value, driven by the canonical column type. Timestamps are naive local China time:
// every form is turned into milliseconds with Date.UTC of the wall-clock fields, so the machine's
// time zone never shifts them. A value that cannot be read comes back as INVALID, never as a guess.
import { formatNaive, isDateCell, type CellValue } from './cells';

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** The earliest and latest years accepted: anything outside is a typo or a broken cell in this domain. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
/** Excel's 1900 date system counts days from 1899-12-30 (it thinks 1900 was a leap year). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials written as text are only believed in a plausible range (1927–2173), so a bare year or count is not a date. */
const MIN_TEXT_SERIAL = 10_000;
const MAX_SERIAL = 2_958_466; // 9999-12-31 + 1

const NULL_TOKENS = new Set(['', '-', '--', '—', '/', '\\', 'null', 'nan', 'n/a', '#n/a', 'none', '无']);

function isNullText(text: string): boolean {
  return text.length <= 4 && NULL_TOKENS.has(text.toLowerCase());
}

/** Year-month-day with -, /, . or 年月日, then an optional time with :, 时分秒 or 点; T or space or nothing between. */
const DATE_TIME =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s*|T)(\d{1,2})\s*[:时点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:[.,](\d{1,9}))?\s*秒?)?\s*分?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** 20240105, 202401051305, 20240105130500. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1];
}

/** Whether wall-clock fields name a time that exists, in the years accepted (not 2024-02-30, not 24:00). */
export function isValidWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour <= 23 && minute <= 59 && second <= 59;
}

/** Milliseconds for validated wall-clock fields, or INVALID for a date that does not exist (2024-02-30). */
export function naiveMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number | Invalid {
  if (!isValidWallClock(year, month, day, hour, minute, second)) return INVALID;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** Excel serial (days since 1899-12-30 with the time as a fraction) → naive ms, rounded to the second as Excel displays it. */
export function excelSerialToMs(serial: number): number | Invalid {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL) return INVALID;
  const ms = Math.round((serial * DAY_MS) / 1000) * 1000 + EXCEL_EPOCH_MS;
  const year = new Date(ms).getUTCFullYear();
  return year < MIN_YEAR || year > MAX_YEAR ? INVALID : ms;
}

export interface TimestampResult {
  value: number | null | Invalid;
  /** The text carried a zone (Z, +08:00); it was ignored, and the caller may say so. */
  zoneIgnored: boolean;
}

const noZone = (value: number | null | Invalid): TimestampResult => ({ value, zoneIgnored: false });

/**
 * Every timestamp form of data-model.md. A zone suffix (Z, +08:00) is ignored: these systems write
 * China wall-clock time, and shifting a value written with a stray Z by eight hours would move
 * tickets across days; the caller reports that the zone was dropped.
 */
export function parseTimestamp(cell: CellValue): TimestampResult {
  if (cell === null) return noZone(null);
  if (isDateCell(cell)) return noZone(Number.isFinite(cell.date) ? cell.date : INVALID);
  if (typeof cell === 'boolean') return noZone(INVALID);
  if (typeof cell === 'number') {
    // A number in a spreadsheet is a serial, unless it is a compact date typed as a number.
    if (Number.isInteger(cell) && cell >= 19_000_101) return parseTimestampText(String(cell));
    return noZone(excelSerialToMs(cell));
  }
  return parseTimestampText(cell);
}

/** Digits at s[from, from+count) as a number, or -1 when any is not a digit. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The overwhelmingly common `2024-01-05 13:05:00` / `2024/1/5 13:05` shapes without a regular
 * expression: a million-row import has millions of timestamps. Undefined means "not this shape".
 */
function fastTimestamp(s: string): number | Invalid | undefined {
  const n = s.length;
  if (n < 8 || n > 19) return undefined;
  const sep = s.charCodeAt(4);
  if (sep !== 45 && sep !== 47) return undefined; // - or /
  const year = digits(s, 0, 4);
  let p = 5;
  const monthLen = s.charCodeAt(p + 1) === sep ? 1 : 2;
  const month = digits(s, p, monthLen);
  p += monthLen;
  if (s.charCodeAt(p) !== sep) return undefined;
  p++;
  const dayLen = p + 1 < n && s.charCodeAt(p + 1) >= 48 && s.charCodeAt(p + 1) <= 57 ? 2 : 1;
  const day = digits(s, p, dayLen);
  p += dayLen;
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (p === n) return naiveMs(year, month, day);
  if (s.charCodeAt(p) !== 32) return undefined;
  p++;
  const hourLen = s.charCodeAt(p + 1) === 58 ? 1 : 2;
  const hour = digits(s, p, hourLen);
  p += hourLen;
  if (s.charCodeAt(p) !== 58) return undefined;
  const minute = digits(s, p + 1, 2);
  p += 3;
  let second = 0;
  if (p < n) {
    if (s.charCodeAt(p) !== 58 || p + 3 !== n) return undefined;
    second = digits(s, p + 1, 2);
  } else if (p !== n) return undefined;
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  return naiveMs(year, month, day, hour, minute, second);
}

function parseTimestampText(raw: string): TimestampResult {
  const fast = fastTimestamp(raw);
  if (fast !== undefined) return noZone(fast);
  const text = raw.trim();
  if (isNullText(text)) return noZone(null);
  const m = DATE_TIME.exec(text) ?? DATE_TIME.exec(text.normalize('NFKC'));
  if (m) {
    const fraction = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    const value = naiveMs(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, fraction);
    return { value, zoneIgnored: m[8] !== undefined && value !== INVALID };
  }
  const c = COMPACT.exec(text);
  if (c) return noZone(naiveMs(+c[1], +c[2], +c[3], c[4] ? +c[4] : 0, c[5] ? +c[5] : 0, c[6] ? +c[6] : 0));
  if (DECIMAL.test(text)) {
    const serial = Number(text);
    return noZone(serial >= MIN_TEXT_SERIAL ? excelSerialToMs(serial) : INVALID);
  }
  return noZone(INVALID);
}

const TRUE_TOKENS = new Set(['是', 'y', 'yes', '1', 'true', 't', '√', '✓', '✔', '对', '已解决', '解决']);
const FALSE_TOKENS = new Set(['否', 'n', 'no', '0', 'false', 'f', '×', '✗', '✘', 'x', '错', '未解决', '不是']);

/** 是/否, Y/N, 1/0, true/false, √/×, 已解决/未解决; empty is unknown (null). */
export function parseBoolean(cell: CellValue): boolean | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : INVALID;
  if (isDateCell(cell)) return INVALID;
  const text = cell.trim();
  if (TRUE_TOKENS.has(text)) return true;
  if (FALSE_TOKENS.has(text)) return false;
  if (isNullText(text)) return null;
  const token = text.normalize('NFKC').toLowerCase();
  if (TRUE_TOKENS.has(token)) return true;
  if (FALSE_TOKENS.has(token)) return false;
  return INVALID;
}

const INTEGER_TEXT = /^[+-]?\d+(?:\.0*)?$/;
const SIMPLE_INTEGER = /^-?\d{1,9}$/;

/** Integers, also written as text, as `1.0`, with thousands separators or full-width digits. */
export function parseInteger(cell: CellValue): number | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) <= 2_147_483_647 ? cell : INVALID;
  if (typeof cell === 'boolean' || isDateCell(cell)) return INVALID;
  if (SIMPLE_INTEGER.test(cell)) return Number(cell);
  const text = cell.normalize('NFKC').trim().replace(/,/g, '');
  if (isNullText(text)) return null;
  if (!INTEGER_TEXT.test(text)) return INVALID;
  const n = Math.trunc(Number(text));
  return Math.abs(n) <= 2_147_483_647 ? n : INVALID;
}

export function parseDouble(cell: CellValue): number | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : INVALID;
  if (typeof cell === 'boolean' || isDateCell(cell)) return INVALID;
  const text = cell.normalize('NFKC').trim().replace(/,/g, '');
  if (isNullText(text)) return null;
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : INVALID;
}

/** `1.2024E+17`: what Excel shows (and saves to CSV) for a long numeric id it has already rounded. */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;

export function isScientificNotation(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

export type IdResult = { value: string | null; damaged: boolean };

/**
 * Ids are text. A number cell holding an integer that a double represents exactly is written back
 * in full; anything else in scientific notation, or a number too large to be exact, has lost digits.
 */
export function parseId(cell: CellValue): IdResult {
  if (cell === null) return { value: null, damaged: false };
  if (typeof cell === 'number') {
    if (Number.isSafeInteger(cell)) return { value: String(cell), damaged: false };
    return { value: String(cell), damaged: true };
  }
  if (typeof cell === 'boolean' || isDateCell(cell)) return { value: null, damaged: true };
  const text = cell.trim();
  if (!text) return { value: null, damaged: false };
  return { value: text, damaged: isScientificNotation(text) };
}

/** Text columns: trimmed; empty becomes NULL so that "not given" is one thing. */
export function parseText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') {
    const text = cell.trim();
    return text ? text : null;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return formatNaive(cell.date);
}
