// How a console cell reads as text, on screen and in CSV. Timestamps are naive local time carried
// as milliseconds (data-model.md), so they are read with getUTC*: the machine's own zone must
// never shift a 12345 ticket's time.
import type { CellValue, ColumnKind, ResultColumn } from './result';
import { maskCell } from '$lib/privacy';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const year = d.getUTCFullYear();
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Milliseconds since midnight → HH:MM:SS. */
export function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function formatNumber(value: number, kind: ColumnKind): string {
  if (!Number.isFinite(value)) return String(value);
  if (kind === 'integer' || Number.isInteger(value)) return String(value);
  // Doubles print their shortest exact form; 15 significant digits hide binary noise (0.1+0.2).
  return String(Number(value.toPrecision(15)));
}

/** Display text of a non-null value; personal data masked when `masked`. */
export function cellText(column: ResultColumn, value: Exclude<CellValue, null>, masked: boolean): string {
  if (typeof value === 'number') {
    switch (column.kind) {
      case 'timestamp':
        return formatTimestamp(value);
      case 'date':
        return formatDate(value);
      case 'time':
        return formatTime(value);
      default:
        return formatNumber(value, column.kind);
    }
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (column.kind === 'integer' || column.kind === 'number') return value;
  return maskCell(column, value, masked);
}

/** Numbers read right-aligned, like in a spreadsheet. */
export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'integer' || kind === 'number';
}
