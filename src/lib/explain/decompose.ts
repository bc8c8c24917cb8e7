// Kitagawa's decomposition (1955) of the change of a rate between two periods over a grouping:
// the overall rate is R = Σ w_g r_g, with w_g a group's share of the denominator and r_g its own
// rate. Then, exactly,
//   R₁ − R₀ = Σ (w₁ − w₀)(r₀ + r₁)/2   (mix: tickets moved between groups)
//           + Σ (r₁ − r₀)(w₀ + w₁)/2   (rate: groups' own rates moved)
// per group, with no residual. Per group the mix term is centred on the mean of the two overall
// rates R̄ = (R₀ + R₁)/2, i.e. (w₁ − w₀)((r₀ + r₁)/2 − R̄): the shares' changes sum to zero, so no
// total moves, but a group that merely grew while sitting at the average is no longer shown as a
// large driver — only a shift towards groups above (or below) the average counts.
// A group absent from one period has no rate there; it takes its other period's rate, so its
// whole contribution is mix (it came or went), and the sum stays exact.

export interface GroupCounts {
  key: string;
  /** Successes (satisfied, on time …) and the denominator in the base and the current period. */
  numerator0: number;
  denominator0: number;
  numerator1: number;
  denominator1: number;
}

export interface Driver extends GroupCounts {
  rate0: number | null;
  rate1: number | null;
  share0: number;
  share1: number;
  mix: number;
  rate: number;
  total: number;
  /** True for the pooled group of small ones. */
  pooled: boolean;
}

export interface Decomposition {
  rate0: number | null;
  rate1: number | null;
  /** rate1 − rate0, null when either period has nothing. */
  change: number | null;
  mix: number;
  rate: number;
  /** Largest absolute contribution first. */
  drivers: Driver[];
}

/** The rule stated on the page: a group with fewer than this many in its denominator in either period is pooled. */
export const MIN_GROUP_SIZE = 30;
export const POOLED_KEY = '__pooled__';

/** Groups below `minSize` in either period merged into one (counts summed), so noise is not a driver. */
export function poolSmallGroups(groups: readonly GroupCounts[], minSize = MIN_GROUP_SIZE): { groups: GroupCounts[]; pooled: string[] } {
  const kept: GroupCounts[] = [];
  const pool: GroupCounts = { key: POOLED_KEY, numerator0: 0, denominator0: 0, numerator1: 0, denominator1: 0 };
  const pooled: string[] = [];
  for (const g of groups) {
    if (g.denominator0 >= minSize && g.denominator1 >= minSize) kept.push(g);
    else {
      pooled.push(g.key);
      pool.numerator0 += g.numerator0;
      pool.denominator0 += g.denominator0;
      pool.numerator1 += g.numerator1;
      pool.denominator1 += g.denominator1;
    }
  }
  if (pooled.length) kept.push(pool);
  return { groups: kept, pooled };
}

export function decompose(groups: readonly GroupCounts[]): Decomposition {
  const n0 = groups.reduce((s, g) => s + g.denominator0, 0);
  const n1 = groups.reduce((s, g) => s + g.denominator1, 0);
  const s0 = groups.reduce((s, g) => s + g.numerator0, 0);
  const s1 = groups.reduce((s, g) => s + g.numerator1, 0);
  const rate0 = n0 > 0 ? s0 / n0 : null;
  const rate1 = n1 > 0 ? s1 / n1 : null;
  if (rate0 === null || rate1 === null) return { rate0, rate1, change: null, mix: 0, rate: 0, drivers: [] };
  const mean = (rate0 + rate1) / 2;
  const drivers: Driver[] = groups
    .filter((g) => g.denominator0 > 0 || g.denominator1 > 0)
    .map((g) => {
      const share0 = g.denominator0 / n0;
      const share1 = g.denominator1 / n1;
      const own0 = g.denominator0 > 0 ? g.numerator0 / g.denominator0 : null;
      const own1 = g.denominator1 > 0 ? g.numerator1 / g.denominator1 : null;
      const r0 = own0 ?? (own1 as number);
      const r1 = own1 ?? (own0 as number);
      const mix = (share1 - share0) * ((r0 + r1) / 2 - mean);
      const rate = ((r1 - r0) * (share0 + share1)) / 2;
      return { ...g, rate0: own0, rate1: own1, share0, share1, mix, rate, total: mix + rate, pooled: g.key === POOLED_KEY };
    })
    .sort((a, b) => Math.abs(b.total) - Math.abs(a.total) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    rate0,
    rate1,
    change: rate1 - rate0,
    mix: drivers.reduce((s, d) => s + d.mix, 0),
    rate: drivers.reduce((s, d) => s + d.rate, 0),
    drivers,
  };
}
