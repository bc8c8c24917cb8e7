// Horizontal Observable Plot bars that act as toggles: a click, or Enter/Space on the focused row,
// reports the bar's key. Each row carries a transparent full-width hit area on top of the bar, so
// a short bar is as easy to hit as a long one, and that area is the focusable button
// (role="button", aria-pressed, aria-label with the value). Selected bars are vermillion and the
// rest fade, so a selection reads by lightness as well as by hue.
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from './theme';

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

/** Whole counts with separators; fractional ticks (a scale of 0–5 ticks by 0.5) stay unlabelled. */
function countTick(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('zh-CN') : '';
}

function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

export function renderToggleBars(bars: readonly ToggleBar[], width: number, options: ToggleBarsOptions): SVGSVGElement | HTMLElement {
  const anySelected = options.selected.length > 0;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelChars = Math.max(2, ...bars.map((b) => shortLabel(b.label).length));
  const marginLeft = Math.min(150, 14 + labelChars * 13);
  const byKey = new Map(bars.map((b) => [b.key, b]));
  const isSelected = (b: ToggleBar) => options.selected.includes(b.key);
  const chart = Plot.plot({
    width,
    height: bars.length * ROW + 36,
    marginLeft,
    marginRight: 64,
    marginTop: 8,
    marginBottom: 28,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { grid: true, label: null, tickFormat: countTick, domain: [0, max], ticks: width < 420 ? 3 : 5 },
    y: { domain: bars.map((b) => b.key), label: null, tickFormat: (k: string) => shortLabel(byKey.get(k)?.label ?? k), padding: 0.25 },
    marks: [
      Plot.barX(bars, {
        x: 'value',
        y: 'key',
        fill: (b: ToggleBar) => (isSelected(b) ? PALETTE[3] : (b.color ?? PALETTE[0])),
        fillOpacity: (b: ToggleBar) => (anySelected && !isSelected(b) ? 0.35 : 1),
      }),
      Plot.text(bars, {
        x: 'value',
        y: 'key',
        text: (b: ToggleBar) => options.valueText(b.value),
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
      Plot.barX(bars, { x1: 0, x2: max, y: 'key', fill: '#ffffff', fillOpacity: 0, insetTop: -2, insetBottom: -2, className: 'toggle-hit' }),
    ],
  });
  chart.setAttribute('aria-label', options.label);
  const hits = chart.querySelectorAll<SVGRectElement>('g.toggle-hit rect');
  hits.forEach((rect, i) => {
    const bar = bars[i];
    if (!bar) return;
    const text = `${bar.label}: ${options.valueText(bar.value)}`;
    rect.dataset.key = bar.key;
    rect.dataset.value = String(bar.value);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = text;
    rect.append(title);
    if (bar.selectable === false) {
      rect.setAttribute('aria-label', text);
      return;
    }
    rect.setAttribute('role', 'button');
    rect.setAttribute('tabindex', '0');
    rect.setAttribute('aria-pressed', String(isSelected(bar)));
    rect.setAttribute('aria-label', text);
    rect.style.cursor = 'pointer';
    rect.addEventListener('click', () => options.onToggle(bar.key));
    rect.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      options.onToggle(bar.key);
    });
    // A visible focus ring: the hit area is transparent, so draw its outline while focused.
    rect.addEventListener('focus', () => {
      rect.setAttribute('stroke', PALETTE[7]);
      rect.setAttribute('stroke-width', '1.5');
      rect.setAttribute('stroke-dasharray', '3 2');
    });
    rect.addEventListener('blur', () => {
      rect.removeAttribute('stroke');
      rect.removeAttribute('stroke-width');
      rect.removeAttribute('stroke-dasharray');
    });
  });
  return chart;
}
