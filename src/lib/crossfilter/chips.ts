// The removable chips that show a page's selections: one per brushed range, per clicked value
// and for the category path. The component adds the words; this decides what there is to show.
import { SELECTABLE_COLUMNS, categoryLevels, type SelectionKey, type Selections } from './state';

export interface SelectionChip {
  key: SelectionKey;
  /** The clicked value for a column chip; absent for time and category. */
  value?: string;
  /** What the chip shows after its label. */
  text: string;
}

export function selectionChips(s: Selections): SelectionChip[] {
  const chips: SelectionChip[] = [];
  if (s.time) chips.push({ key: 'time', text: s.time.from === s.time.to ? s.time.from : `${s.time.from} ~ ${s.time.to}` });
  for (const column of SELECTABLE_COLUMNS) {
    for (const value of s.values[column] ?? []) chips.push({ key: column, value, text: value });
  }
  if (s.category) chips.push({ key: 'category', text: categoryLevels(s.category).join(' › ') });
  return chips;
}
