// How long closed tickets took, in whole-day bins, the long tail folded into one last bin so a
// few year-old tickets do not squeeze the rest into one bar. Pure: bins in, an element out; a
// chart drawn once is updated in place when the brush moves (updateClosureHistogram, see ./svg).
import { format, scaleBand, scaleLinear } from 'd3';
import { chartSvg, HIDDEN, joinMarks, layer, setAttr, setText, setTitle, sizeSvg, unchanged } from './svg';
import { PALETTE } from './theme';

export interface ClosureBin {
  /** Lower edge in hours (a multiple of binHours). */
  lower: number;
  total: number;
}

export interface ClosureHistogramLabels {
  axis: string; // 办结用时（天）
  count: string; // 工单量
  tail: (days: number) => string; // '≥30'
  label: string;
}

export interface DisplayBin {
  key: string;
  lower: number;
  total: number;
}

const HEIGHT = 220;
const MARGIN = { top: 24, right: 12, bottom: 44, left: 52 } as const;
const AXIS_LABEL_OFFSET = 38;
const Y_TICKS = 4;
const COUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const SI = format('~s');

/**
 * Bins of `binHours` folded at `maxDays`: every bin from 0 up (empty ones included, so the axis
 * reads as a scale), then one '≥maxDays' bin; negative durations (closed before received, a data
 * error) join the first bin rather than vanish.
 */
export function foldClosureBins(bins: readonly ClosureBin[], binHours: number, maxDays: number, tail: (days: number) => string): DisplayBin[] {
  const count = Math.ceil((maxDays * 24) / binHours);
  const out: DisplayBin[] = Array.from({ length: count }, (_, i) => ({ key: String((i * binHours) / 24), lower: i * binHours, total: 0 }));
  let rest = 0;
  for (const b of bins) {
    const i = Math.max(0, Math.floor(b.lower / binHours));
    if (i < count) out[i].total += b.total;
    else rest += b.total;
  }
  out.push({ key: tail(maxDays), lower: count * binHours, total: rest });
  return out;
}

const drawn = new WeakSet<Element>();

export function renderClosureHistogram(bins: readonly DisplayBin[], width: number, labels: ClosureHistogramLabels): SVGSVGElement {
  const svg = chartSvg();
  drawn.add(svg);
  draw(svg, bins, width, labels);
  return svg;
}

/** Redraw a chart renderClosureHistogram made; false for any other element. */
export function updateClosureHistogram(chart: Element | null, bins: readonly DisplayBin[], width: number, labels: ClosureHistogramLabels): boolean {
  if (!(chart instanceof SVGSVGElement) || !drawn.has(chart)) return false;
  draw(chart, bins, width, labels);
  return true;
}

function draw(svg: SVGSVGElement, bins: readonly DisplayBin[], width: number, labels: ClosureHistogramLabels): void {
  const bottom = HEIGHT - MARGIN.bottom;
  const right = width - MARGIN.right;
  const x = scaleBand<string>()
    .domain(bins.map((b) => b.key))
    .range([MARGIN.left, right])
    .padding(0.1)
    .round(true);
  // A rounded domain: while a brush moves, the axis stays put until the tallest bar outgrows it.
  const y = scaleLinear()
    .domain([0, Math.max(1, ...bins.map((b) => b.total))])
    .nice(Y_TICKS)
    .range([bottom, MARGIN.top]);
  const ticks = y.ticks(Y_TICKS).filter(Number.isInteger);
  const last = bins.length - 1;
  const keys = bins.map((b) => b.key);
  const center = (key: string) => (x(key) ?? 0) + x.bandwidth() / 2;
  sizeSvg(svg, width, HEIGHT, labels.label);

  // The axes move only when the rounded domain, the width, the bins or the labels do.
  if (!unchanged(svg, '#axes', `${width}|${y.domain().join()}|${keys.join()}|${labels.axis}|${labels.count}`)) {
    const grid = layer(svg, 'y-grid', { ...HIDDEN, stroke: 'currentColor', 'stroke-opacity': 0.1 });
    joinMarks<SVGLineElement, number>(grid, 'line', ticks, (line, t) => {
      setAttr(line, 'x1', MARGIN.left);
      setAttr(line, 'x2', right);
      setAttr(line, 'y1', y(t) + 0.5);
      setAttr(line, 'y2', y(t) + 0.5);
    }, Number);
    const yTicks = layer(svg, 'y-ticks', { ...HIDDEN, stroke: 'currentColor' });
    joinMarks<SVGLineElement, number>(yTicks, 'line', ticks, (line, t) => {
      setAttr(line, 'x1', MARGIN.left - 6);
      setAttr(line, 'x2', MARGIN.left);
      setAttr(line, 'y1', y(t) + 0.5);
      setAttr(line, 'y2', y(t) + 0.5);
    }, Number);
    const yLabels = layer(svg, 'y-labels', { 'text-anchor': 'end', 'font-variant': 'tabular-nums' });
    joinMarks<SVGTextElement, number>(yLabels, 'text', ticks, (text, t) => {
      setAttr(text, 'x', MARGIN.left - 9);
      setAttr(text, 'y', y(t) + 0.5);
      setAttr(text, 'dy', '0.32em');
      setText(text, SI(t));
    }, Number);
    const yName = layer(svg, 'y-name', { 'text-anchor': 'start' });
    joinMarks<SVGTextElement, string>(yName, 'text', [labels.count], (text, name) => {
      setAttr(text, 'x', MARGIN.left - 46);
      setAttr(text, 'y', MARGIN.top - 12);
      setText(text, `↑ ${name}`);
    });

    const xTicks = layer(svg, 'x-ticks', { ...HIDDEN, stroke: 'currentColor' });
    joinMarks<SVGLineElement, string>(xTicks, 'line', keys, (line, key) => {
      setAttr(line, 'x1', center(key));
      setAttr(line, 'x2', center(key));
      setAttr(line, 'y1', bottom);
      setAttr(line, 'y2', bottom + 6);
    }, String);
    // Every fifth day is enough to read the scale; the tail bin is always labelled.
    const xLabels = layer(svg, 'x-labels');
    joinMarks<SVGTextElement, string>(xLabels, 'text', keys.filter((_, i) => i % 5 === 0 || i === last), (text, key) => {
      setAttr(text, 'x', center(key));
      setAttr(text, 'y', bottom + 9);
      setAttr(text, 'dy', '0.71em');
      setText(text, key);
    }, String);
    const xName = layer(svg, 'x-name');
    joinMarks<SVGTextElement, string>(xName, 'text', [labels.axis], (text, name) => {
      setAttr(text, 'x', (MARGIN.left + right) / 2);
      setAttr(text, 'y', bottom + AXIS_LABEL_OFFSET);
      setText(text, name);
    });
  }

  joinMarks<SVGRectElement, DisplayBin>(layer(svg, 'bars'), 'rect', bins, (rect, b, i) => {
    setAttr(rect, 'x', x(b.key) ?? 0);
    setAttr(rect, 'width', x.bandwidth());
    setAttr(rect, 'y', y(b.total));
    setAttr(rect, 'height', Math.max(0, y(0) - y(b.total)));
    setAttr(rect, 'fill', i === last ? PALETTE[1] : PALETTE[0]);
    setTitle(rect, `${b.key} ${labels.axis}: ${COUNT.format(b.total)}`);
    // Test hooks: each bar carries its bin and count.
    setAttr(rect, 'data-key', b.key);
    setAttr(rect, 'data-value', String(b.total));
  }, (b) => b.key);

  joinMarks<SVGLineElement, number>(layer(svg, 'rule', { ...HIDDEN, stroke: 'currentColor' }), 'line', [0], (line) => {
    setAttr(line, 'x1', MARGIN.left);
    setAttr(line, 'x2', right);
    setAttr(line, 'y1', y(0) + 0.5);
    setAttr(line, 'y2', y(0) + 0.5);
  });
}
