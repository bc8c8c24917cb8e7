// On time against late and overdue, as one stacked bar of the tickets that were due, with the
// tickets not yet due beside it in grey: the shares a reader compares are the due ones. A legend
// above names each part with its count. A chart drawn once is updated in place when the brush
// moves (updateOnTimeBar, see ./svg).
import { format, scaleLinear } from 'd3';
import { chartSvg, HIDDEN, joinMarks, layer, setAttr, setText, setTitle, sizeSvg, SVG_NS, unchanged } from './svg';
import { CHART_FONT, PALETTE } from './theme';

export interface OnTimeSegment {
  key: 'on_time' | 'closed_late' | 'overdue_open' | 'not_due';
  label: string;
  value: number;
}

const COLORS: Record<OnTimeSegment['key'], string> = {
  on_time: PALETTE[2],
  closed_late: PALETTE[1],
  overdue_open: PALETTE[3],
  not_due: '#c9ced6',
};

const HEIGHT = 110;
const MARGIN = { top: 8, right: 8, bottom: 24, left: 8 } as const;
const INSET = 8;
const COUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const SI = format('~s');

interface Placed extends OnTimeSegment {
  start: number;
}

const drawn = new WeakSet<Element>();

export function renderOnTimeBar(segments: readonly OnTimeSegment[], width: number, label: string): HTMLElement {
  const figure = document.createElement('div');
  figure.className = 'on-time-chart';
  figure.setAttribute('aria-label', label);
  const legend = document.createElement('div');
  legend.className = 'legend';
  legend.setAttribute('style', `display: flex; flex-wrap: wrap; align-items: center; min-height: 33px; font-family: ${CHART_FONT}; font-size: 12px;`);
  figure.append(legend, chartSvg());
  drawn.add(figure);
  draw(figure, segments, width, label);
  return figure;
}

/** Redraw a chart renderOnTimeBar made; false for any other element. */
export function updateOnTimeBar(chart: Element, segments: readonly OnTimeSegment[], width: number, label: string): boolean {
  if (!(chart instanceof HTMLElement) || !drawn.has(chart)) return false;
  draw(chart, segments, width, label);
  return true;
}

function draw(figure: HTMLElement, segments: readonly OnTimeSegment[], width: number, label: string): void {
  const legend = figure.querySelector<HTMLDivElement>(':scope > .legend')!;
  const svg = figure.querySelector<SVGSVGElement>(':scope > svg')!;
  setAttr(figure, 'aria-label', label);
  const total = segments.reduce((s, d) => s + d.value, 0);
  const share = (v: number) => (total > 0 ? `${((v / total) * 100).toFixed(1)}%` : '—');
  let start = 0;
  const placed: Placed[] = segments.map((s) => {
    const p = { ...s, start };
    start += s.value;
    return p;
  });
  const right = width - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const tickCount = width < 420 ? 3 : 6;
  // A rounded domain: while a brush moves, the axis stays put until the total outgrows it.
  const x = scaleLinear()
    .domain([0, Math.max(1, total)])
    .nice(tickCount)
    .range([MARGIN.left, right]);
  const ticks = x.ticks(tickCount);
  sizeSvg(svg, width, HEIGHT, label);

  // The legend: a swatch and "label count" per part, in the bar's order.
  const have = new Map([...legend.children].map((el) => [(el as HTMLElement).dataset.key, el as HTMLSpanElement]));
  placed.forEach((s, i) => {
    let item = have.get(s.key);
    if (!item) {
      item = document.createElement('span');
      item.dataset.key = s.key;
      item.setAttribute('style', 'display: inline-flex; align-items: center; margin-right: 1em;');
      const swatch = document.createElementNS(SVG_NS, 'svg');
      swatch.setAttribute('width', '15');
      swatch.setAttribute('height', '15');
      swatch.setAttribute('style', 'margin-right: 0.5em; overflow: visible;');
      swatch.append(document.createElementNS(SVG_NS, 'rect'));
      swatch.firstElementChild!.setAttribute('width', '100%');
      swatch.firstElementChild!.setAttribute('height', '100%');
      item.append(swatch, document.createTextNode(''));
    }
    if (legend.children[i] !== item) legend.insertBefore(item, legend.children[i] ?? null);
    setAttr(item.firstElementChild!, 'fill', COLORS[s.key]);
    const text = `${s.label} ${COUNT.format(s.value)}`;
    if (item.lastChild!.textContent !== text) item.lastChild!.textContent = text;
    have.delete(s.key);
  });
  for (const stale of have.values()) stale.remove();

  // The axis moves only when the rounded domain or the width does.
  if (!unchanged(svg, '#axis', `${width}|${x.domain().join()}|${tickCount}`)) {
    const tickMarks = layer(svg, 'x-ticks', { ...HIDDEN, stroke: 'currentColor' });
    joinMarks<SVGLineElement, number>(tickMarks, 'line', ticks, (line, t) => {
      setAttr(line, 'x1', x(t) + 0.5);
      setAttr(line, 'x2', x(t) + 0.5);
      setAttr(line, 'y1', bottom);
      setAttr(line, 'y2', bottom + 6);
    }, Number);
    const tickLabels = layer(svg, 'x-labels', { 'font-variant': 'tabular-nums' });
    joinMarks<SVGTextElement, number>(tickLabels, 'text', ticks, (text, t) => {
      setAttr(text, 'x', x(t) + 0.5);
      setAttr(text, 'y', bottom + 9.5);
      setAttr(text, 'dy', '0.71em');
      setText(text, SI(t));
    }, Number);
  }

  joinMarks<SVGRectElement, Placed>(layer(svg, 'bars'), 'rect', placed, (rect, s) => {
    setAttr(rect, 'x', x(s.start));
    setAttr(rect, 'width', Math.max(0, x(s.start + s.value) - x(s.start)));
    setAttr(rect, 'y', MARGIN.top + INSET);
    setAttr(rect, 'height', bottom - MARGIN.top - 2 * INSET);
    setAttr(rect, 'fill', COLORS[s.key]);
    setTitle(rect, `${s.label}: ${COUNT.format(s.value)} (${share(s.value)})`);
    // Test hooks: each segment carries its key and count.
    setAttr(rect, 'data-key', s.key);
    setAttr(rect, 'data-value', String(s.value));
  }, (s) => s.key);
  // Shares on the parts wide enough to hold them.
  const shares = placed.filter((s) => total > 0 && s.value / total >= 0.08);
  joinMarks<SVGTextElement, Placed>(layer(svg, 'shares', { fill: '#000' }), 'text', shares, (text, s) => {
    setAttr(text, 'x', x(s.start + s.value / 2));
    setAttr(text, 'y', (MARGIN.top + bottom) / 2);
    setAttr(text, 'dy', '0.32em');
    setText(text, share(s.value));
  }, (s) => s.key);
}
