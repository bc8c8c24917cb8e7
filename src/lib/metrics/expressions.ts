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

/** Continuous percentile (DuckDB quantile_cont, interpolating at position (n−1)·q) over rows where `predicate` holds. */
export function percentile(value: SqlFragment, q: number, predicate: SqlFragment): SqlFragment {
  // quantile_cont wants a constant fraction; q is always one of this codebase's own constants.
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile out of range: ${q}`);
  return sql`(quantile_cont(${value}, ${trusted(String(q))}) FILTER (WHERE ${predicate}))::DOUBLE`;
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
