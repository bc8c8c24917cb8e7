// On time against late and overdue, as one stacked bar of the tickets that were due, with the
// tickets not yet due beside it in grey: the shares a reader compares are the due ones.
import * as Plot from '@observablehq/plot';
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

export function renderOnTimeBar(segments: readonly OnTimeSegment[], width: number, label: string): HTMLElement | SVGSVGElement {
  const total = segments.reduce((s, d) => s + d.value, 0);
  const share = (v: number) => (total > 0 ? `${((v / total) * 100).toFixed(1)}%` : '—');
  const chart = Plot.plot({
    width,
    height: 110,
    marginLeft: 8,
    marginRight: 8,
    marginTop: 8,
    marginBottom: 24,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { label: null, tickFormat: '~s', ticks: width < 420 ? 3 : 6 },
    y: { axis: null },
    color: {
      legend: true,
      domain: segments.map((s) => `${s.label} ${s.value.toLocaleString('zh-CN')}`),
      range: segments.map((s) => COLORS[s.key]),
    },
    marks: [
      Plot.barX(segments, {
        x: 'value',
        fill: (s: OnTimeSegment) => `${s.label} ${s.value.toLocaleString('zh-CN')}`,
        title: (s: OnTimeSegment) => `${s.label}: ${s.value.toLocaleString('zh-CN')} (${share(s.value)})`,
        insetTop: 8,
        insetBottom: 8,
      }),
      Plot.text(
        segments,
        Plot.stackX({
          x: 'value',
          text: (s: OnTimeSegment) => (total > 0 && s.value / total >= 0.08 ? share(s.value) : ''),
          fill: '#000',
        }),
      ),
    ],
  });
  chart.setAttribute('aria-label', label);
  // Test hooks: each segment carries its key and count (Plot draws the bars in data order).
  chart.querySelectorAll<SVGRectElement>('g[aria-label="bar"] rect').forEach((rect, i) => {
    if (!segments[i]) return;
    rect.dataset.key = segments[i].key;
    rect.dataset.value = String(segments[i].value);
  });
  return chart;
}
