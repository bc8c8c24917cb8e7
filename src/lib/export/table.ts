// A page's table (TableData: the rows it shows) as a file: CSV or XLSX through the one sheet
// writer (sheet.ts), with each column's unit deciding its number format.
import { NUMBER_FORMAT } from './format';
import { sheetCsvBlob, sheetXlsx, type CsvEncoding, type Sheet, type SheetColumn } from './sheet';
import type { TableColumn, TableData } from './types';

export function rowsToTable(rows: readonly Record<string, unknown>[], columns: TableColumn[], title?: string): TableData {
  return {
    title,
    columns,
    rows: rows.map((row) => {
      const out: TableData['rows'][number] = {};
      for (const c of columns) {
        const v = row[c.id];
        out[c.id] = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'bigint' ? Number(v) : String(v);
      }
      return out;
    }),
  };
}

function sheetColumn(column: TableColumn): SheetColumn {
  const numeric = column.unit !== 'text' && column.unit !== 'date';
  return { label: column.label, name: column.id, type: numeric ? 'number' : 'text', numberFormat: numeric ? NUMBER_FORMAT[column.unit] : undefined, pii: column.pii };
}

export function tableSheet(table: TableData, sheetName = table.title ?? 'Sheet1'): Sheet {
  const columns = table.columns.map(sheetColumn);
  return {
    name: sheetName,
    columns,
    rowCount: table.rows.length,
    cell: (row, col) => table.rows[row][table.columns[col].id] ?? null,
  };
}

export interface TableFileOptions {
  /** Mask personal data: true unless the user visibly unmasked it on screen (the default). */
  masked?: boolean;
  sheetName?: string;
}

export function tableToXlsx(table: TableData, options: TableFileOptions = {}): Promise<Uint8Array> {
  return sheetXlsx(tableSheet(table, options.sheetName), { masked: options.masked ?? true });
}

export function tableToCsv(table: TableData, options: TableFileOptions & { encoding?: CsvEncoding } = {}): Blob {
  return sheetCsvBlob(tableSheet(table), { masked: options.masked ?? true, encoding: options.encoding });
}
