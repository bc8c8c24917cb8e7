// The brush index as the ticket page (#/tickets) asks it: one spec per linked view that a brush
// re-answers, named after the page's view (src/lib/views/tickets.ts) and returning the rows of
// that view's exact query when no selection other than the brush is made. The volume chart is not
// here (its own brush does not narrow it), nor the headline's comparison period (another period).
import { CLOSURE_BIN_HOURS, TICKET_HEADLINE } from './views';
import type { BrushViewSpec } from '$lib/preagg';

/** The grouped charts' metrics, as groupedTotal in src/lib/views/tickets.ts asks them. */
const BARS = ['total', 'satisfaction_rate'] as const;

export const TICKET_PAGE_BRUSH_VIEWS: readonly BrushViewSpec[] = [
  { name: 'headline', kind: 'metrics', groupBy: null, metrics: TICKET_HEADLINE },
  { name: 'township', kind: 'metrics', groupBy: 'township', metrics: BARS },
  { name: 'request_type', kind: 'metrics', groupBy: 'request_type', metrics: BARS },
  // Level 1 only: a drill below it is a selection, and then the exact query answers.
  { name: 'category', kind: 'metrics', groupBy: 'category1', metrics: BARS },
  { name: 'closure', kind: 'closure_histogram', binHours: CLOSURE_BIN_HOURS },
  { name: 'satisfaction', kind: 'satisfaction_levels' },
  // onTimeQuery's rows also carry `total`: the headline's, since neither view has a selection of its own.
  { name: 'on_time', kind: 'on_time' },
];
