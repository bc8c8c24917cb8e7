// The annual report's queries: the year's and the previous year's rankings (the rankings page's
// query), and each township's satisfaction counts by category level 1 in both years, from which
// the largest driver of its change is decomposed.
import { emptyFilters } from '$lib/filters';
import { rankingQuery, type MetricSettings, type RankingUnit } from '$lib/metrics';
import { explainQuery, type ExplainRequest } from '$lib/explain';
import { join, sql, type SqlFragment } from '$lib/sql';
import { yearPeriod } from './rows';

export function annualRankingQuery(settings: MetricSettings, unit: RankingUnit, year: number): SqlFragment {
  return rankingQuery({ filters: { ...emptyFilters(), ...yearPeriod(year) }, settings, unit });
}

/** Rows `unit`, `period` ('base' = last year, 'current'), `key` (category level 1), `value`, `denominator`. */
export function annualDriverQuery(settings: MetricSettings, townships: readonly string[], year: number): SqlFragment | null {
  if (townships.length === 0) return null;
  const parts = townships.map((township) => {
    const request: ExplainRequest = { metric: 'satisfaction_rate', by: 'category1', compare: 'yoy', filters: { ...emptyFilters(), township: [township] } };
    return sql`SELECT ${township} AS unit, * FROM (${explainQuery(request, settings, yearPeriod(year - 1), yearPeriod(year))})`;
  });
  return join(parts, '\nUNION ALL\n');
}
