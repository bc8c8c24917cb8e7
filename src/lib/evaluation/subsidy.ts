// The performance subsidy: a pool split in proportion to grade coefficient × score, rounded to
// whole yuan so that the payments sum to the pool exactly (largest remainder): every worker gets
// the floor of their exact share, and the yuan left over go one each to the largest fractional
// parts; equal fractions by worker id ascending.
import type { Grade } from './grades';

export const DEFAULT_POOL_YUAN = 8_440_000;
export const DEFAULT_COEFFICIENTS: Readonly<Record<Grade, number>> = Object.freeze({ 优秀: 1.2, 称职: 1.0, 基本称职: 0.6, 不称职: 0 });

export interface SubsidyInput {
  workerId: string;
  score: number;
  grade: Grade;
}

export interface Payment {
  workerId: string;
  /** coefficient × score: the worker's weight in the pool. */
  weight: number;
  /** pool × weight ÷ total weight, before rounding. */
  exact: number;
  /** Whole yuan paid. */
  yuan: number;
  /** Whether this worker received one of the remainder's yuan. */
  remainder: boolean;
}

export function allocateSubsidy(workers: readonly SubsidyInput[], pool: number, coefficients: Readonly<Record<Grade, number>>): Payment[] {
  if (!Number.isSafeInteger(pool) || pool < 0) throw new Error('the pool must be whole yuan');
  const weights = workers.map((w) => coefficients[w.grade] * Math.max(0, w.score));
  const total = weights.reduce((s, x) => s + x, 0);
  const payments: Payment[] = workers.map((w, i) => {
    const exact = total > 0 ? (pool * weights[i]) / total : 0;
    return { workerId: w.workerId, weight: weights[i], exact, yuan: Math.floor(exact), remainder: false };
  });
  if (total <= 0) return payments;
  let left = pool - payments.reduce((s, p) => s + p.yuan, 0);
  const order = payments
    .map((p, i) => ({ i, fraction: p.exact - p.yuan }))
    .filter(({ i }) => weights[i] > 0)
    .sort((a, b) => b.fraction - a.fraction || (payments[a.i].workerId < payments[b.i].workerId ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    payments[i].yuan += 1;
    payments[i].remainder = true;
    left -= 1;
  }
  return payments;
}
