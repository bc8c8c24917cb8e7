// Composite ranking of townships or departments (metrics.md, "Rankings").
//
// Score = weighted mean of the four components after min-max normalisation across the ranked
// units: (x − min) / (max − min), and for return_rate, where fewer is better, (max − x) /
// (max − min). When every ranked unit has the same value the component does not separate them
// and scores 1 for all. A component that is NULL for a unit (no due tickets, no known
// resolution) is left out of that unit's mean and the remaining weights carry it, so missing data
// neither rewards nor punishes. Scores are rounded to 9 decimals before ranking so that units
// with mathematically equal scores tie (RANK(): 1, 2, 2, 4) despite floating-point noise. Units
// with fewer rated tickets than settings.minRatedForRanking are listed with their raw
// components but no normalised values, score or rank; they do not move the min/max of others.
import type { FilterState } from '$lib/filters';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import type { MetricSettings, RankingWeights } from './settings';
import { ticketMetricsQuery, type TicketMetricId } from './tickets';

export type RankingUnit = 'township' | 'department';

export const RANKING_COMPONENTS = ['satisfaction_rate', 'on_time_rate', 'resolution_rate', 'return_rate'] as const satisfies readonly (TicketMetricId & keyof RankingWeights)[];
export type RankingComponent = (typeof RANKING_COMPONENTS)[number];

/** Components where a lower value is better. */
const INVERTED: ReadonlySet<RankingComponent> = new Set(['return_rate']);

export interface RankingRow {
  key: string;
  rated: number;
  satisfaction_rate: number | null;
  on_time_rate: number | null;
  resolution_rate: number | null;
  return_rate: number | null;
  satisfaction_rate_norm: number | null;
  on_time_rate_norm: number | null;
  resolution_rate_norm: number | null;
  return_rate_norm: number | null;
  score: number | null;
  /** NULL for a unit that is listed but not ranked. */
  rank: number | null;
  ranked: boolean;
}

export interface RankingOptions {
  filters: FilterState;
  settings: MetricSettings;
  unit: RankingUnit;
}

function normalised(c: RankingComponent): SqlFragment {
  const x = ident(c);
  const lo = ident(`${c}_min`);
  const hi = ident(`${c}_max`);
  const scaled = INVERTED.has(c) ? sql`(${hi} - ${x}) / (${hi} - ${lo})` : sql`(${x} - ${lo}) / (${hi} - ${lo})`;
  return sql`CASE WHEN NOT eligible OR ${x} IS NULL THEN NULL WHEN ${hi} = ${lo} THEN 1.0 ELSE ${scaled} END AS ${ident(`${c}_norm`)}`;
}

function weightedMean(weights: RankingWeights): SqlFragment {
  const terms = RANKING_COMPONENTS.map((c) => sql`${weights[c]}::DOUBLE * coalesce(${ident(`${c}_norm`)}, 0)`);
  const present = RANKING_COMPONENTS.map(
    (c) => sql`CASE WHEN ${ident(`${c}_norm`)} IS NULL THEN 0 ELSE ${weights[c]}::DOUBLE END`,
  );
  return sql`round((${join(terms, ' + ')}) / NULLIF(${join(present, ' + ')}, 0), 9)`;
}

/**
 * One row per unit (RankingRow's columns), ranked units first by rank, then the others by key.
 * Tickets without a unit are never ranked; unattributable ones are left out per the settings.
 */
export function rankingQuery(options: RankingOptions): SqlFragment {
  const { settings, unit } = options;
  const unitColumn = ident(unit);
  const where = settings.excludeUnattributableFromRankings
    ? sql`${unitColumn} IS NOT NULL AND ${ident('unattributable')} IS NOT TRUE`
    : sql`${unitColumn} IS NOT NULL`;
  const perUnit = ticketMetricsQuery({
    filters: options.filters,
    settings,
    groupBy: unit,
    metrics: ['rated', ...RANKING_COMPONENTS],
    where,
  });
  const bounds = join(
    RANKING_COMPONENTS.map((c) => sql`min(${ident(c)}) AS ${ident(`${c}_min`)}, max(${ident(c)}) AS ${ident(`${c}_max`)}`),
    ', ',
  );
  const norms = join(RANKING_COMPONENTS.map(normalised), ',\n    ');
  const components = join(
    RANKING_COMPONENTS.map((c) => ident(c)),
    ', ',
  );
  const normColumns = join(
    RANKING_COMPONENTS.map((c) => ident(`${c}_norm`)),
    ', ',
  );
  return sql`WITH per_unit AS (${perUnit}),
eligibility AS (SELECT *, (rated >= ${settings.minRatedForRanking}::INTEGER) AS eligible FROM per_unit),
bounds AS (SELECT ${bounds} FROM eligibility WHERE eligible),
normalised AS (
  SELECT eligibility.*,
    ${norms}
  FROM eligibility CROSS JOIN bounds
),
scored AS (SELECT *, CASE WHEN eligible THEN ${weightedMean(settings.rankingWeights)} END AS score FROM normalised),
ranked AS (SELECT *, (eligible AND score IS NOT NULL) AS ranked FROM scored)
SELECT key, rated, ${components}, ${normColumns}, score,
  (CASE WHEN ranked THEN rank() OVER (PARTITION BY ranked ORDER BY score DESC) END)::INTEGER AS rank,
  ranked
FROM ranked
ORDER BY rank NULLS LAST, key`;
}

/**
 * Places gained since the comparison period (positive = moved up); NULL when the unit was not
 * ranked in either period.
 */
export function rankChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : previous - current;
}

