// Calendar quarters ('2024Q1'), the unit of the "1+11+N" review. Pure string arithmetic on naive
// dates, like $lib/filters' period math, so no time zone can move a quarter's edge.
import type { Period } from '$lib/filters';

export type QuarterId = string;

const QUARTER = /^(\d{4})Q([1-4])$/;

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

/** '2024Q1' (also '2024q1', '2024-Q1') → { year: 2024, q: 1 }; anything else → null. */
export function parseQuarter(text: string | null | undefined): Quarter | null {
  if (!text) return null;
  const m = QUARTER.exec(text.trim().toUpperCase().replace('-', ''));
  if (!m) return null;
  return { year: Number(m[1]), q: Number(m[2]) };
}

export function formatQuarter(quarter: Quarter): QuarterId {
  return `${String(quarter.year).padStart(4, '0')}Q${quarter.q}`;
}

/** First and last day of the quarter (inclusive), as the filters expect. */
export function quarterPeriod(quarter: Quarter): Period {
  const y = String(quarter.year).padStart(4, '0');
  const firstMonth = (quarter.q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(quarter.year, lastMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${y}-${mm(firstMonth)}-01`, to: `${y}-${mm(lastMonth)}-${mm(lastDay)}` };
}

/** The quarter `delta` quarters away (negative: earlier); 2024Q1 − 1 = 2023Q4. */
export function shiftQuarter(quarter: Quarter, delta: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + delta;
  return { year: Math.floor(index / 4), q: (((index % 4) + 4) % 4) + 1 };
}

export function previousQuarter(quarter: Quarter): Quarter {
  return shiftQuarter(quarter, -1);
}

/** The quarter a 'YYYY-MM-DD…' date falls in. */
export function quarterOfDate(date: string): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12)) throw new Error(`not a date: ${date}`);
  return { year, q: Math.floor((month - 1) / 3) + 1 };
}

/** Every quarter from the one holding `from` to the one holding `to`, newest first (the selector's order). */
export function quartersBetween(from: string, to: string): QuarterId[] {
  const first = quarterOfDate(from);
  const last = quarterOfDate(to);
  const out: QuarterId[] = [];
  for (let q = last; q.year * 4 + q.q >= first.year * 4 + first.q; q = previousQuarter(q)) out.push(formatQuarter(q));
  return out;
}
