// Monthly volume (bars) over monthly satisfaction (line): two aligned panels rather than one
// chart with two y-axes, which readers misread. A pure renderer: rows in, an element out.
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from './theme';

export interface MonthlyPoint {
  month: string; // YYYY-MM
  total: number;
  satisfaction_rate: number | null;
}

export interface MonthlyTrendLabels {
  volume: string;
  satisfaction: string;
  /** The satisfaction target in force for a month (issue 15), drawn as a dashed line; null: none. */
  target?: (month: string) => number | null;
  /** The target line's label, e.g. "目标". */
  targetLabel?: string;
}

function monthDate(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

export function renderMonthlyTrend(points: readonly MonthlyPoint[], width: number, labels: MonthlyTrendLabels): HTMLElement {
  const data = points.map((p) => ({ ...p, date: monthDate(p.month) }));
  // A label every month collides beyond a year of data: label quarters' first months then.
  const ticks = data.length > 12 ? data.filter((d) => d.date.getUTCMonth() % 3 === 0).map((d) => d.date) : undefined;
  const common = {
    width,
    marginLeft: 56,
    marginRight: 16,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { type: 'band' as const, ticks, tickFormat: (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, label: null },
  };
  const volume = Plot.plot({
    ...common,
    height: 180,
    y: { grid: true, label: labels.volume, tickFormat: '~s' },
    marks: [
      Plot.barY(data, { x: 'date', y: 'total', fill: PALETTE[0], title: (d: MonthlyPoint) => `${d.month}: ${d.total}` }),
      Plot.ruleY([0]),
    ],
  });
  const satisfaction = Plot.plot({
    ...common,
    height: 150,
    y: { grid: true, label: labels.satisfaction, tickFormat: (v: number) => `${(v * 100).toFixed(1)}%`, nice: true },
    marks: [
      ...targetMarks(data, labels),
      Plot.lineY(data, { x: 'date', y: 'satisfaction_rate', stroke: PALETTE[1], strokeWidth: 2 }),
      Plot.dot(data, { x: 'date', y: 'satisfaction_rate', fill: PALETTE[1], r: 2.5, title: (d: MonthlyPoint) => `${d.month}: ${d.satisfaction_rate === null ? '—' : (d.satisfaction_rate * 100).toFixed(2) + '%'}` }),
    ],
  });
  const figure = document.createElement('div');
  if (labels.target) figure.dataset.target = data.map((d) => labels.target!(d.month) ?? '').join(' ');
  figure.className = 'monthly-trend';
  figure.append(volume, satisfaction);
  return figure;
}

/** The target per month as a dashed step line, so a year-specific target changes where the year does. */
function targetMarks(data: readonly (MonthlyPoint & { date: Date })[], labels: MonthlyTrendLabels): Plot.Markish[] {
  if (!labels.target) return [];
  const points = data.map((d) => ({ date: d.date, target: labels.target!(d.month) })).filter((d) => d.target !== null);
  if (points.length === 0) return [];
  const last = points[points.length - 1];
  return [
    Plot.lineY(points, { x: 'date', y: 'target', stroke: '#c0392b', strokeDasharray: '4 3', strokeWidth: 1.5, curve: 'step' }),
    Plot.text([last], { x: 'date', y: 'target', text: () => `${labels.targetLabel ?? ''} ${((last.target as number) * 100).toFixed(0)}%`, dy: -8, fill: '#c0392b', textAnchor: 'end' }),
  ];
}
