// A quick look at a result: a category or time column against a numeric one. Rows that share an
// x are summed, so an unaggregated result still gives a truthful picture; categories are capped
// so a result with thousands of distinct names stays legible (the caption says so).
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from '$lib/charts';
import { cellText, isNumericKind } from './cells';
import type { ResultColumn, ResultSet } from './result';

export const MAX_BARS = 40;

export interface ChartChoice {
  x: number;
  y: number;
}

export interface ChartPoint {
  x: string | number;
  y: number;
}

export interface ChartData {
  mark: 'bar' | 'line';
  points: ChartPoint[];
  /** Distinct x values beyond MAX_BARS that were left out. */
  omitted: number;
  /** More than one row shared an x, so values were summed. */
  summed: boolean;
}

export function isXCandidate(column: ResultColumn): boolean {
  return column.kind === 'text' || column.kind === 'date' || column.kind === 'timestamp' || column.kind === 'boolean';
}

export function isYCandidate(column: ResultColumn): boolean {
  return isNumericKind(column.kind);
}

/**
 * The default axes. x: of the usable columns, the one with the fewest distinct values (at least
 * two) in the first rows, so `SELECT *` charts by channel rather than by ticket id; y: the first
 * numeric column after it, or any. Null when the result has no pair to chart.
 */
export function defaultChoice(result: ResultSet, sampleRows = 2_000): ChartChoice | null {
  const { columns } = result;
  const candidates = columns.map((c, i) => (isXCandidate(c) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return null;
  let x = candidates[0];
  if (candidates.length > 1) {
    const rows = Math.min(result.rowCount, sampleRows);
    let best = Infinity;
    for (const c of candidates) {
      const seen = new Set<unknown>();
      for (let r = 0; r < rows && seen.size < best; r++) {
        const v = result.value(r, c);
        if (v !== null) seen.add(v);
      }
      if (seen.size >= 2 && seen.size < best) {
        best = seen.size;
        x = c;
      }
    }
  }
  let y = columns.findIndex((c, i) => i > x && isYCandidate(c));
  if (y < 0) y = columns.findIndex(isYCandidate);
  return y < 0 ? null : { x, y };
}

export function chartData(result: ResultSet, choice: ChartChoice, masked: boolean): ChartData {
  const xColumn = result.columns[choice.x];
  const temporal = xColumn.kind === 'date' || xColumn.kind === 'timestamp';
  const sums = new Map<string | number, number>();
  let summed = false;
  for (let row = 0; row < result.rowCount; row++) {
    const rawY = result.value(row, choice.y);
    const y = typeof rawY === 'number' ? rawY : typeof rawY === 'string' ? Number(rawY) : NaN;
    if (!Number.isFinite(y)) continue;
    const rawX = result.value(row, choice.x);
    // Missing categories are a category of their own; a missing time has no place on the axis.
    if (rawX === null && temporal) continue;
    const x = temporal ? (rawX as number) : rawX === null ? '∅ NULL' : cellText(xColumn, rawX, masked);
    const before = sums.get(x);
    if (before !== undefined) summed = true;
    sums.set(x, (before ?? 0) + y);
  }
  let points = [...sums].map(([x, y]) => ({ x, y }));
  let omitted = 0;
  if (temporal) points.sort((a, b) => (a.x as number) - (b.x as number));
  else if (points.length > MAX_BARS) {
    omitted = points.length - MAX_BARS;
    points = points.slice(0, MAX_BARS);
  }
  return { mark: temporal ? 'line' : 'bar', points, omitted, summed };
}

export function renderQuickChart(data: ChartData, labels: { x: string; y: string }, width: number): SVGSVGElement | HTMLElement {
  const style = { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' };
  if (data.mark === 'line') {
    const points = data.points.map((p) => ({ x: new Date(p.x as number), y: p.y }));
    // Plot's time scale is UTC by default, which is exactly how naive local times are carried.
    return Plot.plot({
      width,
      height: 300,
      marginLeft: 60,
      style,
      x: { type: 'utc', label: labels.x },
      y: { grid: true, label: labels.y },
      marks: [
        Plot.lineY(points, { x: 'x', y: 'y', stroke: PALETTE[0], strokeWidth: 2 }),
        points.length <= 60 ? Plot.dot(points, { x: 'x', y: 'y', fill: PALETTE[0], r: 2.5 }) : null,
        Plot.ruleY([0]),
        Plot.tip(points, Plot.pointerX({ x: 'x', y: 'y' })),
      ],
    });
  }
  const longest = Math.max(0, ...data.points.map((p) => String(p.x).length));
  const rotate = data.points.length > 8 || longest * data.points.length * 13 > width;
  return Plot.plot({
    width,
    height: rotate ? 300 + Math.min(120, longest * 7) : 300,
    marginLeft: 60,
    marginBottom: rotate ? 30 + Math.min(120, longest * 7) : 36,
    style,
    x: { type: 'band', label: labels.x, domain: data.points.map((p) => p.x), tickRotate: rotate ? -40 : 0 },
    y: { grid: true, label: labels.y },
    marks: [
      Plot.barY(data.points, { x: 'x', y: 'y', fill: PALETTE[0] }),
      Plot.ruleY([0]),
      Plot.tip(data.points, Plot.pointerX({ x: 'x', y: 'y' })),
    ],
  });
}
