// Horizontal bars that act as toggles: a click, or Enter/Space on the focused row, reports the
// bar's key. Each row carries a transparent full-width hit area on top of the bar, so a short bar
// is as easy to hit as a long one, and that area is the focusable button (role="button",
// aria-pressed, aria-label with the value). Selected bars are vermillion and the rest fade, so a
// selection reads by lightness as well as by hue.
//
// A brush re-answers these charts every frame, so a chart drawn once is updated in place
// (updateToggleBars): rows are joined by key, and only what changed is written (see ./svg).
import { scaleBand, scaleLinear, type ScaleLinear } from 'd3';
import { chartSvg, HIDDEN, joinMarks, layer, removeAttr, setAttr, setText, setTitle, sizeSvg, SVG_NS, unchanged } from './svg';
import { PALETTE } from './theme';

export interface ToggleBar {
  key: string;
  label: string;
  value: number;
  /** A colour of the bar's own (satisfaction levels); PALETTE[0] otherwise. */
  color?: string;
  /** False for a bar that selects nothing (unattributed, not rated). */
  selectable?: boolean;
}

export interface ToggleBarsOptions {
  selected: readonly string[];
  onToggle: (key: string) => void;
  valueText: (value: number) => string;
  /** The accessible name of the whole chart. */
  label: string;
}

const ROW = 24;
const MAX_LABEL_CHARS = 9;
const MARGIN = { top: 8, right: 64, bottom: 28 } as const;
const COUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** Whole counts with separators; fractional ticks (a scale of 0–5 ticks by 0.5) stay unlabelled. */
function countTick(v: number): string {
  return Number.isInteger(v) ? COUNT.format(v) : '';
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** What the event listeners of a drawn chart read: the latest bars and options, not those of its first draw. */
interface ToggleState {
  bars: Map<string, ToggleBar>;
  options: ToggleBarsOptions;
}

const states = new WeakMap<Element, ToggleState>();

/** The chart's layers, bottom to top, made in this order on the first draw. */
const LAYERS: [string, Record<string, string | number>][] = [
  ['x-grid', { ...HIDDEN, stroke: 'currentColor', 'stroke-opacity': 0.1 }],
  ['x-ticks', { ...HIDDEN, stroke: 'currentColor' }],
  ['x-labels', { 'font-variant': 'tabular-nums' }],
  ['rows', {}],
  ['rule', { ...HIDDEN, stroke: 'currentColor' }],
];

export function renderToggleBars(bars: readonly ToggleBar[], width: number, options: ToggleBarsOptions): SVGSVGElement {
  const svg = chartSvg();
  for (const [name, attrs] of LAYERS) layer(svg, name, attrs);
  states.set(svg, { bars: new Map(), options });
  draw(svg, bars, width, options);
  return svg;
}

/** Redraw a chart renderToggleBars made with new bars, width or options; false for any other element. */
export function updateToggleBars(chart: Element, bars: readonly ToggleBar[], width: number, options: ToggleBarsOptions): boolean {
  if (!(chart instanceof SVGSVGElement) || !states.has(chart)) return false;
  draw(chart, bars, width, options);
  return true;
}

function draw(svg: SVGSVGElement, bars: readonly ToggleBar[], width: number, options: ToggleBarsOptions): void {
  const state = states.get(svg)!;
  state.bars = new Map(bars.map((b) => [b.key, b]));
  state.options = options;

  const height = bars.length * ROW + 36;
  const labelChars = Math.max(2, ...bars.map((b) => shortLabel(b.label).length));
  const left = Math.min(150, 14 + labelChars * 13);
  const tickCount = width < 420 ? 3 : 5;
  // A rounded domain: while a brush moves, the axis stays put until the longest bar outgrows it.
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.value))])
    .nice(tickCount)
    .range([left, width - MARGIN.right]);
  const y = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([MARGIN.top, height - MARGIN.bottom])
    .padding(0.25)
    .round(true);
  const bottom = height - MARGIN.bottom;
  const ticks = x.ticks(tickCount);
  const x0 = x(0);
  const full = x(x.domain()[1]) - x0;
  const anySelected = options.selected.length > 0;
  const isSelected = (b: ToggleBar) => options.selected.includes(b.key);
  sizeSvg(svg, width, height, options.label);

  // The axis moves only when the rounded domain, the width or the margin does.
  if (!unchanged(svg, '#axis', `${width}|${left}|${height}|${x.domain().join()}|${tickCount}`)) drawAxis(svg, x, ticks, bottom);

  const band = y.bandwidth();
  const rows = layer(svg, 'rows');
  rows
    .selectAll<SVGGElement, ToggleBar>(':scope > g')
    .data(bars, (b) => b.key)
    .join((enter) =>
      enter.append('g').each(function (b) {
        makeRow(svg, this, b.key);
      }),
    )
    .order()
    .each(function (b) {
      const [tick, name, bar, value, hit] = this.children as unknown as [SVGLineElement, SVGTextElement, SVGRectElement, SVGTextElement, SVGRectElement];
      setAttr(this, 'transform', `translate(0,${y(b.key) ?? 0})`);
      setAttr(tick, 'x1', left - 6);
      setAttr(tick, 'x2', left);
      setAttr(tick, 'y1', band / 2);
      setAttr(tick, 'y2', band / 2);
      setAttr(name, 'x', left - 8.5);
      setAttr(name, 'y', band / 2);
      setText(name, shortLabel(b.label));
      setAttr(bar, 'x', x0);
      setAttr(bar, 'width', Math.max(0, x(b.value) - x0));
      setAttr(bar, 'height', band);
      setAttr(bar, 'fill', isSelected(b) ? PALETTE[3] : (b.color ?? PALETTE[0]));
      setAttr(bar, 'fill-opacity', anySelected && !isSelected(b) ? 0.35 : 1);
      setAttr(value, 'x', x(b.value) + 4);
      setAttr(value, 'y', band / 2);
      setText(value, options.valueText(b.value));

      const text = `${b.label}: ${options.valueText(b.value)}`;
      setAttr(hit, 'x', x0);
      setAttr(hit, 'width', full);
      setAttr(hit, 'height', band + 4);
      setAttr(hit, 'data-value', String(b.value));
      setAttr(hit, 'aria-label', text);
      setTitle(hit, text);
      if (b.selectable === false) {
        removeAttr(hit, 'role');
        removeAttr(hit, 'tabindex');
        removeAttr(hit, 'aria-pressed');
        hit.style.cursor = '';
      } else {
        setAttr(hit, 'role', 'button');
        setAttr(hit, 'tabindex', '0');
        setAttr(hit, 'aria-pressed', String(isSelected(b)));
        hit.style.cursor = 'pointer';
      }
    });

}

/** Grid, ticks and their labels along x, and the rule at 0. */
function drawAxis(svg: SVGSVGElement, x: ScaleLinear<number, number>, ticks: number[], bottom: number): void {
  joinMarks<SVGLineElement, number>(layer(svg, 'x-grid'), 'line', ticks, (line, t) => {
    setAttr(line, 'x1', x(t) + 0.5);
    setAttr(line, 'x2', x(t) + 0.5);
    setAttr(line, 'y1', MARGIN.top);
    setAttr(line, 'y2', bottom);
  }, Number);
  joinMarks<SVGLineElement, number>(layer(svg, 'x-ticks'), 'line', ticks, (line, t) => {
    setAttr(line, 'x1', x(t) + 0.5);
    setAttr(line, 'x2', x(t) + 0.5);
    setAttr(line, 'y1', bottom);
    setAttr(line, 'y2', bottom + 6);
  }, Number);
  joinMarks<SVGTextElement, number>(layer(svg, 'x-labels'), 'text', ticks, (text, t) => {
    setAttr(text, 'x', x(t) + 0.5);
    setAttr(text, 'y', bottom + 9.5);
    setAttr(text, 'dy', '0.71em');
    setText(text, countTick(t));
  }, Number);
  const x0 = x(0);
  joinMarks<SVGLineElement, number>(layer(svg, 'rule'), 'line', [x0], (line) => {
    setAttr(line, 'x1', x0 + 0.5);
    setAttr(line, 'x2', x0 + 0.5);
    setAttr(line, 'y1', MARGIN.top);
    setAttr(line, 'y2', bottom);
  });
}

/** A row's marks, in drawing order: y tick, label, bar, value, and the hit area on top. */
function makeRow(svg: SVGSVGElement, row: SVGGElement, key: string): void {
  const add = <K extends keyof SVGElementTagNameMap>(tag: K): SVGElementTagNameMap[K] => row.appendChild(document.createElementNS(SVG_NS, tag));
  add('line').setAttribute('stroke', 'currentColor');
  const name = add('text');
  name.setAttribute('text-anchor', 'end');
  name.setAttribute('dy', '0.32em');
  add('rect').setAttribute('class', 'bar');
  const value = add('text');
  value.setAttribute('text-anchor', 'start');
  value.setAttribute('dy', '0.32em');
  const hit = add('rect');
  hit.setAttribute('class', 'toggle-hit');
  hit.setAttribute('y', '-2');
  hit.setAttribute('fill', '#ffffff');
  hit.setAttribute('fill-opacity', '0');
  hit.dataset.key = key;
  const toggle = () => {
    const state = states.get(svg);
    if (state && state.bars.get(key)?.selectable !== false) state.options.onToggle(key);
  };
  hit.addEventListener('click', toggle);
  hit.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    toggle();
  });
  // A visible focus ring: the hit area is transparent, so draw its outline while focused.
  hit.addEventListener('focus', () => {
    hit.setAttribute('stroke', PALETTE[7]);
    hit.setAttribute('stroke-width', '1.5');
    hit.setAttribute('stroke-dasharray', '3 2');
  });
  hit.addEventListener('blur', () => {
    hit.removeAttribute('stroke');
    hit.removeAttribute('stroke-width');
    hit.removeAttribute('stroke-dasharray');
  });
}
