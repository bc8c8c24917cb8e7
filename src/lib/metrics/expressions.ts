// The small SQL pieces every metric is made of. Metric files say *what* is counted; these say
// *how* DuckDB counts it, so that rates are NULL on an empty denominator everywhere, counts come
// back as INTEGER (plain JS numbers through Arrow, not BigInt), and durations are DOUBLE hours.
import { sql, trusted, type SqlFragment } from '$lib/sql';

/** Rows where `predicate` holds (all rows without one), as INTEGER. */
export function countWhere(predicate?: SqlFragment): SqlFragment {
  return predicate ? sql`(count(*) FILTER (WHERE ${predicate}))::INTEGER` : trusted('count(*)::INTEGER');
}

/**
 * Share of the `denominator` rows (all rows when omitted) for which `numerator` also holds.
 * NULL, never 0 or NaN, when there is no denominator row.
 */
export function rateWhere(numerator: SqlFragment, denominator?: SqlFragment): SqlFragment {
  const num = denominator ? sql`(${numerator}) AND (${denominator})` : numerator;
  const den = denominator ? sql`count(*) FILTER (WHERE ${denominator})` : trusted('count(*)');
  return sql`((count(*) FILTER (WHERE ${num}))::DOUBLE / NULLIF(${den}, 0))`;
}

/** A ratio of two aggregate expressions, NULL when the denominator is 0 or NULL. */
export function ratio(numerator: SqlFragment, denominator: SqlFragment): SqlFragment {
  return sql`((${numerator})::DOUBLE / NULLIF(${denominator}, 0))`;
}

interface PercentileParts {
  value: SqlFragment;
  q: number;
  predicate: SqlFragment;
}

/** What each percentile() column was made of, so that sharePercentiles can find its siblings. */
const percentileParts = new WeakMap<SqlFragment, PercentileParts>();

function checkedFraction(q: number): string {
  // quantile_cont wants a constant fraction; q is always one of this codebase's own constants.
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile out of range: ${q}`);
  return String(q);
}

/** Continuous percentile (DuckDB quantile_cont, interpolating at position (n−1)·q) over rows where `predicate` holds. */
export function percentile(value: SqlFragment, q: number, predicate: SqlFragment): SqlFragment {
  const expr = sql`(quantile_cont(${value}, ${trusted(checkedFraction(q))}) FILTER (WHERE ${predicate}))::DOUBLE`;
  percentileParts.set(expr, { value, q, predicate });
  return expr;
}

const sameFragment = (a: SqlFragment, b: SqlFragment) => a.text === b.text && JSON.stringify(a.params) === JSON.stringify(b.params);

/**
 * The same expressions, except that percentiles of the same values over the same rows become
 * items of one list quantile, written identically in each: DuckDB computes an aggregate that
 * appears twice in one SELECT once, so the values (working hours, say) are computed, gathered
 * and ordered once instead of once per percentile. Each item equals its own quantile_cont exactly
 * (same interpolation); a percentile with no sibling is left as it was, as the list form costs a
 * little more for one.
 */
export function sharePercentiles(exprs: readonly SqlFragment[]): SqlFragment[] {
  const families: PercentileParts[][] = [];
  for (const expr of exprs) {
    const parts = percentileParts.get(expr);
    if (!parts) continue;
    const family = families.find((f) => sameFragment(f[0].value, parts.value) && sameFragment(f[0].predicate, parts.predicate));
    if (family) family.push(parts);
    else families.push([parts]);
  }
  const shared = new Map<PercentileParts, SqlFragment>();
  for (const family of families) {
    const qs = [...new Set(family.map((p) => p.q))].sort((a, b) => a - b);
    if (qs.length < 2) continue;
    const { value, predicate } = family[0];
    const list = trusted(`[${qs.map(checkedFraction).join(', ')}]`);
    for (const parts of family) {
      const item = trusted(String(qs.indexOf(parts.q) + 1));
      shared.set(parts, sql`((quantile_cont(${value}, ${list}) FILTER (WHERE ${predicate}))[${item}])::DOUBLE`);
    }
  }
  return exprs.map((expr) => {
    const parts = percentileParts.get(expr);
    return (parts && shared.get(parts)) ?? expr;
  });
}

/** Natural (calendar) hours from `from` to `to` as DOUBLE; microsecond epochs keep it exact. */
export function naturalHours(from: SqlFragment, to: SqlFragment): SqlFragment {
  return sql`((epoch_us(${to}) - epoch_us(${from})) / 3600000000.0)`;
}

/** TRUE only for TRUE: NULL (unknown) never counts as yes. */
export function isTrue(column: SqlFragment): SqlFragment {
  return sql`(${column} IS TRUE)`;
}

/** `column IN (…values)` with every value bound; FALSE for an empty list (SQL has no empty IN). */
export function inList(column: SqlFragment, values: readonly string[]): SqlFragment {
  if (values.length === 0) return trusted('FALSE');
  return sql`(${column} IN (${values.map((v) => sql`${v}`)}))`;
}
