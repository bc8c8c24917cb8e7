// A table as CSV bytes: UTF-8 with a BOM (Excel on a Chinese Windows reads BOM-less UTF-8 as GBK)
// or GB18030 for tools that only read the local code page; CRLF line ends; formula-like text
// neutralised; personal data masked unless unmasked.
import { encodeGb18030 } from './gb18030';
import { exportCell } from './mask';
import { CSV_BOM, csvField, neutraliseFormula } from './sanitize';
import type { TableData } from './types';

export type CsvEncoding = 'utf-8' | 'gb18030';

export interface TableCsvOptions {
  masked?: boolean;
  encoding?: CsvEncoding;
}

export function tableToCsvText(table: TableData, options: { masked?: boolean } = {}): string {
  const masked = options.masked ?? true;
  const lines = [table.columns.map((c) => csvField(neutraliseFormula(c.label))).join(',')];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((column) => {
          const value = exportCell(column, row[column.id] ?? null, masked);
          if (value === null) return '';
          if (typeof value === 'number' || typeof value === 'boolean') return String(value);
          return csvField(neutraliseFormula(value));
        })
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** UTF-8 starts with the BOM; GB18030 has none (its readers assume the local code page). */
export function tableToCsv(table: TableData, options: TableCsvOptions = {}): Uint8Array {
  const text = tableToCsvText(table, options);
  return options.encoding === 'gb18030' ? encodeGb18030(text) : new TextEncoder().encode(CSV_BOM + text);
}
