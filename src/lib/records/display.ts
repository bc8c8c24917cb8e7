// How a record's value reads on screen: naive-local timestamps as written (no zone shift), yes/no
// in words, personal data masked unless the user shows it.
import { formatTimestamp } from '$lib/console/cells';
import { maskCell } from '$lib/privacy';
import type { Cell } from '$lib/engine';
import type { ColumnSpec } from '$lib/schema';

export interface DisplayWords {
  yes: string;
  no: string;
}

export function fieldText(column: ColumnSpec, value: Cell | undefined, showPersonal: boolean, words: DisplayWords): string | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'TIMESTAMP':
      return typeof value === 'number' ? formatTimestamp(value) : String(value);
    case 'BOOLEAN':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'INTEGER':
    case 'DOUBLE':
      return String(value);
    default:
      return maskCell(column, String(value), !showPersonal);
  }
}

/** The English label of a column when no catalog entry exists: `caller_phone` → "Caller phone". */
export function humanise(name: string): string {
  const words = name.replace(/_at$/, '_time').split('_');
  const text = words.map((w) => (w === 'id' ? 'ID' : w)).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Chinese from the schema's most common export header; English from the column's name. */
export function columnLabel(column: ColumnSpec, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? humanise(column.name) : (column.aliases[0] ?? column.name);
}
