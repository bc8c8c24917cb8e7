// The annual evaluation of grid workers recomputed in plain TypeScript from the rules as the
// page states them (and issue 16 asks for), over the generator's grid events. It shares no code
// with src/: the per-worker figures, the normalisation, the grades with the 优秀 cap and its tie
// rule, and the subsidy's largest-remainder rounding are all written again here.
import { DAY_MS, HOUR_MS, column, naive, quantileCont, type Columns } from './reference-metrics';

export const GRADE_NAMES = ['优秀', '称职', '基本称职', '不称职'] as const;
export type GradeName = (typeof GRADE_NAMES)[number];

/** The district's default rules, as the page states them: [weight, zero line, full-marks line]. */
export const DEFAULT_RULES = {
  components: {
    events: [25, 0, 60],
    verified: [10, 0.8, 1],
    returned: [10, 0.2, 0],
    onTime: [20, 0.8, 1],
    loopHours: [10, 72, 24],
    supervised: [10, 0.3, 0.05],
    selfResolved: [10, 0.2, 0.7],
    missed: [5, 5, 0],
  } as Record<string, [number, number, number]>,
  returnedStatuses: ['退回', '已退回', '驳回', '已驳回'],
  bands: [90, 75, 60] as [number, number, number],
  excellentCap: 0.2 as number | null,
  pool: 8_440_000,
  coefficients: { 优秀: 1.2, 称职: 1, 基本称职: 0.6, 不称职: 0 } as Record<GradeName, number>,
};
export type Rules = typeof DEFAULT_RULES;

export interface ReferenceWorker {
  id: string;
  name: string | null;
  township: string;
  events: number;
  score: number;
  grade: GradeName;
  capped: boolean;
  yuan: number;
}

const share = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Every worker of `year` (no checking begun: missed reports count 0). */
export function referenceEvaluation(grid: Columns, year: number, rules: Rules = DEFAULT_RULES): ReferenceWorker[] {
  const start = naive(`${year}-01-01`);
  const end = naive(`${year + 1}-01-01`);
  // The period ends on Dec 31, so the as-of time is the next midnight (metrics.md).
  const asOf = end;
  const reported = column<number | null>(grid, 'reported_at');
  const handled = column<number | null>(grid, 'handled_at');
  const supervised = column<number | null>(grid, 'supervised_at');
  const verified = column<number | null>(grid, 'verified_at');
  const deadline = column<number | null>(grid, 'deadline_at');
  const selfResolved = column<boolean | null>(grid, 'self_resolved');
  const status = column<string | null>(grid, 'status');
  const worker = column<string | null>(grid, 'worker_id');
  const name = column<string | null>(grid, 'worker_name');
  const township = column<string | null>(grid, 'township');
  const returned = new Set(rules.returnedStatuses);

  interface Tally { events: number; verified: number; returned: number; due: number; onTime: number; supervised: number; selfKnown: number; self: number; loops: number[]; name: string | null; township: string | null }
  const tallies = new Map<string, Tally>();
  const smaller = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
  for (let i = 0; i < grid.length; i++) {
    const at = reported[i];
    const id = worker[i];
    if (at === null || at < start || at >= end || id === null) continue;
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { events: 0, verified: 0, returned: 0, due: 0, onTime: 0, supervised: 0, selfKnown: 0, self: 0, loops: [], name: null, township: null }));
    t.events++;
    t.name = smaller(t.name, name[i]);
    t.township = smaller(t.township, township[i]);
    if (verified[i] !== null) {
      t.verified++;
      t.loops.push((verified[i]! - at) / HOUR_MS);
    }
    if (status[i] !== null && returned.has(status[i]!.trim())) t.returned++;
    const d = deadline[i];
    if (d !== null && (handled[i] !== null || d < asOf)) {
      t.due++;
      if (handled[i] !== null && handled[i]! <= d) t.onTime++;
    }
    if (supervised[i] !== null) t.supervised++;
    if (selfResolved[i] !== null) {
      t.selfKnown++;
      if (selfResolved[i]) t.self++;
    }
  }

  const scored = [...tallies].map(([id, t]) => {
    const raw: Record<string, number | null> = {
      events: t.events,
      verified: share(t.verified, t.events),
      returned: share(t.returned, t.events),
      onTime: share(t.onTime, t.due),
      loopHours: quantileCont(t.loops, 0.5),
      supervised: share(t.supervised, t.events),
      selfResolved: share(t.self, t.selfKnown),
      missed: 0,
    };
    let weighted = 0;
    let weights = 0;
    for (const [key, [weight, zero, full]] of Object.entries(rules.components)) {
      const value = raw[key];
      if (value === null) continue;
      const points = Math.min(100, Math.max(0, (100 * (value - zero)) / (full - zero)));
      weighted += weight * points;
      weights += weight;
    }
    const exact = weights === 0 ? 0 : weighted / weights;
    // Two decimals, half away from zero (scores are never negative).
    const score = Math.round(exact * 100 + 1e-7) / 100;
    return { id, name: t.name, township: t.township ?? '—', events: t.events, score };
  });

  const [excellent, competent, basic] = rules.bands;
  const band = (s: number): GradeName => (s >= excellent ? '优秀' : s >= competent ? '称职' : s >= basic ? '基本称职' : '不称职');
  const graded = new Map<string, { grade: GradeName; capped: boolean }>();
  const towns = new Map<string, typeof scored>();
  for (const w of scored) towns.set(w.township, [...(towns.get(w.township) ?? []), w]);
  for (const list of towns.values()) {
    list.sort((a, b) => b.score - a.score || b.events - a.events || (a.id < b.id ? -1 : 1));
    const places = rules.excellentCap === null ? Infinity : Math.floor(rules.excellentCap * list.length);
    let given = 0;
    for (const w of list) {
      const g = band(w.score);
      if (g === '优秀' && given >= places) graded.set(w.id, { grade: '称职', capped: true });
      else {
        if (g === '优秀') given++;
        graded.set(w.id, { grade: g, capped: false });
      }
    }
  }

  const weightOf = scored.map((w) => rules.coefficients[graded.get(w.id)!.grade] * w.score);
  const total = weightOf.reduce((s, x) => s + x, 0);
  const exactOf = weightOf.map((x) => (total > 0 ? (rules.pool * x) / total : 0));
  const yuan = exactOf.map(Math.floor);
  let left = rules.pool - yuan.reduce((s, x) => s + x, 0);
  const byFraction = scored
    .map((w, i) => ({ i, id: w.id, fraction: exactOf[i] - yuan[i] }))
    .filter(({ i }) => weightOf[i] > 0)
    .sort((a, b) => b.fraction - a.fraction || (a.id < b.id ? -1 : 1));
  for (const { i } of byFraction) {
    if (left === 0) break;
    yuan[i]++;
    left--;
  }
  return scored.map((w, i) => ({ ...w, ...graded.get(w.id)!, yuan: yuan[i] }));
}

/** The latest year the data reach the last day of (the page's default year). */
export function latestCompleteYear(grid: Columns): number {
  const reported = column<number | null>(grid, 'reported_at');
  let latest = -Infinity;
  for (const v of reported) if (v !== null && v > latest) latest = v;
  return new Date(latest + DAY_MS).getUTCFullYear() - 1;
}
