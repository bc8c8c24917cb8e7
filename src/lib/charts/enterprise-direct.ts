// Direct answers per request type: each type's requests split into answered directly and the
// rest, with the direct-answer rate written after the bar. Stacked counts rather than rates
// alone, so a 100% rate over three requests does not look like one over three hundred.
import * as Plot from '@observablehq/plot';
import { CHART_FONT, PALETTE } from './theme';

export interface DirectAnswerRow {
  type: string;
  total: number;
  /** direct_answer_rate of the metric layer; null when the type has no requests. */
  rate: number | null;
}

export interface DirectAnswerLabels {
  direct: string;
  other: string;
  axis: string;
}

export function renderDirectAnswers(rows: readonly DirectAnswerRow[], width: number, labels: DirectAnswerLabels): HTMLElement {
  // The rate is a count over the total, so rate × total gives the count back exactly after rounding.
  const parts = rows.flatMap((r) => {
    const direct = r.rate === null ? 0 : Math.round(r.rate * r.total);
    return [
      { type: r.type, part: labels.direct, n: direct },
      { type: r.type, part: labels.other, n: r.total - direct },
    ];
  });
  const order = [...rows].sort((a, b) => b.total - a.total).map((r) => r.type);
  return Plot.plot({
    width,
    height: 34 * rows.length + 70,
    marginLeft: 64,
    marginRight: 64,
    style: { fontFamily: CHART_FONT, fontSize: '12px', background: 'transparent' },
    x: { grid: true, label: labels.axis, tickFormat: '~s' },
    y: { domain: order, label: null, padding: 0.25 },
    color: { domain: [labels.direct, labels.other], range: [PALETTE[2], '#c9d1db'], legend: true },
    marks: [
      Plot.barX(parts, Plot.stackX({ x: 'n', y: 'type', fill: 'part', order: [labels.direct, labels.other], title: (d: { type: string; part: string; n: number }) => `${d.type} · ${d.part}: ${d.n}` })),
      Plot.text(rows, {
        x: 'total',
        y: 'type',
        text: (r: DirectAnswerRow) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`),
        textAnchor: 'start',
        dx: 6,
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  }) as HTMLElement;
}
