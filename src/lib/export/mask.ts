// Personal data in exported tables: masked unless the user visibly unmasked it on screen (the
// caller passes that choice). Reuses the console's rules, so names, phones and numbers inside
// free text are treated the same in every export.
import { maskText } from '$lib/console/masking';
import type { TableColumn, TableData } from './types';

export type Cell = TableData['rows'][number][string];

export function exportCell(column: TableColumn, value: Cell, masked: boolean): Cell {
  if (typeof value !== 'string') return value;
  return maskText({ name: column.id, kind: 'text', personal: column.pii === true }, value, masked);
}
