// Calendar arithmetic on 'YYYY-MM-DD' dates. Dates are naive local dates: all arithmetic goes
// through Date.UTC so the machine's time zone can never shift a day.

export type IsoDate = string;

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written as YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function toUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** The day after `date`: a period ending on `to` covers timestamps strictly before it. */
export function dayAfter(date: IsoDate): IsoDate {
  return addDays(date, 1);
}

/** Number of days in the inclusive period. */
export function periodDays(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1;
}

function lastDayOfMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Whole calendar months (from the 1st to a month's last day): the usual assessment period. */
function wholeMonths(from: IsoDate, to: IsoDate): number | null {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (fd !== 1 || td !== lastDayOfMonth(ty, tm)) return null;
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return months > 0 ? months : null;
}

/** Shift a month by `delta` months and take its first or last day. */
function monthEdge(date: IsoDate, delta: number, edge: 'first' | 'last'): IsoDate {
  const [y, m] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1 + delta, 1));
  const sy = shifted.getUTCFullYear();
  const sm = shifted.getUTCMonth() + 1;
  const day = edge === 'first' ? 1 : lastDayOfMonth(sy, sm);
  return `${String(sy).padStart(4, '0')}-${String(sm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The period of the same length just before this one, for rank change (环比). A period of whole
 * calendar months steps back by the same number of months (February follows January, not the
 * last 29 days of January); any other period steps back by its number of days.
 */
export function previousPeriod(from: IsoDate, to: IsoDate): Period {
  const months = wholeMonths(from, to);
  if (months !== null) return { from: monthEdge(from, -months, 'first'), to: monthEdge(to, -months, 'last') };
  const days = periodDays(from, to);
  return { from: addDays(from, -days), to: addDays(to, -days) };
}

function shiftYear(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  // 29 February has no counterpart in a common year: use the 28th.
  const day = Math.min(d, lastDayOfMonth(y - 1, m));
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The same dates one year earlier (同比); whole months stay whole months (Feb 2025 → Feb 2024 incl. the 29th). */
export function samePeriodLastYear(from: IsoDate, to: IsoDate): Period {
  const months = wholeMonths(from, to);
  if (months !== null) return { from: monthEdge(from, -12, 'first'), to: monthEdge(to, -12, 'last') };
  return { from: shiftYear(from), to: shiftYear(to) };
}

/**
 * Whether a period ends before the first day of data (`span`, the time column's first and last
 * day): then it holds no row whatever the other filters, and its figures need no query. The
 * previous period of a view without dates always does.
 */
export function endsBeforeData(period: Period, span: Period): boolean {
  return period.to < span.from;
}
