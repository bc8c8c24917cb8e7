// Selections made in a page's charts (a brushed time range, clicked bars, a category drill). They
// narrow every chart of the page except the one they were made in, and live in the address beside
// the filters so a cross-filtered view can be bookmarked too.
import type { IsoDate } from '$lib/filters';

/** Columns a chart click may select on, across the three dashboard tables (checked by a test). */
export const SELECTABLE_COLUMNS = [
  'township',
  'department',
  'request_type',
  'channel',
  'urgency',
  'satisfaction',
  'village',
  'grid_id',
  'worker_id',
  'event_type',
  'policy_area',
  'specialist',
] as const;
export type SelectableColumn = (typeof SELECTABLE_COLUMNS)[number];

/** Inclusive days, like a filter period. */
export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

export interface Selections {
  /** Days brushed on the volume-over-time chart. */
  time: DayRange | null;
  /** Bars clicked per column; a row matches any clicked value of a column. */
  values: Partial<Record<SelectableColumn, string[]>>;
  /** The category drill path, levels joined by '>' ('一级>二级'); rows under that path match. */
  category: string | null;
}

/** Which chart a selection belongs to: that chart is not narrowed by it. */
export type SelectionKey = 'time' | 'category' | SelectableColumn;

export function emptySelections(): Selections {
  return { time: null, values: {}, category: null };
}

export function isSelectableColumn(name: string): name is SelectableColumn {
  return (SELECTABLE_COLUMNS as readonly string[]).includes(name);
}

export function hasSelections(s: Selections): boolean {
  return s.time !== null || s.category !== null || Object.values(s.values).some((v) => (v?.length ?? 0) > 0);
}

/** The category path's levels ('一级>二级' → ['一级', '二级']). */
export function categoryLevels(path: string | null): string[] {
  return path ? path.split('>').map((l) => l.trim()).filter(Boolean) : [];
}
