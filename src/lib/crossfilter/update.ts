// How a chart interaction changes the selections. Pure: each returns new selections, so the page
// writes them to the address and everything else follows from there.
import { categoryLevels, type DayRange, type SelectableColumn, type SelectionKey, type Selections } from './state';

/** A bar click: adds the value to its column's selection, or takes it out when already there. */
export function toggleValue(s: Selections, column: SelectableColumn, value: string): Selections {
  const current = s.values[column] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const values = { ...s.values, [column]: next };
  if (next.length === 0) delete values[column];
  return { ...s, values };
}

/** A brush end: the brushed days, or none when the brush was cleared. */
export function withTime(s: Selections, range: DayRange | null): Selections {
  if (range && range.from > range.to) range = { from: range.to, to: range.from };
  return { ...s, time: range };
}

/** A drill step: the path down to the clicked category (levels beyond the third are dropped). */
export function withCategory(s: Selections, levels: readonly string[] | null): Selections {
  const kept = (levels ?? []).map((l) => l.trim()).filter(Boolean).slice(0, 3);
  return { ...s, category: kept.length ? kept.join('>') : null };
}

/** One level up the drill (from '一级>二级' to '一级', from '一级' to none). */
export function drillUp(s: Selections): Selections {
  return withCategory(s, categoryLevels(s.category).slice(0, -1));
}

/** Remove one selection: a whole key, or one value of a column's selection. */
export function removeSelection(s: Selections, key: SelectionKey, value?: string): Selections {
  if (key === 'time') return { ...s, time: null };
  if (key === 'category') return { ...s, category: null };
  if (value !== undefined && (s.values[key] ?? []).includes(value)) return toggleValue(s, key, value);
  const values = { ...s.values };
  delete values[key];
  return { ...s, values };
}
