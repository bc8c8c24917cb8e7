// What a view is filtered by. The list fields carry canonical column names (data-model.md), so
// the URL, the SQL predicate and the filter bar all speak the same names.
import type { IsoDate } from './period';

/** Filters that are lists of values of a column: a row matches when its value is any of them. */
export const LIST_FILTER_COLUMNS = ['township', 'department', 'request_type', 'channel', 'urgency'] as const;
export type ListFilterColumn = (typeof LIST_FILTER_COLUMNS)[number];

export type CompareMode = 'previous' | 'last_year';

export interface FilterState {
  /** Inclusive first day, or null for "from the beginning". */
  from: IsoDate | null;
  /** Inclusive last day, or null for "up to the latest data". */
  to: IsoDate | null;
  township: string[];
  department: string[];
  request_type: string[];
  channel: string[];
  urgency: string[];
  /** null: both enterprise-related and not. */
  enterprise_related: boolean | null;
  /** Which earlier period the view compares with, if any. */
  compare: CompareMode | null;
}

export function emptyFilters(): FilterState {
  return {
    from: null,
    to: null,
    township: [],
    department: [],
    request_type: [],
    channel: [],
    urgency: [],
    enterprise_related: null,
    compare: null,
  };
}
