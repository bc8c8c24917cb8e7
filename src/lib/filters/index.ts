export { emptyFilters, LIST_FILTER_COLUMNS } from './state';
export type { FilterState, CompareMode, ListFilterColumn } from './state';
export { parseFilterQuery, formatFilterQuery, withFilterQuery, filterQueryLimits, FILTER_PARAMS, MAX_FILTER_VALUES, MAX_FILTER_VALUE_CHARS } from './url';
export type { FilterLimitNotice } from './url';
export { filterPredicate } from './predicate';
export { comparisonFilters } from './compare';
export { isIsoDate, addDays, dayAfter, endsBeforeData, periodDays, previousPeriod, samePeriodLastYear } from './period';
export type { IsoDate, Period } from './period';
export {
  RELATIVE_PRESETS,
  relativePreset,
  periodsInSpan,
  periodContaining,
  namedPeriodOf,
  parsePeriodKey,
  monthPeriod,
  quarterPeriod,
  yearPeriod,
} from './presets';
export type { PeriodUnit, NamedPeriod, RelativePreset } from './presets';
export { filterOptionsQuery, filterColumnsOf, readFilterOptions, sortOptions } from './options';
export type { FilterOption, FilterOptions } from './options';
