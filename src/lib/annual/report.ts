// The annual report as a briefing deck (native charts and tables) and a table for XLSX, built from
// the rows the page shows: the export runs no query of its own.
import type { BriefingItem, Deck, TableData } from '$lib/export';
import type { AnnualRow } from './rows';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const pp = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(2)} pp`);
const places = (v: number | null) => (v === null ? '—' : v > 0 ? `↑${v}` : v < 0 ? `↓${-v}` : '0');

export function annualTable(rows: readonly AnnualRow[], tr: Translate, title: string): TableData {
  return {
    title,
    columns: [
      { id: 'unit', label: tr('annual.col.unitKind'), unit: 'text' },
      { id: 'key', label: tr('annual.col.unit'), unit: 'text' },
      { id: 'rank', label: tr('annual.col.rank'), unit: 'count' },
      { id: 'score', label: tr('annual.col.score'), unit: 'score' },
      { id: 'rankChange', label: tr('annual.col.rankChange'), unit: 'count' },
      { id: 'satisfaction', label: tr('annual.col.satisfaction'), unit: 'rate' },
      { id: 'previousSatisfaction', label: tr('annual.col.previousSatisfaction'), unit: 'rate' },
      { id: 'yoy', label: tr('annual.col.yoy'), unit: 'rate' },
      { id: 'target', label: tr('annual.col.target'), unit: 'text' },
      { id: 'driver', label: tr('annual.col.driver'), unit: 'text' },
    ],
    rows: rows.map((r) => ({
      unit: tr(`targets.unitKind.${r.unit}`),
      key: r.key,
      rank: r.rank,
      score: r.score,
      rankChange: r.rankChange,
      satisfaction: r.satisfaction,
      previousSatisfaction: r.previousSatisfaction,
      yoy: r.yoy,
      target: r.targetMet === null ? '—' : r.targetMet ? tr('targets.met') : tr('targets.missed'),
      driver: r.driver ? `${r.driver.key} ${pp(r.driver.total)}` : '—',
    })),
  };
}

export function annualDeck(year: number, townships: readonly AnnualRow[], departments: readonly AnnualRow[], tr: Translate, source: string, target: number | null): Deck {
  const items: BriefingItem[] = [];
  items.push({
    kind: 'chart',
    id: 'annual-satisfaction',
    title: tr('annual.deck.satisfaction', { year }),
    note: target === null ? '' : tr('annual.deck.targetNote', { target: pct(target) }),
    caption: source,
    chart: {
      kind: 'bar',
      labels: townships.map((r) => r.key),
      series: [
        { name: String(year), values: townships.map((r) => r.satisfaction) },
        { name: String(year - 1), values: townships.map((r) => r.previousSatisfaction) },
      ],
      unit: 'rate',
    },
    svg: '',
  });
  for (const [unit, rows] of [
    ['township', townships],
    ['department', departments],
  ] as const) {
    items.push({
      kind: 'table',
      id: `annual-${unit}`,
      title: tr('annual.deck.ranking', { year, unit: tr(`targets.unitKind.${unit}`) }),
      note: '',
      caption: source,
      table: {
        columns: [
          { id: 'rank', label: tr('annual.col.rank'), unit: 'text' },
          { id: 'key', label: tr('annual.col.unit'), unit: 'text' },
          { id: 'score', label: tr('annual.col.score'), unit: 'text' },
          { id: 'change', label: tr('annual.col.rankChange'), unit: 'text' },
          { id: 'satisfaction', label: tr('annual.col.satisfaction'), unit: 'text' },
          { id: 'yoy', label: tr('annual.col.yoy'), unit: 'text' },
          { id: 'target', label: tr('annual.col.target'), unit: 'text' },
          { id: 'driver', label: tr('annual.col.driver'), unit: 'text' },
        ],
        rows: rows.map((r) => ({
          rank: r.rank === null ? '—' : String(r.rank),
          key: r.key,
          score: r.score === null ? '—' : r.score.toFixed(3),
          change: places(r.rankChange),
          satisfaction: pct(r.satisfaction),
          yoy: pp(r.yoy),
          target: r.targetMet === null ? '—' : r.targetMet ? tr('targets.met') : tr('targets.missed'),
          driver: r.driver ? `${r.driver.key} ${pp(r.driver.total)}` : '—',
        })),
      },
    });
  }
  return { title: tr('annual.deck.title', { year }), subtitle: `${year}-01-01 — ${year}-12-31`, source, items };
}
