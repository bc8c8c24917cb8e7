// What other areas may use of the SQL console's parts.
export { resultSetOf, resultSetFromRows, kindOf, decimalText } from './result';
export type { ResultSet, ResultColumn, ColumnKind, CellValue } from './result';
export { cellText, formatTimestamp, formatDate, isNumericKind } from './cells';
export { parseSqlError, errorSpan } from './errors';
export type { SqlErrorInfo, SqlErrorPosition } from './errors';
export { resultSheet } from './export';
export { QueryHistory, recordEntry, parseStored, HISTORY_LIMIT } from './history';
export type { HistoryEntry } from './history';
export { tableColumnsQuery, groupCatalog } from './catalog';
export type { CatalogTable, CatalogColumn } from './catalog';
export { EXAMPLE_QUERIES } from './examples';
export { mayWrite, firstKeyword } from './statement';
export { chartData, defaultChoice, isXCandidate, isYCandidate, renderQuickChart, MAX_BARS } from './quick-chart';
export type { ChartChoice, ChartData } from './quick-chart';
// The page's state class (session.svelte.ts) is imported by path: it uses runes, and this index
// must stay importable from plain TypeScript (the unit tests, the report command).
