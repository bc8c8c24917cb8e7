// Reading a figure against its target: met or not, by how much, and how many tickets away.
import type { Target } from './model';

/**
 * Float noise in a computed share (57/60 is not exactly 0.95 in binary) must not turn a target
 * met exactly into a miss; no real rate sits this close to its target without being on it.
 */
const EPSILON = 1e-9;

/** Met when the value is on the target's side of it; a value exactly on the target is met. */
export function meetsTarget(value: number, target: Pick<Target, 'comparison' | 'value'>): boolean {
  return target.comparison === '>=' ? value >= target.value - EPSILON : value <= target.value + EPSILON;
}

/** value − target: positive means above the target line, whichever way the target points. */
export function targetGap(value: number, target: Pick<Target, 'value'>): number {
  return value - target.value;
}

/**
 * How many tickets would have had to change, out of the same denominator, for the target to be
 * met: unsatisfied ratings that would have had to be satisfied (≥ targets), or late closures,
 * returns … that would have had to not happen (≤ targets). 0 when met. `numerator` is the count
 * the rate is made of (satisfied, on time, returned …), `denominator` what it is a share of.
 */
export function gapInTickets(numerator: number, denominator: number, target: Pick<Target, 'comparison' | 'value'>): number {
  if (denominator <= 0) return 0;
  const needed = target.comparison === '>=' ? target.value * denominator - numerator : numerator - target.value * denominator;
  return Math.max(0, Math.ceil(needed - EPSILON));
}
