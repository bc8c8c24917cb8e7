// The grid events' closed loop as a funnel: one bar per stage (events that reached it, and their
// share of the reported), then a strip of the median time each step took. 督办 is drawn apart
// in another colour because only some events are supervised: its bar is no step of the loop.
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from './theme';

export interface FunnelStageView {
  id: string;
  label: string;
  reached: number;
  share: number | null;
  medianHours: number | null;
  optional?: boolean;
}

export interface FunnelLabels {
  reached: string;
  /** '上一环节至此中位时长' */
  median: string;
  hoursUnit: string;
  loop: string | null;
}

function percent(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function hours(v: number): string {
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

export function renderGridFunnel(stages: readonly FunnelStageView[], width: number, labels: FunnelLabels): HTMLElement {
  const domain = stages.map((s) => s.label);
  const max = Math.max(1, ...stages.map((s) => s.reached));
  const chart = Plot.plot({
    width,
    height: 36 * stages.length + 40,
    marginLeft: 64,
    // Room for the count and share written after the longest bar.
    marginRight: 120,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { domain: [0, max], grid: true, label: labels.reached, tickFormat: '~s' },
    y: { domain, label: null, padding: 0.25 },
    marks: [
      Plot.barX(stages, {
        x: 'reached',
        y: 'label',
        fill: (d: FunnelStageView) => (d.optional ? PALETTE[1] : PALETTE[0]),
        fillOpacity: (d: FunnelStageView) => (d.optional ? 0.75 : 1),
        title: (d: FunnelStageView) => `${d.label}: ${d.reached.toLocaleString('zh-CN')} (${percent(d.share)})`,
      }),
      Plot.text(stages, {
        x: 'reached',
        y: 'label',
        text: (d: FunnelStageView) => `${d.reached.toLocaleString('zh-CN')} · ${percent(d.share)}`,
        textAnchor: 'start',
        dx: 6,
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  });

  const strip = document.createElement('ol');
  strip.className = 'funnel-steps';
  strip.setAttribute('aria-label', labels.median);
  strip.style.cssText = 'display:flex;flex-wrap:wrap;gap:0.3rem 0.9rem;list-style:none;margin:0.4rem 0 0;padding:0;font-size:12px';
  let previous: FunnelStageView | null = null;
  for (const stage of stages) {
    if (stage.optional) continue;
    if (previous) {
      const item = document.createElement('li');
      item.textContent = `${previous.label} → ${stage.label}: ${stage.medianHours === null ? '—' : `${hours(stage.medianHours)} ${labels.hoursUnit}`}`;
      item.dataset.stage = stage.id;
      if (stage.medianHours !== null) item.dataset.hours = String(stage.medianHours);
      strip.append(item);
    }
    previous = stage;
  }
  const figure = document.createElement('div');
  figure.className = 'grid-funnel';
  figure.append(chart, strip);
  if (labels.loop) {
    const loop = document.createElement('p');
    loop.textContent = labels.loop;
    loop.style.cssText = 'margin:0.3rem 0 0;font-size:12px;color:var(--muted, #555)';
    figure.append(loop);
  }
  return figure;
}
