export { emptyFilters, LIST_FILTER_COLUMNS } from './state';
export type { FilterState, CompareMode, ListFilterColumn } from './state';
export { parseFilterQuery, formatFilterQuery } from './url';
export { filterPredicate } from './predicate';
export { comparisonFilters } from './compare';
export { isIsoDate, addDays, dayAfter, periodDays, previousPeriod, samePeriodLastYear } from './period';
export type { IsoDate, Period } from './period';
