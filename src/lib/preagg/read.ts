// One brush step: a single query sums the index's partial counts over the days in range for every
// grouping at once (and the histogram bins, and the open tickets past their deadline), then every
// view's rows are finalised here from those sums, with the metric layer's arithmetic: a rate is
// count / count in IEEE doubles (NULL on an empty denominator), exactly what DuckDB computes for
// count(*)::DOUBLE / NULLIF(count(*), 0). Planning dominates a query on tables this small, so
// one simple statement per step costs far less than one per view.
import { isIsoDate, type FilterState, type IsoDate } from '$lib/filters';
import type { TicketMetricId } from '$lib/metrics';
import type { Row } from '$lib/engine/rows';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { FLAG_IDS, type FlagId } from './partials';
import { groupingName, MEASURE, type IndexPlan } from './plan';
import { binsPerDisplayBin, viewGrouping, viewMetricIds, type BrushViewSpec } from './specs';

/** A brushed received_at range: inclusive whole days. */
export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * The brush clamped to the base period: the index holds only rows inside the base filters, so
 * the answer is that of the base filters with from/to replaced by this range. Null: no brush.
 */
export function effectiveRange(filters: FilterState, range: DayRange | null): DayRange | null {
  if (!range) return null;
  const from = filters.from && filters.from > range.from ? filters.from : range.from;
  const to = filters.to && filters.to < range.to ? filters.to : range.to;
  return { from, to };
}

/**
 * A number written into the SQL text. The step query carries no bound parameters on purpose:
 * DuckDB plans a parameterised statement of this shape several times slower than the same text
 * with constants, and a query without parameters is the kind the worker can interrupt when a newer
 * brush step supersedes it. Only finite numbers get here, never text.
 */
export function numberSql(value: number): SqlFragment {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return trusted(String(value));
}

/** Days since 1970-01-01, the index's `day` and `deadline_day` (see plan.ts). */
export function epochDay(date: IsoDate): number {
  if (!isIsoDate(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
}

/** The additive columns of the `main` table, summed over a brush's days. */
export const SUMMED = ['total', 'sat_points', ...FLAG_IDS] as const;
export type Summed = (typeof SUMMED)[number];

/** Row kinds of the step query. */
const PART = { sums: 0, overdue: 1, hist: 2 } as const;

/**
 * The step query (range already clamped; null = no brush): columns part, g, key_id, measure, bin,
 * n and one per summed count. Sums rows: one per (grouping, key) with rows in range. Overdue rows
 * (automatic as-of only): open tickets whose deadline day ≤ range.to, since as_of = (to + 1 day)
 * 00:00 and deadline < as_of ⇔ deadline day ≤ to. Hist rows: one per (measure, grouping, key, bin).
 */
export function stepSql(plan: IndexPlan, range: DayRange | null): SqlFragment {
  const days = range ? sql`day BETWEEN ${numberSql(epochDay(range.from))} AND ${numberSql(epochDay(range.to))}` : trusted('TRUE');
  const none = (c: string) => sql`CAST(NULL AS INTEGER) AS ${ident(c)}`;
  const sums = join(
    SUMMED.map((c) => sql`CAST(sum(${ident(c)}) AS INTEGER) AS ${ident(c)}`),
    ', ',
  );
  const nulls = join(SUMMED.map(none), ', ');
  const parts = [
    sql`SELECT ${numberSql(PART.sums)} AS part, g, key_id, ${none('measure')}, ${none('bin')}, ${none('n')}, ${sums}
FROM ${ident(plan.table.main)} WHERE ${days} GROUP BY g, key_id`,
  ];
  if (plan.table.open && range) {
    parts.push(sql`SELECT ${numberSql(PART.overdue)}, g, key_id, NULL, NULL, CAST(sum(n) AS INTEGER), ${nulls}
FROM ${ident(plan.table.open)} WHERE ${days} AND deadline_day <= ${numberSql(epochDay(range.to))} GROUP BY g, key_id`);
  }
  if (plan.table.hist) {
    parts.push(sql`SELECT ${numberSql(PART.hist)}, g, key_id, measure, bin, CAST(sum(n) AS INTEGER), ${nulls}
FROM ${ident(plan.table.hist)} WHERE ${days} GROUP BY measure, g, key_id, bin`);
  }
  return join(parts, '\nUNION ALL\n');
}

/** The key dictionary: g, key_id, key. Read once after the build. */
export function keysSql(plan: IndexPlan): SqlFragment {
  return sql`SELECT g, key_id, key FROM ${ident(plan.table.keys)} ORDER BY g, key_id`;
}

export type KeyDictionary = Map<number, Map<number, string | null>>;

export function keyDictionary(rows: readonly Row[]): KeyDictionary {
  const out: KeyDictionary = new Map();
  for (const r of rows) {
    const g = Number(r.g);
    if (!out.has(g)) out.set(g, new Map());
    out.get(g)!.set(Number(r.key_id), r.key === null ? null : String(r.key));
  }
  return out;
}

export type Sums = Record<Summed, number>;
/** Bins ascending with their counts. */
export type Histogram = [bin: number, n: number][];

/**
 * One grouping's partial sums over a brush's days: only keys with tickets in range have `sums`;
 * `overdue` (open tickets past their deadline by the brush's end, moving as-of only) and `hist`
 * (measure → key → bins) likewise hold only what is non-empty.
 */
export interface GroupData {
  sums: Map<number, Sums>;
  overdue: Map<number, number>;
  hist: Map<number, Map<number, Histogram>>;
}

/** Every grouping's partial sums for one step, by grouping number `g`. */
export type StepSums = Map<number, GroupData>;

/** The step query's rows (stepSql) as partial sums. */
export function collect(rows: readonly Row[]): StepSums {
  const byG = new Map<number, GroupData>();
  const data = (g: number) => {
    let d = byG.get(g);
    if (!d) {
      d = { sums: new Map(), overdue: new Map(), hist: new Map() };
      byG.set(g, d);
    }
    return d;
  };
  for (const r of rows) {
    const d = data(Number(r.g));
    const keyId = Number(r.key_id);
    if (r.part === PART.sums) {
      const s = {} as Sums;
      for (const c of SUMMED) s[c] = Number(r[c] ?? 0);
      d.sums.set(keyId, s);
    } else if (r.part === PART.overdue) {
      d.overdue.set(keyId, Number(r.n));
    } else {
      const measure = Number(r.measure);
      if (!d.hist.has(measure)) d.hist.set(measure, new Map());
      const byKey = d.hist.get(measure)!;
      if (!byKey.has(keyId)) byKey.set(keyId, []);
      byKey.get(keyId)!.push([Number(r.bin), Number(r.n)]);
    }
  }
  for (const d of byG.values()) for (const byKey of d.hist.values()) for (const h of byKey.values()) h.sort((a, b) => a[0] - b[0]);
  return byG;
}

const ZERO: Sums = Object.fromEntries(SUMMED.map((c) => [c, 0])) as Sums;

/** count / count as the metric layer forms a rate: NULL when the denominator is 0. */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * quantile_cont from a histogram: position (n − 1)·q between its two neighbouring order
 * statistics, each placed inside its own bin (the k-th of a bin's c values at (k + 0.5) / c of the
 * bin). Every placed value is within one bin width of the true one, so the result is too.
 */
export function histogramQuantile(hist: Histogram | undefined, q: number, binHours: number): number | null {
  if (!hist || hist.length === 0) return null;
  const count = hist.reduce((s, [, n]) => s + n, 0);
  const pos = (count - 1) * q;
  const at = (k: number): number => {
    let before = 0;
    for (const [bin, n] of hist) {
      if (k < before + n) return bin + (k - before + 0.5) / n;
      before += n;
    }
    const [bin] = hist[hist.length - 1];
    return bin + 1;
  };
  const lo = Math.floor(pos);
  const a = at(lo);
  const b = at(Math.ceil(pos));
  return (a + (pos - lo) * (b - a)) * binHours;
}

interface Cell {
  s: Sums;
  overdue: number;
  closure: Histogram | undefined;
  sign: Histogram | undefined;
}

function metricValue(id: TicketMetricId, c: Cell, plan: IndexPlan): number | null {
  const s = c.s;
  const due = s.due_closed + c.overdue;
  switch (id) {
    case 'total':
    case 'rated':
    case 'closed':
      return s[id];
    case 'satisfaction_rate': {
      const r = rate(s.sat_points, s.rated);
      // The weighted variant is a mean score over 100, as satisfactionRate forms it.
      return r === null || plan.pointsScale === 1 ? r : r / plan.pointsScale;
    }
    case 'due':
      return due;
    case 'on_time_rate':
      return rate(s.on_time, due);
    case 'overdue_open':
      return c.overdue;
    case 'median_closure_hours':
      return histogramQuantile(c.closure, 0.5, plan.binHours);
    case 'p90_closure_hours':
      return histogramQuantile(c.closure, 0.9, plan.binHours);
    case 'median_sign_hours':
      return histogramQuantile(c.sign, 0.5, plan.binHours);
    case 'direct_answer_rate':
      return rate(s.direct, s.total);
    case 'resolution_rate':
      return rate(s.resolved_true, s.resolved_known);
    case 'reopen_rate':
      return rate(s.reopened, s.total);
    case 'return_rate':
      return rate(s.returned, s.total);
    case 'enterprise_share':
      return rate(s.enterprise, s.total);
  }
}

function flag(s: Sums, id: FlagId): number {
  return s[id];
}

/** Every view's rows for one step from the step query's rows, in the shape of its exact query (./exact). */
export function readStep(plan: IndexPlan, keys: KeyDictionary, views: readonly BrushViewSpec[], range: DayRange | null, rows: readonly Row[]): Record<string, Row[]> {
  return viewRows(plan, keys, views, range, collect(rows));
}

/**
 * Every view's rows for one step from its partial sums (however they were summed: the step query
 * or the partials held in the page), in the shape of the view's exact query (./exact).
 */
export function viewRows(plan: IndexPlan, keys: KeyDictionary, views: readonly BrushViewSpec[], range: DayRange | null, byG: StepSums): Record<string, Row[]> {
  const overdueFromOpen = plan.movingAsOf && range !== null;
  const out: Record<string, Row[]> = {};
  for (const view of views) {
    const grouping = plan.groupings.get(groupingName(viewGrouping(view)));
    if (!grouping) throw new Error(`the index has no grouping for view ${view.name}`);
    const d = byG.get(grouping.g) ?? { sums: new Map(), overdue: new Map(), hist: new Map() };
    const cell = (keyId: number): Cell => {
      const s = d.sums.get(keyId) ?? ZERO;
      return {
        s,
        overdue: overdueFromOpen && grouping.open ? (d.overdue.get(keyId) ?? 0) : flag(s, 'overdue_base'),
        closure: d.hist.get(MEASURE.closure)?.get(keyId),
        sign: d.hist.get(MEASURE.sign)?.get(keyId),
      };
    };
    // Grouped views list the keys with rows in range, in key_id order (= ORDER BY key NULLS LAST).
    const present = [...d.sums.keys()].sort((a, b) => a - b);
    const keyOf = (keyId: number) => keys.get(grouping.g)?.get(keyId) ?? null;
    // The ungrouped grouping has one key (NULL), numbered 1.
    const single = cell(present[0] ?? 1);
    switch (view.kind) {
      case 'metrics': {
        const ids = viewMetricIds(view);
        const row = (c: Cell): Row => Object.fromEntries(ids.map((id) => [id, metricValue(id, c, plan)]));
        out[view.name] = view.groupBy === null ? [row(single)] : present.map((k) => ({ key: keyOf(k), ...row(cell(k)) }));
        break;
      }
      case 'satisfaction_levels':
        out[view.name] = present.map((k) => {
          const s = cell(k).s;
          return { key: keyOf(k), total: s.total, rated: s.rated };
        });
        break;
      case 'on_time': {
        const s = single.s;
        out[view.name] = [{ due: s.due_closed + single.overdue, on_time: s.on_time, closed_late: s.due_closed - s.on_time, overdue_open: single.overdue }];
        break;
      }
      case 'closure_histogram': {
        // floor(floor(h / w) / m) = floor(h / (m·w)) for a whole m: display bins are unions of index bins.
        const per = binsPerDisplayBin(view.binHours, plan.binHours);
        const bins = new Map<number, number>();
        for (const [bin, n] of single.closure ?? []) {
          const key = Math.floor(bin / per) * view.binHours;
          bins.set(key, (bins.get(key) ?? 0) + n);
        }
        out[view.name] = [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([key, total]) => ({ key, total }));
        break;
      }
    }
  }
  return out;
}
