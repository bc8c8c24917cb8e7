// What other areas may use of exporting: files (one download helper, one sheet writer for every
// CSV/XLSX with one guard), decks, chart images.
export { downloadBlob, exportFileName } from './download';
export { rowsSheet, sheetCsvBlob, sheetCsvChunks, sheetXlsx, sheetsXlsx, safeSheetName, XLSX_MAX_ROWS } from './sheet';
export type { CsvEncoding, Sheet, SheetCell, SheetColumn, SheetOptions } from './sheet';
export { rowsToTable, tableSheet, tableToCsv, tableToXlsx } from './table';
export { CSV_BOM, csvField, neutraliseFormula } from './sanitize';
export type { BriefingItem, ChartData, ChartSeries, Deck, TableColumn, TableData, ValueUnit } from './types';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
