// Selections ⇄ the address. Their parameters are prefixed `sel_` so they never collide with the
// filters' own (`township` is a filter, `sel_township` a clicked bar): `sel_time=2024-03-01~2024-03-31`,
// `sel_category=一级>二级`, `sel_<column>=value` repeated. Formatting is canonical (fixed order,
// sorted values) like the filters', so a bookmarked address reads back to the same view.
import { isIsoDate } from '$lib/filters';
import { SELECTABLE_COLUMNS, categoryLevels, emptySelections, isSelectableColumn, type Selections } from './state';

export const SELECTION_PREFIX = 'sel_';
const TIME = `${SELECTION_PREFIX}time`;
const CATEGORY = `${SELECTION_PREFIX}category`;

function toParams(search: string | URLSearchParams): URLSearchParams {
  if (typeof search !== 'string') return search;
  const q = search.indexOf('?');
  return new URLSearchParams(q >= 0 ? search.slice(q + 1) : search);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseTime(value: string | null): Selections['time'] {
  if (!value) return null;
  const [from, to, extra] = value.split('~');
  if (extra !== undefined || !from || !to || !isIsoDate(from) || !isIsoDate(to)) return null;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** Accepts a query string, a whole hash route or URLSearchParams; invalid values are dropped. */
export function parseSelections(search: string | URLSearchParams): Selections {
  const params = toParams(search);
  const s = emptySelections();
  s.time = parseTime(params.get(TIME));
  const levels = categoryLevels(params.get(CATEGORY)).slice(0, 3);
  s.category = levels.length ? levels.join('>') : null;
  for (const [key] of params) {
    if (!key.startsWith(SELECTION_PREFIX)) continue;
    const column = key.slice(SELECTION_PREFIX.length);
    if (!isSelectableColumn(column) || s.values[column]) continue;
    const values = sortedUnique(params.getAll(key));
    if (values.length) s.values[column] = values;
  }
  return s;
}

/** The canonical query string of the selections alone (no leading '?'); none gives ''. */
export function formatSelections(s: Selections): string {
  const params = new URLSearchParams();
  if (s.time) params.append(TIME, `${s.time.from}~${s.time.to}`);
  for (const column of SELECTABLE_COLUMNS) {
    for (const value of sortedUnique(s.values[column] ?? [])) params.append(`${SELECTION_PREFIX}${column}`, value);
  }
  if (s.category) params.append(CATEGORY, categoryLevels(s.category).join('>'));
  return params.toString();
}

/** `search` with its selection parameters replaced by `s`'s; every other parameter kept before them. */
export function withSelectionQuery(search: string | URLSearchParams, s: Selections): string {
  const rest = new URLSearchParams();
  for (const [key, value] of toParams(search)) if (!key.startsWith(SELECTION_PREFIX)) rest.append(key, value);
  return [rest.toString(), formatSelections(s)].filter(Boolean).join('&');
}
