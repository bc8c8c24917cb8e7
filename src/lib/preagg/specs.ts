// The linked views of the ticket dashboard that a time brush re-answers, as data: which grouping
// each reads and which columns it returns. The index (./plan, ./read) and the exact queries
// (./exact) both work from these specs, so the two cannot drift apart on what a view is.
import { TICKET_METRIC_IDS, type TicketGroupBy, type TicketMetricId } from '$lib/metrics';
import { selectMetrics } from '$lib/metrics/query';

export type BrushViewSpec =
  /** Rows as ticketMetricsQuery gives them: `key` when grouped, then the metric ids. */
  | { name: string; kind: 'metrics'; groupBy: TicketGroupBy | null; metrics?: readonly TicketMetricId[] }
  /** Closure-time distribution: `key` = a bin's lower edge in hours, `total` = closed tickets in it. */
  | { name: string; kind: 'closure_histogram'; binHours: number }
  /** `key` = the satisfaction value as recorded (NULL last), `total` and `rated` tickets. */
  | { name: string; kind: 'satisfaction_levels' }
  /** One row: `due`, `on_time`, `closed_late`, `overdue_open` (on_time + closed_late + overdue_open = due). */
  | { name: string; kind: 'on_time' };

/** A grouping the index keeps partial aggregates for: a ticket grouping, the satisfaction value, or none. */
export type Grouping = TicketGroupBy | 'satisfaction' | null;

export const ON_TIME_COLUMNS = ['due', 'on_time', 'closed_late', 'overdue_open'] as const;
export type OnTimeColumn = (typeof ON_TIME_COLUMNS)[number];

/** Every metric but the percentiles. */
export const GROUP_METRICS: readonly TicketMetricId[] = TICKET_METRIC_IDS.filter(
  (id) => id !== 'median_closure_hours' && id !== 'p90_closure_hours' && id !== 'median_sign_hours',
);

/**
 * The ticket page's linked views: every grouping of the issue. Percentiles are kept for the
 * whole selection (and the closure-time distribution) but not per group by default: a per-group,
 * per-day histogram has about as many cells as there are tickets, so it would cost a brush step
 * nearly what the naive query does. A view that needs them per group can still ask (metrics: all).
 */
export const TICKET_BRUSH_VIEWS: readonly BrushViewSpec[] = [
  { name: 'overall', kind: 'metrics', groupBy: null },
  { name: 'township', kind: 'metrics', groupBy: 'township', metrics: GROUP_METRICS },
  { name: 'department', kind: 'metrics', groupBy: 'department', metrics: GROUP_METRICS },
  { name: 'request_type', kind: 'metrics', groupBy: 'request_type', metrics: GROUP_METRICS },
  { name: 'category1', kind: 'metrics', groupBy: 'category1', metrics: GROUP_METRICS },
  { name: 'channel', kind: 'metrics', groupBy: 'channel', metrics: GROUP_METRICS },
  { name: 'closure_histogram', kind: 'closure_histogram', binHours: 24 },
  { name: 'satisfaction_levels', kind: 'satisfaction_levels' },
  { name: 'on_time', kind: 'on_time' },
];

export function viewGrouping(view: BrushViewSpec): Grouping {
  switch (view.kind) {
    case 'metrics':
      return view.groupBy;
    case 'satisfaction_levels':
      return 'satisfaction';
    default:
      return null;
  }
}

/** The metric ids a metrics view returns, in definition order (ticketMetricsQuery's order). */
export function viewMetricIds(view: Extract<BrushViewSpec, { kind: 'metrics' }>): TicketMetricId[] {
  return selectMetrics(TICKET_METRIC_IDS, view.metrics);
}

/** What a view needs beyond the additive counts. */
export interface ViewNeeds {
  closureHistogram: boolean;
  signHistogram: boolean;
  /** due / on_time_rate / overdue_open: counts that move with the as-of time. */
  deadlines: boolean;
}

export function viewNeeds(view: BrushViewSpec): ViewNeeds {
  switch (view.kind) {
    case 'metrics': {
      const ids = new Set(viewMetricIds(view));
      return {
        closureHistogram: ids.has('median_closure_hours') || ids.has('p90_closure_hours'),
        signHistogram: ids.has('median_sign_hours'),
        deadlines: ids.has('due') || ids.has('on_time_rate') || ids.has('overdue_open'),
      };
    }
    case 'closure_histogram':
      return { closureHistogram: true, signHistogram: false, deadlines: false };
    case 'satisfaction_levels':
      return { closureHistogram: false, signHistogram: false, deadlines: false };
    case 'on_time':
      return { closureHistogram: false, signHistogram: false, deadlines: true };
  }
}

export function validateViews(views: readonly BrushViewSpec[], binHours: number): void {
  if (!(binHours > 0) || !Number.isFinite(binHours)) throw new Error(`histogram bin width must be positive, got ${binHours}`);
  const names = new Set<string>();
  for (const view of views) {
    if (names.has(view.name)) throw new Error(`two brush views are called ${view.name}`);
    names.add(view.name);
    if (view.kind === 'metrics') viewMetricIds(view);
    // A display bin must be whole index bins, or its counts would not be exact.
    if (view.kind === 'closure_histogram' && !isWholeMultiple(view.binHours, binHours)) {
      throw new Error(`closure histogram bins of ${view.binHours} h are not a whole number of ${binHours} h index bins`);
    }
  }
}

function isWholeMultiple(width: number, unit: number): boolean {
  const m = width / unit;
  return width > 0 && Math.abs(m - Math.round(m)) < 1e-9;
}

export function binsPerDisplayBin(width: number, unit: number): number {
  return Math.round(width / unit);
}
