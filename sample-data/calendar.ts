// Day-level volume of the sample and naive-time helpers. Times are milliseconds of the naive China
// clock (Date.UTC of the local fields), so nothing here ever consults the machine's time zone.
import { SPRING_FESTIVAL, MONTH_FACTOR, WEEKDAY_FACTOR } from './vocab';
import type { Rng } from './prng';
import { WeightedIndex } from './prng';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface YearDays {
  /** Midnight of each day of the year. */
  starts: Float64Array;
  /** `yyyymmdd` of each day, for ids. */
  stamps: string[];
  /** Index of 春节 within the year. */
  springFestival: number;
}

export function yearDays(year: number): YearDays {
  const first = Date.UTC(year, 0, 1);
  const n = Math.round((Date.UTC(year + 1, 0, 1) - first) / DAY_MS);
  const starts = new Float64Array(n);
  const stamps: string[] = new Array(n);
  for (let d = 0; d < n; d++) {
    const t = first + d * DAY_MS;
    starts[d] = t;
    const date = new Date(t);
    const m = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    stamps[d] = `${year}${m < 10 ? '0' : ''}${m}${day < 10 ? '0' : ''}${day}`;
  }
  // Years outside the table fall back to a typical date; the dip only needs to land in late winter.
  const [sm, sd] = SPRING_FESTIVAL[year] ?? [2, 1];
  const springFestival = Math.round((Date.UTC(year, sm - 1, sd) - first) / DAY_MS);
  return { starts, stamps, springFestival };
}

/**
 * Relative volume of each day: month seasonality, weekday pattern, the Spring Festival week and
 * some day-to-day noise. `weekendFactor` overrides the weekday table for office-hours sources.
 */
export function dayWeights(days: YearDays, rng: Rng, noise: number, weekendFactor?: number): Float64Array {
  const n = days.starts.length;
  const w = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const date = new Date(days.starts[d]);
    const weekday = (date.getUTCDay() + 6) % 7;
    let f = MONTH_FACTOR[date.getUTCMonth()];
    f *= weekendFactor !== undefined && weekday >= 5 ? weekendFactor : WEEKDAY_FACTOR[weekday];
    const o = d - days.springFestival;
    if (o >= -1 && o <= 6) f *= 0.42;
    else if ((o >= -6 && o < -1) || (o > 6 && o <= 14)) f *= 0.78;
    w[d] = f * (1 - noise + 2 * noise * rng.next());
  }
  return w;
}

/** Splits `total` over the days in proportion to their weights, summing to exactly `total`. */
export function allocate(total: number, weights: Float64Array): Int32Array {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i];
  const counts = new Int32Array(weights.length);
  let acc = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    const upTo = i === weights.length - 1 ? total : Math.round((acc / sum) * total);
    counts[i] = upTo - given;
    given = upTo;
  }
  return counts;
}

/** Fills `out[0..n)` with sorted whole-second offsets into a day, shaped by an hourly profile. */
export function sortedTimesOfDay(out: Float64Array, n: number, hours: WeightedIndex, rng: Rng): Float64Array {
  for (let k = 0; k < n; k++) {
    out[k] = hours.draw(rng.next()) * HOUR_MS + Math.floor(rng.next() * 3600) * 1000;
  }
  return out.subarray(0, n).sort();
}

/** Rounds to the whole second, the precision real exports have. */
export function toSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

/**
 * Zero-padded daily sequence numbers, made once and shared: an id is then the day prefix joined to
 * a shared suffix, one small string per row instead of three.
 */
export class SequenceLabels {
  private readonly labels: string[] = [];
  constructor(private readonly width: number) {}

  get(seq: number): string {
    const labels = this.labels;
    while (labels.length <= seq) labels.push(String(labels.length).padStart(this.width, '0'));
    return labels[seq];
  }
}
