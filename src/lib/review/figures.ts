// The area's figures for the review: the same metric definitions as every other page
// (ticketMetricsQuery), asked for three scopes in one round trip — the area this quarter, the
// whole district this quarter (the 全区 figure, i.e. the district's own rate over all its
// tickets, not a mean of township rates) and the area in the previous quarter — and the area's
// place in the township ranking of the quarter (rankingQuery).
import { rankingQuery, ticketMetricsQuery, type MetricSettings, type TicketMetricId } from '$lib/metrics';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import { TOWNSHIPS } from '$lib/schema';
import { scopeFilters } from './key-tickets';
import { formatQuarter, parseQuarter, previousQuarter, quartersBetween, type Quarter, type QuarterId } from './quarter';

export const REVIEW_METRICS = [
  'total',
  'satisfaction_rate',
  'on_time_rate',
  'resolution_rate',
  'reopen_rate',
  'return_rate',
  'direct_answer_rate',
  'median_closure_hours',
  'overdue_open',
] as const satisfies readonly TicketMetricId[];
export type ReviewMetricId = (typeof REVIEW_METRICS)[number];

export const FIGURE_SCOPES = ['area', 'district', 'previous'] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

export function areaFiguresQuery(township: string, quarter: Quarter, settings: MetricSettings): SqlFragment {
  const scopes: Record<FigureScope, SqlFragment> = {
    area: ticketMetricsQuery({ filters: scopeFilters({ township, quarter }), settings, metrics: REVIEW_METRICS }),
    district: ticketMetricsQuery({ filters: scopeFilters({ township: null, quarter }), settings, metrics: REVIEW_METRICS }),
    previous: ticketMetricsQuery({ filters: scopeFilters({ township, quarter: previousQuarter(quarter) }), settings, metrics: REVIEW_METRICS }),
  };
  const parts = FIGURE_SCOPES.map((scope) => sql`SELECT ${scope} AS scope, * FROM (${scopes[scope]})`);
  return join(parts, '\nUNION ALL\n');
}

export type FigureValues = Record<ReviewMetricId, number | null>;

export function figuresByScope(rows: readonly Readonly<Record<string, unknown>>[]): Record<FigureScope, FigureValues | null> {
  const out: Record<FigureScope, FigureValues | null> = { area: null, district: null, previous: null };
  for (const row of rows) {
    const scope = row.scope as FigureScope;
    if (!FIGURE_SCOPES.includes(scope)) continue;
    out[scope] = Object.fromEntries(REVIEW_METRICS.map((id) => [id, typeof row[id] === 'number' ? (row[id] as number) : null])) as FigureValues;
  }
  return out;
}

/** The township ranking of the quarter: every unit's rank, to find the area's place and the number ranked. */
export function areaRankQuery(quarter: Quarter, settings: MetricSettings): SqlFragment {
  return sql`SELECT key, rank, score, ranked FROM (${rankingQuery({ filters: scopeFilters({ township: null, quarter }), settings, unit: 'township' })})`;
}

export interface AreaRank {
  rank: number | null;
  score: number | null;
  /** Units with a rank this quarter. */
  rankedCount: number;
  /** Units listed (ranked or not). */
  listedCount: number;
}

export function areaRank(rows: readonly Readonly<Record<string, unknown>>[], township: string): AreaRank {
  const own = rows.find((r) => r.key === township);
  return {
    rank: typeof own?.rank === 'number' ? own.rank : null,
    score: typeof own?.score === 'number' ? own.score : null,
    rankedCount: rows.filter((r) => r.ranked === true).length,
    listedCount: rows.length,
  };
}

/** First and last day with tickets: the quarters the selector offers. */
export function ticketSpanQuery(): SqlFragment {
  const t = ident('received_at');
  return sql`SELECT strftime(min(${t}), '%Y-%m-%d') AS first_day, strftime(max(${t}), '%Y-%m-%d') AS last_day FROM ${ident('tickets')}`;
}

export interface ReviewChoice {
  township: string;
  quarter: QuarterId;
  /** Which parts came from the defaults rather than the URL (the page says so). */
  defaulted: { township: boolean; quarter: boolean };
}

/**
 * The area and quarter to show: the URL's when valid; otherwise the first township of the
 * district's list and the latest quarter with data. An unknown township or a quarter outside
 * the data is kept as asked (the page shows it as empty) — only a missing or malformed value
 * defaults.
 */
export function resolveChoice(params: URLSearchParams, span: { from: string; to: string } | null): ReviewChoice | null {
  const askedTownship = params.get('township')?.trim() || null;
  const askedQuarter = parseQuarter(params.get('quarter'));
  const township = askedTownship ?? TOWNSHIPS[0].township;
  if (askedQuarter) {
    return { township, quarter: formatQuarter(askedQuarter), defaulted: { township: !askedTownship, quarter: false } };
  }
  if (!span) return null;
  return { township, quarter: quartersBetween(span.from, span.to)[0], defaulted: { township: !askedTownship, quarter: true } };
}
