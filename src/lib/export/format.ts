// How a value reads in an exported file (PPTX tables, captions, CSV text of rates): one place,
// independent of the on-screen locale state, so a file is the same whoever exports it.
import type { ValueUnit } from './types';

/** Excel/PowerPoint number formats per unit. */
export const NUMBER_FORMAT: Record<ValueUnit, string | undefined> = {
  count: '#,##0',
  rate: '0.0%',
  hours: '0.0',
  score: '0.0',
  text: undefined,
  date: 'yyyy-mm-dd',
};

export function formatValue(value: string | number | boolean | null | undefined, unit: ValueUnit): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
    case 'score':
      return value.toFixed(1);
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    default:
      return String(value);
  }
}
