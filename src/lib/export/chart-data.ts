// ChartData from the rows a page already shows.
import { numberIn, type Row } from '$lib/engine';
import type { ChartData } from './types';

/** A bar chart of `total` per `key` (township, event type, policy area…); null until rows exist. */
export function countBars(rows: readonly Row[] | null, seriesName: string): ChartData | null {
  if (!rows) return null;
  return {
    kind: 'bar',
    labels: rows.map((r) => String(r.key)),
    series: [{ name: seriesName, values: rows.map((r) => numberIn(r, 'total')) }],
    unit: 'count',
  };
}
