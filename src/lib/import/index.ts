// The import pipeline's public surface: what the data page's worker and the report command use.
export { parseImport, parseImportStream, parseImportWithEngine, parseSpreadsheetFile, loadParsedImport, chooseSheet, readWorkbookHead } from './pipeline';
export type { ImportInput, ImportStreamInput, ImportOptions, ImportProgress, ParsedImport, LoadResult } from './pipeline';

export { ImportError, isImportError } from './errors';
export type { ImportErrorCode } from './errors';

export { ISSUE_MESSAGES, isRejection, warningCount } from './issues';
export type { IssueCode, RejectionCode, WarningCode, RowIssue } from './issues';
export type { ValidationReport, ExtraColumn } from './rows';

export { sniffFormat } from './sniff';
export type { FileFormat } from './sniff';
export { detectEncoding, decodeBytes, decodeChunks } from './decode';
export type { TextEncodingName, EncodingGuess } from './decode';
export { CsvParser, parseCsv, sniffDelimiter } from './csv';
export type { Delimiter, CsvRecord, CsvIssue } from './csv';
export { openWorkbook } from './sheets';
export type { SheetInfo, Workbook } from './sheets';
export { findHeaderRow } from './header';
export type { HeaderDetection, SkippedRow, SkipReason } from './header';

export { mapHeaders, detectTable, scoreTables, applyPreset, setColumn, toPreset, presetKey, needsReview, missingRequired, extraColumns } from './mapping';
export type { ColumnMapping, HeaderMapping, MappingPreset, MatchKind, TableScore } from './mapping';

export { parseTimestamp, parseBoolean, parseInteger, parseId, isScientificNotation, INVALID } from './coerce';
export type { CellValue, DateCell } from './cells';

export { upsertInto, createTableSql, EXTRA_VALUES_TABLE } from './upsert';
export type { UpsertResult } from './upsert';
