// Rows as the pages hold them → TableData for export.
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
