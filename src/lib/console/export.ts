// A console result as a file: a Sheet over the result (src/lib/export/sheet.ts writes it), its
// cells read lazily so a 340,000-row result is never copied into rows first.
import type { Sheet, SheetColumn } from '$lib/export/sheet';
import type { ResultColumn, ResultSet } from './result';

function sheetType(column: ResultColumn): SheetColumn['type'] {
  switch (column.kind) {
    case 'integer':
    case 'number':
      return 'number';
    case 'timestamp':
    case 'date':
    case 'time':
    case 'boolean':
      return column.kind;
    default:
      return 'text';
  }
}

export function resultSheet(result: ResultSet, name = 'Result'): Sheet {
  const columns: SheetColumn[] = result.columns.map((c) => ({ label: c.name, name: c.name, type: sheetType(c), pii: c.pii }));
  return {
    name,
    columns,
    rowCount: result.rowCount,
    // Integers beyond 2^53 arrive as exact strings: they are written as text, never rounded.
    cell: (row, col) => result.value(row, col),
  };
}

