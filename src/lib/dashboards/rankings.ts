// The rankings page's named queries and period logic. The page never builds SQL: the composite
// score is rankingQuery's (metrics.md, "Rankings"); this module only decides which periods to
// ask it about and folds several periods into one round trip to the engine.
import { rankingQuery, type MetricSettings, type RankingUnit } from '$lib/metrics';
import { endsBeforeData, formatFilterQuery, parseFilterQuery, previousPeriod, type FilterState, type Period } from '$lib/filters';
import { join, sql, type SqlFragment } from '$lib/sql';

export const RANKING_UNITS = ['township', 'department'] as const satisfies readonly RankingUnit[];

/** How many earlier periods of the same length the sparkline shows before the current one. */
export const SPARKLINE_PERIODS = 4;

/** Why the page shows the period it shows: chosen in the URL, or one of the two defaults. */
export type RankingPeriodSource = 'url' | 'lastCompleteYear' | 'fullSpan';

export interface RankingPeriod extends Period {
  source: RankingPeriodSource;
}

/** The unit from the hash query; anything else falls back to townships, the usual assessment unit. */
export function parseRankingUnit(params: URLSearchParams): RankingUnit {
  return params.get('unit') === 'department' ? 'department' : 'township';
}

/** The hash query of the page: the filters plus the unit (townships are the default and stay implicit). */
export function formatRankingQuery(filters: FilterState, unit: RankingUnit): string {
  const params = new URLSearchParams(formatFilterQuery(filters));
  if (unit !== 'township') params.set('unit', unit);
  return params.toString();
}

/**
 * The latest calendar year that the data covers from 1 January to 31 December, or null. A ranking
 * over a part year would compare it with a part year of different seasons, so leaders get a whole
 * year by default.
 */
export function lastCompleteYear(span: Period): Period | null {
  const last = Number(span.to.slice(0, 4));
  const year = span.to.endsWith('-12-31') ? last : last - 1;
  const from = `${String(year).padStart(4, '0')}-01-01`;
  return from >= span.from ? { from, to: `${String(year).padStart(4, '0')}-12-31` } : null;
}

/**
 * The period the table ranks: the URL's when it names one (an open end is closed by the data's
 * span, since a rank change needs a period with a length), else the last complete year, else the
 * whole span.
 */
export function rankingPeriod(filters: FilterState, span: Period): RankingPeriod {
  if (filters.from || filters.to) return { from: filters.from ?? span.from, to: filters.to ?? span.to, source: 'url' };
  const year = lastCompleteYear(span);
  return year ? { ...year, source: 'lastCompleteYear' } : { ...span, source: 'fullSpan' };
}

/** The `count` periods of the same length before `period`, oldest first (whole months step by months). */
export function earlierPeriods(period: Period, count: number = SPARKLINE_PERIODS): Period[] {
  const periods: Period[] = [];
  let current: Period = period;
  for (let i = 0; i < count; i++) {
    current = previousPeriod(current.from, current.to);
    periods.unshift(current);
  }
  return periods;
}

/**
 * Of `periods` (oldest first, as earlierPeriods gives them), the index of the first the data
 * reaches: the ones before it end before the first day of data, and a trend would draw them only
 * as gaps. `periods.length` when the data reaches none.
 */
export function firstPeriodWithData(periods: readonly Period[], span: Period): number {
  const first = periods.findIndex((p) => !endsBeforeData(p, span));
  return first < 0 ? periods.length : first;
}

/** Every calendar year the data touches, oldest first; `complete` is false for a part year. */
export function calendarYears(span: Period): { year: number; period: Period; complete: boolean }[] {
  const first = Number(span.from.slice(0, 4));
  const last = Number(span.to.slice(0, 4));
  const years = [];
  for (let year = first; year <= last; year++) {
    const y = String(year).padStart(4, '0');
    const period = { from: `${y}-01-01`, to: `${y}-12-31` };
    years.push({ year, period, complete: period.from >= span.from && period.to <= span.to });
  }
  return years;
}

export function rankingTableQuery(filters: FilterState, settings: MetricSettings, unit: RankingUnit, period: Period): SqlFragment {
  return rankingQuery({ filters: { ...filters, ...period }, settings, unit });
}

/**
 * Score and rank per unit for several periods in one query (period_index = position in
 * `periods`): the sparkline and the year view need a handful of periods, and one UNION ALL costs
 * the engine one round trip instead of one per period.
 */
export function rankingHistoryQuery(
  filters: FilterState,
  settings: MetricSettings,
  unit: RankingUnit,
  periods: readonly Period[],
): SqlFragment | null {
  if (periods.length === 0) return null;
  const parts = periods.map(
    (period, i) =>
      sql`SELECT ${i}::INTEGER AS period_index, key, score, rank FROM (${rankingTableQuery(filters, settings, unit, period)})`,
  );
  return sql`${join(parts, '\nUNION ALL\n')}\nORDER BY period_index, key`;
}

export interface UnitHistory {
  /** Score per period, in the order of the periods asked for; null where the unit was not ranked. */
  scores: (number | null)[];
  ranks: (number | null)[];
}

/** Rows of rankingHistoryQuery, keyed by unit. */
export function historyByUnit(
  rows: readonly Readonly<Record<string, unknown>>[],
  periodCount: number,
): Map<string, UnitHistory> {
  const byUnit = new Map<string, UnitHistory>();
  for (const row of rows) {
    const key = String(row.key);
    let entry = byUnit.get(key);
    if (!entry) {
      entry = { scores: Array<number | null>(periodCount).fill(null), ranks: Array<number | null>(periodCount).fill(null) };
      byUnit.set(key, entry);
    }
    const i = Number(row.period_index);
    entry.scores[i] = typeof row.score === 'number' ? row.score : null;
    entry.ranks[i] = typeof row.rank === 'number' ? row.rank : null;
  }
  return byUnit;
}

/** The rank-change cell: ↑3 / ↓1 / — (same place) / null when there is no earlier rank (shown as 新). */
export function formatRankChange(change: number | null): string | null {
  if (change === null) return null;
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '—';
}

/** Where clicking a unit leads: the overview filtered to it over the same period. */
export function unitOverviewQuery(unit: RankingUnit, key: string, period: Period): string {
  const filters = parseFilterQuery('');
  filters[unit] = [key];
  return formatFilterQuery({ ...filters, ...period });
}

/** Hash queries (for hashRoute) of a row's drills. */
export interface UnitDrillQueries {
  /** For #/tickets: the page's filters, this unit, the ranking period. */
  tickets: string;
  /** For #/rankings: a township's departments ranked on that township's tickets alone; null for a department. */
  departments: string | null;
}

/**
 * Where a row drills to. The page's other filters travel along, so the tickets behind a
 * department reached from a township's departments are that township's tickets only, the same
 * ones its row was scored on.
 */
export function unitDrillQueries(filters: FilterState, unit: RankingUnit, key: string, period: Period): UnitDrillQueries {
  const scoped: FilterState = { ...filters, [unit]: [key], from: period.from, to: period.to, compare: null };
  return {
    tickets: formatFilterQuery(scoped),
    departments: unit === 'township' ? formatRankingQuery(scoped, 'department') : null,
  };
}

/** A department ranking narrowed to some townships: the page says whose departments it ranks. */
export function rankedWithinTownships(filters: FilterState, unit: RankingUnit): string[] {
  return unit === 'department' ? filters.township : [];
}
