// Period presets of the filter bar: calendar months, quarters and years, relative to the latest
// day with data ("this month" of a 2025 export is a 2025 month, not the machine's today) or any
// one inside the data span. Pure date arithmetic on YYYY-MM-DD strings, as in ./period.
import { isIsoDate, type IsoDate, type Period } from './period';

export type PeriodUnit = 'month' | 'quarter' | 'year';

/** A named period: `key` is '2024-02', '2024Q1' or '2024' (the forms review URLs use). */
export interface NamedPeriod extends Period {
  unit: PeriodUnit;
  key: string;
}

export type RelativePreset = 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter' | 'this_year' | 'last_year';
export const RELATIVE_PRESETS: readonly RelativePreset[] = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function ymd(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** `count` months from `firstMonth1` of `year`; Date.UTC carries month overflow into the next year. */
function monthRange(year: number, firstMonth1: number, count: number): Period {
  const start = new Date(Date.UTC(year, firstMonth1 - 1, 1));
  const end = new Date(Date.UTC(year, firstMonth1 - 1 + count, 0));
  const iso = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { from: iso(start), to: iso(end) };
}

export function monthPeriod(year: number, month1: number): NamedPeriod {
  return { unit: 'month', key: `${pad(year, 4)}-${pad(month1)}`, ...monthRange(year, month1, 1) };
}

export function quarterPeriod(year: number, quarter: number): NamedPeriod {
  return { unit: 'quarter', key: `${pad(year, 4)}Q${quarter}`, ...monthRange(year, (quarter - 1) * 3 + 1, 3) };
}

export function yearPeriod(year: number): NamedPeriod {
  return { unit: 'year', key: pad(year, 4), from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31` };
}

/** The month, quarter or year containing `date`. */
export function periodContaining(unit: PeriodUnit, date: IsoDate): NamedPeriod {
  const [y, m] = ymd(date);
  if (unit === 'month') return monthPeriod(y, m);
  if (unit === 'quarter') return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
  return yearPeriod(y);
}

/** The month, quarter or year `steps` units before the one containing `date`. */
function periodBefore(unit: PeriodUnit, date: IsoDate, steps: number): NamedPeriod {
  const [y, m] = ymd(date);
  if (unit === 'year') return yearPeriod(y - steps);
  const months = unit === 'month' ? steps : steps * 3;
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  return periodContaining(unit, `${pad(first.getUTCFullYear(), 4)}-${pad(first.getUTCMonth() + 1)}-01`);
}

/** "This month" … "last year" relative to `anchor` (the latest day with data). */
export function relativePreset(preset: RelativePreset, anchor: IsoDate): NamedPeriod {
  switch (preset) {
    case 'this_month':
      return periodContaining('month', anchor);
    case 'last_month':
      return periodBefore('month', anchor, 1);
    case 'this_quarter':
      return periodContaining('quarter', anchor);
    case 'last_quarter':
      return periodBefore('quarter', anchor, 1);
    case 'this_year':
      return periodContaining('year', anchor);
    case 'last_year':
      return periodBefore('year', anchor, 1);
  }
}

/** Every month, quarter or year that overlaps the data span, latest first (the one usually wanted). */
export function periodsInSpan(unit: PeriodUnit, span: Period): NamedPeriod[] {
  const out: NamedPeriod[] = [];
  let current = periodContaining(unit, span.to);
  // Guard against a nonsense span (from after to): at most one period then.
  for (let i = 0; i < 1200; i++) {
    out.push(current);
    if (current.from <= span.from) break;
    current = periodBefore(unit, current.from, 1);
  }
  return out;
}

/** The named period a from/to pair is exactly, if any: lets the bar show "2024Q1" rather than two dates. */
export function namedPeriodOf(from: IsoDate | null, to: IsoDate | null): NamedPeriod | null {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) return null;
  for (const unit of ['month', 'quarter', 'year'] as const) {
    const p = periodContaining(unit, from);
    if (p.from === from && p.to === to) return p;
  }
  return null;
}

/** A period key ('2024-02', '2024Q1', '2024') back to its dates; null when it is none of those. */
export function parsePeriodKey(key: string): NamedPeriod | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})Q([1-4])$/.exec(key);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(key);
  if (m) return yearPeriod(Number(m[1]));
  return null;
}
