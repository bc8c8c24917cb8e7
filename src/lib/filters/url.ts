// FilterState ⇄ the query part of a bookmarkable address (product.md). Parsing normalises
// (trims, drops empties and duplicates, sorts each list) and formatting writes parameters in one
// fixed order, so format(parse(x)) is canonical and parse(format(s)) gives back s.
import { isIsoDate } from './period';
import { LIST_FILTER_COLUMNS, emptyFilters, type CompareMode, type FilterState, type ListFilterColumn } from './state';

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);

/**
 * A filter list longer than this in an address is not applied: no district has that many
 * townships, departments or request types, and each value becomes a SQL parameter.
 */
export const MAX_FILTER_VALUES = 200;
/** Longer values are dropped: no township, department or request type is named in more characters. */
export const MAX_FILTER_VALUE_CHARS = 200;

/** A list filter the address asked for and the parser did not apply, with how many values it had. */
export interface FilterLimitNotice {
  column: ListFilterColumn;
  values: number;
  limit: number;
}

function normaliseList(values: readonly string[]): string[] {
  if (values.length > MAX_FILTER_VALUES) return [];
  const kept = new Set<string>();
  for (const v of values) {
    const t = v.trim();
    if (t && t.length <= MAX_FILTER_VALUE_CHARS) kept.add(t);
  }
  // Code-point order, not locale order: the same on every machine.
  return [...kept].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseBoolean(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return null;
}

function parseDate(value: string | null): string | null {
  const v = value?.trim() ?? '';
  return isIsoDate(v) ? v : null;
}

function parseCompare(value: string | null): CompareMode | null {
  return value === 'previous' || value === 'last_year' ? value : null;
}

/**
 * Accepts `from=…&to=…`, `?from=…`, a whole hash route (`#/tickets?township=…`) or
 * URLSearchParams. Unknown parameters are ignored (pages have their own); invalid values are
 * dropped rather than guessed at.
 */
export function parseFilterQuery(search: string | URLSearchParams): FilterState {
  let params: URLSearchParams;
  if (typeof search === 'string') {
    const q = search.indexOf('?');
    params = new URLSearchParams(q >= 0 ? search.slice(q + 1) : search);
  } else {
    params = search;
  }
  const state = emptyFilters();
  state.from = parseDate(params.get('from'));
  state.to = parseDate(params.get('to'));
  for (const column of LIST_FILTER_COLUMNS) state[column] = normaliseList(params.getAll(column));
  state.enterprise_related = parseBoolean(params.get('enterprise_related'));
  state.compare = parseCompare(params.get('compare'));
  return state;
}

/** The list filters of an address that parseFilterQuery left out for being longer than MAX_FILTER_VALUES. */
export function filterQueryLimits(search: string | URLSearchParams): FilterLimitNotice[] {
  const params = typeof search === 'string' ? new URLSearchParams(search.includes('?') ? search.slice(search.indexOf('?') + 1) : search) : search;
  const notices: FilterLimitNotice[] = [];
  for (const column of LIST_FILTER_COLUMNS) {
    const values = params.getAll(column).length;
    if (values > MAX_FILTER_VALUES) notices.push({ column, values, limit: MAX_FILTER_VALUES });
  }
  return notices;
}

/** The canonical query string (no leading '?'); empty filters give ''. */
export function formatFilterQuery(state: FilterState): string {
  const params = new URLSearchParams();
  if (state.from) params.append('from', state.from);
  if (state.to) params.append('to', state.to);
  for (const column of LIST_FILTER_COLUMNS) {
    for (const value of normaliseList(state[column])) params.append(column, value);
  }
  if (state.enterprise_related !== null) params.append('enterprise_related', String(state.enterprise_related));
  if (state.compare) params.append('compare', state.compare);
  return params.toString();
}

/** Every parameter name the filters own; anything else in a query belongs to the page. */
export const FILTER_PARAMS: readonly string[] = ['from', 'to', ...LIST_FILTER_COLUMNS, 'enterprise_related', 'compare'];

/**
 * The query `search` with its filter parameters replaced by `state`'s and every other parameter
 * (a page's selections, a tab) kept in place after them: the filter bar changes the filters only.
 */
export function withFilterQuery(search: string | URLSearchParams, state: FilterState): string {
  const params = typeof search === 'string' ? new URLSearchParams(search.includes('?') ? search.slice(search.indexOf('?') + 1) : search) : search;
  const rest = new URLSearchParams();
  for (const [key, value] of params) if (!FILTER_PARAMS.includes(key)) rest.append(key, value);
  return [formatFilterQuery(state), rest.toString()].filter(Boolean).join('&');
}
