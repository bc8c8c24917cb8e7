// The SQL of the targets page: the moment the readings describe, and each reading overall and per
// unit. The figures themselves are the metric layer's (ticketMetricsQuery): a target never
// restates how a rate is computed.
import { emptyFilters, type FilterState } from '$lib/filters';
import { asOfSql, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import { TARGET_DENOMINATORS, type Target } from './model';
import { READINGS, type TargetPeriods } from './readings';

/** Callback levels whose ratings the satisfaction target is about (data-model.md). */
export const TARGET_CALLBACK_LEVELS = ['省', '市'] as const;

/** Which ratings a target is read over: the province's and city's callbacks, or all rated. */
export type TargetScope = 'callbacks' | 'all-rated' | 'all';

/**
 * The satisfaction target is over the province's and city's callbacks when the data carries
 * callback_level at all (any row with a value), otherwise over every rated ticket. Other metrics
 * are over every ticket.
 */
export function targetScope(target: Pick<Target, 'metric'>, hasCallbackLevel: boolean): TargetScope {
  if (target.metric !== 'satisfaction_rate') return 'all';
  return hasCallbackLevel ? 'callbacks' : 'all-rated';
}

/**
 * One row: `as_of` ('YYYY-MM-DD HH:MM:SS', NULL without tickets), `has_callback_level`, and
 * `first_year`, the year of the earliest ticket (for the page's year choice).
 */
export function targetContextQuery(settings: MetricSettings): SqlFragment {
  const tickets = ident('tickets');
  return sql`SELECT strftime(${asOfSql('tickets', emptyFilters(), settings)}, '%Y-%m-%d %H:%M:%S') AS as_of,
  (SELECT count(${ident('callback_level')}) FROM ${tickets}) > 0 AS has_callback_level,
  (SELECT year(min(${ident('received_at')})) FROM ${tickets})::INTEGER AS first_year`;
}

export interface TargetReadingsOptions {
  target: Target;
  settings: MetricSettings;
  periods: TargetPeriods;
  scope: TargetScope;
}

function scopeCondition(scope: TargetScope): SqlFragment | undefined {
  if (scope !== 'callbacks') return undefined;
  return sql`${ident('callback_level')} IN (${join(
    TARGET_CALLBACK_LEVELS.map((level) => sql`${level}`),
    ', ',
  )})`;
}

function readingFilters(target: Target, from: string, to: string): FilterState {
  const filters: FilterState = { ...emptyFilters(), from, to };
  filters[target.units.kind] = [...target.units.keys];
  return filters;
}

/**
 * Rows `reading` ('ytd' | 'rolling30' | 'month'), `grouped` (false: the whole target's units
 * together; true: one row per unit, `key`), `value` (the metric) and `denominator` (the count it
 * is a share of). Deadline metrics use the readings' as-of time, not the end of each period.
 */
export function targetReadingsQuery(options: TargetReadingsOptions): SqlFragment {
  const { target, periods } = options;
  const denominator = TARGET_DENOMINATORS[target.metric];
  const settings: MetricSettings = { ...options.settings, asOf: periods.asOf };
  const where = scopeCondition(options.scope);
  const parts: SqlFragment[] = [];
  for (const reading of READINGS) {
    const { from, to } = periods.periods[reading];
    for (const grouped of [false, true]) {
      const q = ticketMetricsQuery({
        filters: readingFilters(target, from, to),
        settings,
        groupBy: grouped ? target.units.kind : undefined,
        metrics: [target.metric, denominator],
        where,
      });
      // The overall query has no key column at all.
      const key = grouped ? sql`${ident('key')}::VARCHAR` : sql`NULL::VARCHAR`;
      parts.push(sql`SELECT ${reading} AS reading, ${grouped} AS grouped, ${key} AS key, ${ident(target.metric)}::DOUBLE AS value, ${ident(denominator)}::DOUBLE AS denominator FROM (${q})`);
    }
  }
  return join(parts, '\nUNION ALL\n');
}
