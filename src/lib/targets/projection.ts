// Year-end projection of a rate target: where the year will end if the rest of it runs like the
// part already seen, and how likely it is to end on the wrong side of the target.
import { meetsTarget } from './evaluate';
import type { Target } from './model';

export interface ProjectionInput {
  /** Year to date: the share so far and the count it is a share of. */
  rate: number;
  denominator: number;
  /** Days of the year already behind the as-of time, and days in the year. */
  elapsedDays: number;
  yearDays: number;
}

export interface Projection {
  /** The projected year-end rate (the year-to-date rate: the rest of the year runs alike). */
  value: number;
  /** Tickets still expected in the denominator this year, at the pace so far. */
  remaining: number;
  /** Standard deviation of the year-end rate. */
  sd: number;
  /** 90% interval of the year-end rate. */
  low: number;
  high: number;
  /** Probability that the year ends on the wrong side of the target. */
  pMiss: number;
}

/**
 * Method (stated on the page): the remaining m tickets arrive at the pace of the n so far,
 * m = n × (days left ÷ days elapsed), and each is a success with the year-to-date rate p. The
 * year-end rate R = (np + X) ÷ (n + m) with X binomial given p, and p itself uncertain
 * (variance p(1−p)/n), gives Var R = p(1−p)·m ÷ (n(n + m)); R is taken as normal.
 */
export function projectYearEnd(input: ProjectionInput, target: Pick<Target, 'comparison' | 'value'>): Projection | null {
  const { rate: p, denominator: n, elapsedDays, yearDays } = input;
  if (!(n > 0) || !(elapsedDays > 0)) return null;
  const remaining = n * (Math.max(0, yearDays - elapsedDays) / elapsedDays);
  const sd = Math.sqrt((p * (1 - p) * remaining) / (n * (n + remaining)));
  const z90 = 1.6448536269514722;
  let pMiss: number;
  if (sd === 0) pMiss = meetsTarget(p, target) ? 0 : 1;
  else {
    const z = (target.value - p) / sd;
    pMiss = target.comparison === '>=' ? normalCdf(z) : 1 - normalCdf(z);
  }
  return { value: p, remaining, sd, low: Math.max(0, p - z90 * sd), high: Math.min(1, p + z90 * sd), pMiss };
}

/** Φ(z) via erf (Abramowitz & Stegun 7.1.26; absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
