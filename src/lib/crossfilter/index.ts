// Cross-filtering between a page's charts: selections (state), how clicks change them (update),
// where they live in the address (url), what SQL they mean (predicate), how they show (chips).
// Used by #/tickets, #/grid and #/enterprise.
export { SELECTABLE_COLUMNS, emptySelections, hasSelections, isSelectableColumn, categoryLevels } from './state';
export type { Selections, SelectionKey, SelectableColumn, DayRange } from './state';
export { toggleValue, withTime, withCategory, drillUp, removeSelection } from './update';
export { parseSelections, formatSelections, withSelectionQuery, SELECTION_PREFIX } from './url';
export { selectionPredicate, linkedPredicate, brushedFilters } from './predicate';
export { selectionChips } from './chips';
export type { SelectionChip } from './chips';
