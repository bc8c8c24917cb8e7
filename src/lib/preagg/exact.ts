// The exact answer of each linked view straight from `tickets` (no index): what the index must
// reproduce, what the benchmark's naive re-query runs, and what a page can use without an index.
import type { FilterState } from '$lib/filters';
import { prepareMetrics, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import { asOfSql } from '$lib/metrics/as-of';
import { ticketDeadlineRules } from '$lib/metrics/deadlines';
import { durationHours } from '$lib/metrics/durations';
import { countWhere } from '$lib/metrics/expressions';
import { aggregateQuery } from '$lib/metrics/query';
import { ratedPredicate } from '$lib/metrics/satisfaction';
import type { Engine } from '$lib/engine/types';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { BrushViewSpec } from './views';

export function closureHistogramQuery(filters: FilterState, settings: MetricSettings, binHours: number): SqlFragment {
  const hours = durationHours(settings, ident('received_at'), ident('closed_at'));
  const width = sql`${binHours}::DOUBLE`;
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: sql`floor(${hours} / ${width}) * ${width}`,
    columns: [{ id: 'total', expr: countWhere() }],
    where: sql`(${ident('closed_at')} IS NOT NULL AND ${hours} IS NOT NULL)`,
  });
}

export function satisfactionLevelsQuery(filters: FilterState, settings: MetricSettings): SqlFragment {
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: sql`CAST(${ident('satisfaction')} AS VARCHAR)`,
    columns: [
      { id: 'total', expr: countWhere() },
      { id: 'rated', expr: countWhere(ratedPredicate(settings, true)) },
    ],
  });
}

export function onTimeQuery(filters: FilterState, settings: MetricSettings): SqlFragment {
  const rules = ticketDeadlineRules(settings);
  const onTime = sql`(${rules.onTime}) AND (${rules.due})`;
  return aggregateQuery({
    table: 'tickets',
    filters,
    groupKey: null,
    columns: [
      { id: 'due', expr: countWhere(rules.due) },
      { id: 'on_time', expr: countWhere(onTime) },
      { id: 'closed_late', expr: countWhere(sql`(${rules.due}) AND NOT (${rules.overdueOpen}) AND NOT (${rules.onTime})`) },
      { id: 'overdue_open', expr: countWhere(rules.overdueOpen) },
    ],
    asOf: asOfSql('tickets', filters, settings),
    derived: rules.derived ? [rules.derived] : undefined,
  });
}

/** The exact query of `view` under `filters` (the base filters with the brush as from/to). */
export function exactViewQuery(view: BrushViewSpec, filters: FilterState, settings: MetricSettings): SqlFragment {
  switch (view.kind) {
    case 'metrics':
      return ticketMetricsQuery({ filters, settings, groupBy: view.groupBy ?? undefined, metrics: view.metrics });
    case 'closure_histogram':
      return closureHistogramQuery(filters, settings, view.binHours);
    case 'satisfaction_levels':
      return satisfactionLevelsQuery(filters, settings);
    case 'on_time':
      return onTimeQuery(filters, settings);
  }
}

/** Working mode needs the work calendar before any exact query. */
export function prepareExact(engine: Engine, settings: MetricSettings, filters: FilterState): Promise<void> {
  return prepareMetrics(engine, settings, ['tickets'], filters);
}
