// The annual ranking report's table (issue 15): each unit's rank and score in the year, its rank
// change and satisfaction year on year, whether it met its target and the largest driver of its
// satisfaction change. Pure: rows in, rows out.
import { decompose, POOLED_KEY, type Driver, type GroupCounts } from '$lib/explain';
import { rankChange, type RankingUnit } from '$lib/metrics';
import type { Period } from '$lib/filters';

export interface RankedRow {
  key: unknown;
  rank: unknown;
  score: unknown;
  satisfaction_rate: unknown;
  rated: unknown;
}

export interface AnnualRow {
  unit: RankingUnit;
  key: string;
  rank: number | null;
  score: number | null;
  previousRank: number | null;
  /** Places gained (positive) or lost; null when not ranked in one of the years. */
  rankChange: number | null;
  satisfaction: number | null;
  previousSatisfaction: number | null;
  /** satisfaction − previousSatisfaction. */
  yoy: number | null;
  /** Target met (true), missed (false) or not targeted/no data (null). */
  targetMet: boolean | null;
  /** The group whose contribution to the satisfaction change was largest in size. */
  driver: Pick<Driver, 'key' | 'mix' | 'rate' | 'total'> | null;
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const num = (v: unknown): number | null => (v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v));

/** Ranked units of the year in rank order (unranked last), joined with last year's by key. */
export function annualRows(
  unit: RankingUnit,
  current: readonly RankedRow[],
  previous: readonly RankedRow[],
  targetMet: ReadonlyMap<string, boolean | null> = new Map(),
  drivers: ReadonlyMap<string, AnnualRow['driver']> = new Map(),
): AnnualRow[] {
  const before = new Map(previous.map((r) => [String(r.key), r]));
  return current
    .filter((r) => r.key !== null && r.key !== undefined)
    .map((r) => {
      const key = String(r.key);
      const past = before.get(key);
      const rank = num(r.rank);
      const previousRank = past ? num(past.rank) : null;
      const satisfaction = num(r.satisfaction_rate);
      const previousSatisfaction = past ? num(past.satisfaction_rate) : null;
      return {
        unit,
        key,
        rank,
        score: num(r.score),
        previousRank,
        rankChange: rankChange(rank, previousRank),
        satisfaction,
        previousSatisfaction,
        yoy: satisfaction !== null && previousSatisfaction !== null ? satisfaction - previousSatisfaction : null,
        targetMet: targetMet.get(key) ?? null,
        driver: drivers.get(key) ?? null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.key < b.key ? -1 : 1));
}

/** The largest driver per unit from group counts keyed by unit (pooled groups are never named as a driver). */
export function largestDrivers(groupsByUnit: ReadonlyMap<string, GroupCounts[]>): Map<string, AnnualRow['driver']> {
  const out = new Map<string, AnnualRow['driver']>();
  for (const [unit, groups] of groupsByUnit) {
    const top = decompose(groups).drivers.find((d) => d.key !== POOLED_KEY) ?? null;
    out.set(unit, top ? { key: top.key, mix: top.mix, rate: top.rate, total: top.total } : null);
  }
  return out;
}
