// The three readings of a target (issue 15: "dynamically" means at every moment of the year):
// year to date, the rolling last 30 days, and the latest complete month, all as of the moment
// the figures describe. Pure date arithmetic on naive 'YYYY-MM-DD HH:MM:SS' text.
import { addDays, type IsoDate } from '$lib/filters';

export const READINGS = ['ytd', 'rolling30', 'month'] as const;
export type ReadingId = (typeof READINGS)[number];

export interface ReadingPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface TargetPeriods {
  year: number;
  /** The as-of time the readings use: the data's, cut at the year's end for a past year. */
  asOf: string;
  periods: Record<ReadingId, ReadingPeriod>;
  /** Days of the year behind the as-of time (fractional) and days in the year, for the projection. */
  elapsedDays: number;
  yearDays: number;
}

const DAY_MS = 86_400_000;

function naiveMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?/.exec(text);
  if (!m) throw new Error(`not a naive timestamp: ${text}`);
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

const pad = (n: number) => String(n).padStart(2, '0');

function naiveText(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The periods of `year` as of `asOf`; null when the year has not begun by then. The last day read
 * is the as-of day, or the day before when the as-of time is midnight (nothing of that day is in).
 * The latest complete month is the month before the one the as-of moment falls in (in
 * January: last December), and the rolling 30 days may reach back into the previous year: both are what a
 * leader sees "now", not slices of the year.
 */
export function targetPeriods(asOf: string, year: number): TargetPeriods | null {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const asOfMs = Math.min(naiveMs(asOf), end);
  if (asOfMs <= start) return null;
  const lastDay = naiveText(asOfMs - 1).slice(0, 10);
  // The month holding the as-of moment itself is still running (at 1 Jan 00:00, December is done).
  const asOfDate = new Date(asOfMs);
  const monthStart = Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth() - 1, 1);
  const monthEnd = Date.UTC(asOfDate.getUTCFullYear(), asOfDate.getUTCMonth(), 1) - DAY_MS;
  return {
    year,
    asOf: naiveText(asOfMs),
    periods: {
      ytd: { from: `${year}-01-01`, to: lastDay },
      rolling30: { from: addDays(lastDay, -29), to: lastDay },
      month: { from: naiveText(monthStart).slice(0, 10), to: naiveText(monthEnd).slice(0, 10) },
    },
    elapsedDays: (asOfMs - start) / DAY_MS,
    yearDays: (end - start) / DAY_MS,
  };
}
