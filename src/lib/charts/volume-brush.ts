// Tickets received per day (or per Monday-started week) with a horizontal brush. The brush snaps
// to whole bars: dragging reports the days it covers while it moves (`onBrush(range, false)`, for
// live linked views) and once when released (`onBrush(range, true)`, for the address). A brush
// drawn from the address (`selected`) reports nothing. Naive local days are plotted as UTC, so no
// machine time zone shifts a day.
import * as Plot from '@observablehq/plot';
import { brushX, select, type D3BrushEvent } from 'd3';
import { CHART_FONT, PALETTE } from './theme';

export interface VolumeBucket {
  /** The bucket's first day, YYYY-MM-DD (a Monday for weeks). */
  day: string;
  total: number;
}

export interface BrushRange {
  from: string;
  to: string;
}

export interface VolumeBrushOptions {
  unit: 'day' | 'week';
  selected: BrushRange | null;
  onBrush: (range: BrushRange | null, final: boolean) => void;
  /** Axis label (工单量). */
  volume: string;
  /** The accessible name of the chart. */
  label: string;
  /** A bar's tooltip, worded by the page ('2025-03-03 起一周：1,234 件'); by default day and count only. */
  barTitle?: (bucket: VolumeBucket) => string;
}

const DAY_MS = 86_400_000;
export const VOLUME_MARGIN = { top: 24, right: 24, bottom: 30, left: 52 } as const;
export const VOLUME_HEIGHT = 220;

function dayMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday on or before `ms` (1970-01-01 was a Thursday). */
function mondayOf(ms: number): number {
  const days = Math.floor(ms / DAY_MS);
  return (days - ((days + 3) % 7)) * DAY_MS;
}

/**
 * The whole bars a brushed time extent covers: from the bar holding the left edge to the bar
 * holding the right edge (an edge exactly on a boundary belongs to the bar it starts).
 */
export function snapToBuckets(a: number, b: number, unit: 'day' | 'week'): BrushRange {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const start = unit === 'day' ? Math.floor(lo / DAY_MS) * DAY_MS : mondayOf(lo);
  // The last instant inside the brush, so a right edge on a boundary does not take the next bar.
  const lastInside = Math.max(start, hi - 1);
  const endStart = unit === 'day' ? Math.floor(lastInside / DAY_MS) * DAY_MS : mondayOf(lastInside);
  const end = endStart + (unit === 'day' ? 0 : 6 * DAY_MS);
  return { from: isoDay(start), to: isoDay(end) };
}

/** Short numeric ticks: MM-DD for days (the year on 1 January), YYYY-MM for weeks. */
function tickText(d: Date, unit: 'day' | 'week'): string {
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  if (unit === 'week') return `${d.getUTCFullYear()}-${mm}`;
  if (d.getUTCMonth() === 0 && d.getUTCDate() === 1) return String(d.getUTCFullYear());
  return `${mm}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A drawn chart's brush, so that a new selection from the address moves it instead of redrawing the chart. */
interface BrushState {
  buckets: readonly VolumeBucket[];
  width: number;
  options: VolumeBrushOptions;
  /** Put the band on `range` (null: clear it) without reporting it. */
  show(range: BrushRange | null): void;
}

const states = new WeakMap<Element, BrushState>();

/**
 * When only the selection (or the callbacks) changed — the same buckets at the same width, as when
 * a drag ends and the address takes its range — move the band of the chart renderVolumeBrush made
 * and keep the chart: redrawing hundreds of bars at the end of every drag is what it saves. False
 * when the chart must be drawn anew.
 */
export function updateVolumeBrush(chart: Element, buckets: readonly VolumeBucket[], width: number, options: VolumeBrushOptions): boolean {
  const state = states.get(chart);
  if (!state || state.width !== width || state.options.unit !== options.unit || !sameBuckets(state.buckets, buckets)) return false;
  state.buckets = buckets;
  state.options = options;
  state.show(options.selected);
  return true;
}

function sameBuckets(a: readonly VolumeBucket[], b: readonly VolumeBucket[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x.day === b[i].day && x.total === b[i].total));
}

export function renderVolumeBrush(buckets: readonly VolumeBucket[], width: number, options: VolumeBrushOptions): SVGSVGElement | HTMLElement {
  const step = options.unit === 'day' ? DAY_MS : 7 * DAY_MS;
  const data = buckets.map((b) => ({ ...b, start: new Date(dayMs(b.day)), end: new Date(dayMs(b.day) + step) }));
  const domain = data.length ? [data[0].start, data[data.length - 1].end] : [new Date(0), new Date(DAY_MS)];
  const chart = Plot.plot({
    width,
    height: VOLUME_HEIGHT,
    marginTop: VOLUME_MARGIN.top,
    marginRight: VOLUME_MARGIN.right,
    marginBottom: VOLUME_MARGIN.bottom,
    marginLeft: VOLUME_MARGIN.left,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    // Numeric dates: Plot's default ticks spell months in English whatever the page language.
    x: { type: 'utc', domain, label: null, ticks: width < 560 ? 4 : 8, tickFormat: (d: Date) => tickText(d, options.unit) },
    y: { grid: true, label: options.volume, tickFormat: '~s' },
    marks: [
      Plot.rectY(data, {
        x1: 'start',
        x2: 'end',
        y: 'total',
        insetLeft: data.length > 200 ? 0 : 0.5,
        insetRight: data.length > 200 ? 0 : 0.5,
        fill: PALETTE[0],
        title: (d: VolumeBucket) => (options.barTitle ? options.barTitle(d) : `${d.day}: ${d.total.toLocaleString('zh-CN')}`),
      }),
      Plot.ruleY([0]),
    ],
  });
  chart.setAttribute('aria-label', options.label);
  const x = chart.scale('x');
  if (!x?.apply || !x.invert) return chart;
  const toPx = (ms: number) => x.apply!(new Date(ms)) as number;
  const toMs = (px: number) => (x.invert!(px) as Date).getTime();
  const left = VOLUME_MARGIN.left;
  const right = width - VOLUME_MARGIN.right;
  const brush = brushX<unknown>().extent([
    [left, VOLUME_MARGIN.top],
    [right, VOLUME_HEIGHT - VOLUME_MARGIN.bottom],
  ]);
  const svg = select(chart.tagName.toLowerCase() === 'svg' ? (chart as SVGSVGElement) : chart.querySelector('svg')!);
  const layer = svg.append('g').attr('class', 'brush').attr('data-testid', 'volume-brush').call(brush);
  layer.selectAll('.selection').attr('fill', PALETTE[3]).attr('fill-opacity', 0.18).attr('stroke', PALETTE[3]);
  const pixelsOf = (range: BrushRange): [number, number] | null => {
    const lo = Math.max(left, toPx(dayMs(range.from)));
    const hi = Math.min(right, toPx(dayMs(range.to) + DAY_MS));
    return hi > lo ? [lo, hi] : null;
  };
  let dragging = false;
  let shown = '';
  const state: BrushState = {
    buckets,
    width,
    options,
    show(range) {
      const key = range ? `${range.from}~${range.to}` : '';
      // A person's drag owns the band until it ends; the address then says where it ended.
      if (dragging || key === shown) return;
      shown = key;
      const px = range ? pixelsOf(range) : null;
      layer.call(brush.move, px);
    },
  };
  states.set(chart, state);
  state.show(options.selected);
  // Only a person's drag reports (a programmatic move has no sourceEvent). While dragging the
  // range is reported as it changes; on release the band snaps to the whole bars it covers.
  let last = '';
  brush.on('start', (event: D3BrushEvent<unknown>) => {
    if (event.sourceEvent) dragging = true;
  });
  brush.on('brush end', (event: D3BrushEvent<unknown>) => {
    if (!event.sourceEvent) return;
    if (event.type === 'end') dragging = false;
    const options = state.options;
    const extent = event.selection as [number, number] | null;
    const final = event.type === 'end';
    if (!extent) {
      last = '';
      if (final) {
        shown = '';
        options.onBrush(null, true);
      }
      return;
    }
    const range = snapToBuckets(toMs(extent[0]), toMs(extent[1]), options.unit);
    const key = `${range.from}~${range.to}`;
    if (final) {
      const px = pixelsOf(range);
      if (px) layer.call(brush.move, px);
      shown = key;
      options.onBrush(range, true);
    } else if (key !== last) {
      options.onBrush(range, false);
    }
    last = final ? '' : key;
  });
  return chart;
}
