// How long closed tickets took, in whole-day bins, the long tail folded into one last bin so a
// few year-old tickets do not squeeze the rest into one bar. Pure: bins in, an element out.
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from './theme';

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

export function renderClosureHistogram(bins: readonly DisplayBin[], width: number, labels: ClosureHistogramLabels): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({
    width,
    height: 220,
    marginLeft: 52,
    marginRight: 12,
    marginTop: 24,
    marginBottom: 44,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: {
      domain: bins.map((b) => b.key),
      label: labels.axis,
      labelAnchor: 'center',
      labelOffset: 38,
      // Every fifth day is enough to read the scale; the tail bin is always labelled.
      tickFormat: (k: string, i: number) => (i % 5 === 0 || i === bins.length - 1 ? k : ''),
      padding: 0.1,
    },
    y: { grid: true, label: labels.count, tickFormat: '~s' },
    marks: [
      Plot.barY(bins, {
        x: 'key',
        y: 'total',
        fill: (b: DisplayBin, i: number) => (i === bins.length - 1 ? PALETTE[1] : PALETTE[0]),
        title: (b: DisplayBin) => `${b.key} ${labels.axis}: ${b.total.toLocaleString('zh-CN')}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  chart.setAttribute('aria-label', labels.label);
  // Test hooks: each bar carries its bin and count (Plot draws the bars in data order).
  chart.querySelectorAll<SVGRectElement>('g[aria-label="bar"] rect').forEach((rect, i) => {
    if (!bins[i]) return;
    rect.dataset.key = bins[i].key;
    rect.dataset.value = String(bins[i].total);
  });
  return chart;
}
