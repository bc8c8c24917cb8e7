// The exact answer of each brush view straight from `tickets` (no index): what the index must
// reproduce, what the benchmark's naive re-query runs. Built from the page's own view builders
// (./views.ts), so the page, the index's equivalence tests and the bench ask the same SQL.
import type { FilterState } from '$lib/filters';
import { prepareMetrics, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import type { Engine } from '$lib/engine/types';
import type { BrushViewSpec } from '$lib/preagg';
import type { SqlFragment } from '$lib/sql';
import { closureHistogramQuery, onTimeCountsQuery, satisfactionLevelsQuery } from './views';

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
      return onTimeCountsQuery(filters, settings);
  }
}

/** Working mode needs the work calendar before any exact query. */
export function prepareExact(engine: Engine, settings: MetricSettings, filters: FilterState): Promise<void> {
  return prepareMetrics(engine, settings, ['tickets'], filters);
}
