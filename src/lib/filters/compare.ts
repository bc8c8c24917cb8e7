// The filters of the period a view compares with (环比 / 同比): same dimensions, earlier dates.
import { previousPeriod, samePeriodLastYear } from './period';
import type { CompareMode, FilterState } from './state';

/**
 * The same filters moved to the comparison period, or null when there is nothing to compare
 * (no mode, or a period without both ends: an open period has no length to repeat).
 */
export function comparisonFilters(state: FilterState, mode: CompareMode | null = state.compare): FilterState | null {
  if (!mode || !state.from || !state.to) return null;
  const period = mode === 'previous' ? previousPeriod(state.from, state.to) : samePeriodLastYear(state.from, state.to);
  return { ...state, ...period, compare: null };
}
