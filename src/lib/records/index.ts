// What pages and other areas may use of the record tables.
export { RECORD_TABLE_NAMES, detailColumns, isRecordTable, listColumns, recordKey, searchColumns } from './columns';
export type { RecordTableName } from './columns';
export { defaultSort, nextSort, orderBy, validSort } from './sort';
export type { RecordSort, SortDirection } from './sort';
export { MAX_SEARCH_WORDS, escapeLike, searchPredicate, searchWords } from './search';
export { recordCountQuery, recordDetailQuery, recordWindowQuery, orderedCopyQuery, orderedWindowQuery, dropOrderedCopyQuery } from './query';
export { OrderedCopy, windowSource, worthCopying, COPY_MIN_ROWS, NEAR_TOP_ROWS } from './ordered-copy';
export type { CopyEngine, CopyState, WindowSource } from './ordered-copy';
export type { RecordQuery } from './query';
export { PAGE_ROWS, rowWindow, windowCovers } from './window';
export type { RowWindow } from './window';
export { columnLabel, fieldText, humanise } from './display';
export { allOf, drillOnDays, drillOnValues } from './drill';
export type { RecordDrill } from './drill';
