// ChartData from the rows a page already shows.
import { numberIn, type Row } from '$lib/engine';
import type { ChartData } from './types';

/**
 * A bar chart of `total` per `key` (township, event type, policy area…); null until rows exist.
 * A row without a key (the value was not filled in) is labelled `blankLabel`, never "null".
 */
export function countBars(rows: readonly Row[] | null, seriesName: string, blankLabel: string): ChartData | null {
  if (!rows) return null;
  return {
    kind: 'bar',
    labels: rows.map((r) => (r.key === null || r.key === undefined ? blankLabel : String(r.key))),
    series: [{ name: seriesName, values: rows.map((r) => numberIn(r, 'total')) }],
    unit: 'count',
  };
}
