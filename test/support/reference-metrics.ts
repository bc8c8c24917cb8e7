// The metrics of ../shared/spec/metrics.md recomputed in plain TypeScript, straight from the
// spec's words, over plain column arrays: the sample generator's tables or a hand-made table.
// It shares no code with src/ — it is the independent side of the browser tests' expectations —
// and test/unit/support/reference-metrics.test.ts holds it to the spec's worked example.
//
// Timestamps are naive China local time as milliseconds from Date.UTC (what the generator hands
// the engine); nothing here reads the machine's time zone.

export type Cell = string | number | boolean | null;

/** Column arrays of equal length, keyed by the canonical column names of data-model.md. */
export interface Columns {
  length: number;
  columns: Record<string, readonly Cell[]>;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The five-level scale; anything else (未回访, 无法联系, empty) is "not rated". */
export const SATISFACTION_SCALE = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
const SCALE = new Set<string>(SATISFACTION_SCALE);
/** The weighted-score variant: 非常满意 = 满意 = 100, 基本满意 = 80, 不满意 = 非常不满意 = 0. */
const WEIGHTED_SCORE: Record<string, number> = { 非常满意: 100, 满意: 100, 基本满意: 80, 不满意: 0, 非常不满意: 0 };

// ---------------------------------------------------------------- time

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' as naive milliseconds. */
export function naive(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new Error(`not a naive timestamp: ${text}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDay(naive(date) + days * DAY_MS);
}

// ---------------------------------------------------------------- selecting rows

/** An inclusive day period on a table's time column; a missing end is open. */
export interface Period {
  from?: string | null;
  to?: string | null;
}

/** A period plus any other condition on a row (by index). */
export interface Scope extends Period {
  where?: (i: number) => boolean;
}

export function column<T extends Cell = Cell>(table: Columns, name: string): readonly T[] {
  const values = table.columns[name];
  if (!values) throw new Error(`no column ${name}`);
  return values as readonly T[];
}

/** Indices of the rows whose `timeColumn` lies in the period (from 00:00 of `from` to before the day after `to`) and that pass `where`. */
export function select(table: Columns, timeColumn: string, scope: Scope = {}): number[] {
  const time = column<number | null>(table, timeColumn);
  const lo = scope.from ? naive(scope.from) : -Infinity;
  const hi = scope.to ? naive(scope.to) + DAY_MS : Infinity;
  const out: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const t = time[i];
    if (t === null || t < lo || t >= hi) continue;
    if (scope.where && !scope.where(i)) continue;
    out.push(i);
  }
  return out;
}

/** A row test from column values: a list means "any of these", a single value "equal to it". */
export function matching(table: Columns, wanted: Record<string, Cell | readonly Cell[]>): (i: number) => boolean {
  const tests = Object.entries(wanted).map(([name, value]) => {
    const values = column(table, name);
    const allowed = Array.isArray(value) ? new Set<Cell>(value) : new Set<Cell>([value as Cell]);
    return (i: number) => allowed.has(values[i]);
  });
  return (i) => tests.every((test) => test(i));
}

const latestCache = new WeakMap<Columns, Map<string, number>>();

/** The latest of the given timestamp columns anywhere in the table (the export time). */
export function latestTimestamp(table: Columns, columns: readonly string[]): number {
  const key = columns.join(',');
  let cached = latestCache.get(table);
  if (!cached) latestCache.set(table, (cached = new Map()));
  const hit = cached.get(key);
  if (hit !== undefined) return hit;
  let latest = -Infinity;
  for (const name of columns) for (const v of column<number | null>(table, name)) if (v !== null && v > latest) latest = v;
  cached.set(key, latest);
  return latest;
}

export const TICKET_TIMES = ['received_at', 'dispatched_at', 'signed_at', 'closed_at'] as const;
export const GRID_TIMES = ['reported_at', 'dispatched_at', 'handled_at', 'feedback_at', 'verified_at'] as const;
export const ENTERPRISE_TIMES = ['received_at', 'closed_at'] as const;

/** The as-of time: a fixed one, else the start of the day after the period's end, else the table's latest timestamp. */
export function asOfTime(table: Columns, timeColumns: readonly string[], to: string | null | undefined, fixed: number | null = null): number {
  if (fixed !== null) return fixed;
  if (to) return naive(to) + DAY_MS;
  return latestTimestamp(table, timeColumns);
}

// ---------------------------------------------------------------- arithmetic

/** Continuous quantile: position (n−1)·q, linear between neighbours; null for no values. */
export function quantileCont(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** A rate: NULL (never 0, never NaN) for an empty denominator. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function hoursBetween(from: Cell, to: Cell): number | null {
  return typeof from === 'number' && typeof to === 'number' ? (to - from) / HOUR_MS : null;
}

// ---------------------------------------------------------------- tickets

export interface SatisfactionRules {
  /** 基本满意 counts as satisfied (default) or not; ignored by the weighted variant. */
  basicSatisfiedCounts: boolean;
  /** The weighted-score variant instead of the share satisfied. */
  weighted: boolean;
  /** Which non-empty exit reasons take a ticket out of `rated`: all of them (default) or these. */
  exitReasons: 'any' | readonly string[];
}

export interface TicketRules extends SatisfactionRules {
  /** A fixed as-of time (naive ms), or null for the automatic rule. */
  asOf: number | null;
}

export const DEFAULT_TICKET_RULES: TicketRules = { basicSatisfiedCounts: true, weighted: false, exitReasons: 'any', asOf: null };

export interface TicketFigures {
  total: number;
  rated: number;
  satisfaction_rate: number | null;
  closed: number;
  due: number;
  on_time: number;
  closed_late: number;
  on_time_rate: number | null;
  overdue_open: number;
  median_closure_hours: number | null;
  p90_closure_hours: number | null;
  median_sign_hours: number | null;
  direct_answer_rate: number | null;
  resolution_rate: number | null;
  reopen_rate: number | null;
  return_rate: number | null;
  enterprise_share: number | null;
}

function exitedBy(reason: Cell, rules: SatisfactionRules): boolean {
  if (typeof reason !== 'string' || reason.trim() === '') return false;
  return rules.exitReasons === 'any' || rules.exitReasons.includes(reason.trim());
}

/** rated and satisfaction_rate over the given rows of a table with `satisfaction` (and maybe `exit_reason`). */
export function satisfactionOf(table: Columns, rows: readonly number[], rules: SatisfactionRules): { rated: number; satisfaction_rate: number | null } {
  const satisfaction = column<string | null>(table, 'satisfaction');
  const exit = table.columns.exit_reason ?? null;
  let rated = 0;
  let score = 0;
  for (const i of rows) {
    const s = satisfaction[i];
    if (s === null || !SCALE.has(s) || (exit && exitedBy(exit[i], rules))) continue;
    rated++;
    if (rules.weighted) score += WEIGHTED_SCORE[s] / 100;
    else if (s === '非常满意' || s === '满意' || (s === '基本满意' && rules.basicSatisfiedCounts)) score++;
  }
  return { rated, satisfaction_rate: rate(score, rated) };
}

/** Every ticket metric of metrics.md over the given rows, with `asOf` deciding what is overdue. */
export function ticketFiguresOf(table: Columns, rows: readonly number[], asOf: number, rules: TicketRules = DEFAULT_TICKET_RULES): TicketFigures {
  const received = column(table, 'received_at');
  const dispatched = column(table, 'dispatched_at');
  const signed = column(table, 'signed_at');
  const deadline = column(table, 'deadline_at');
  const closedAt = column(table, 'closed_at');
  const direct = column(table, 'direct_answer');
  const resolved = column(table, 'resolved');
  const reopened = column(table, 'reopened');
  const returned = column(table, 'returned_count');
  const enterprise = column(table, 'enterprise_related');

  let closed = 0;
  let due = 0;
  let onTime = 0;
  let closedLate = 0;
  let overdueOpen = 0;
  let directN = 0;
  let resolvedKnown = 0;
  let resolvedN = 0;
  let reopenedN = 0;
  let returnedN = 0;
  let enterpriseN = 0;
  const closure: number[] = [];
  const sign: number[] = [];
  for (const i of rows) {
    const d = deadline[i] as number | null;
    const c = closedAt[i] as number | null;
    if (c !== null) closed++;
    if (d !== null) {
      if (c !== null) {
        due++;
        if (c <= d) onTime++;
        else closedLate++;
      } else if (d < asOf) {
        due++;
        overdueOpen++;
      }
    }
    const hours = hoursBetween(received[i], c);
    if (hours !== null) closure.push(hours);
    const signHours = hoursBetween(dispatched[i], signed[i]);
    if (signHours !== null) sign.push(signHours);
    if (direct[i] === true) directN++;
    if (resolved[i] !== null) {
      resolvedKnown++;
      if (resolved[i] === true) resolvedN++;
    }
    if (reopened[i] === true) reopenedN++;
    if (typeof returned[i] === 'number' && (returned[i] as number) > 0) returnedN++;
    if (enterprise[i] === true) enterpriseN++;
  }
  const total = rows.length;
  return {
    total,
    ...satisfactionOf(table, rows, rules),
    closed,
    due,
    on_time: onTime,
    closed_late: closedLate,
    on_time_rate: rate(onTime, due),
    overdue_open: overdueOpen,
    median_closure_hours: quantileCont(closure, 0.5),
    p90_closure_hours: quantileCont(closure, 0.9),
    median_sign_hours: quantileCont(sign, 0.5),
    direct_answer_rate: rate(directN, total),
    resolution_rate: rate(resolvedN, resolvedKnown),
    reopen_rate: rate(reopenedN, total),
    return_rate: rate(returnedN, total),
    enterprise_share: rate(enterpriseN, total),
  };
}

/** The ticket figures of a period (and any other condition), as-of decided by metrics.md's rule. */
export function ticketFigures(table: Columns, scope: Scope = {}, rules: TicketRules = DEFAULT_TICKET_RULES): TicketFigures {
  return ticketFiguresOf(table, select(table, 'received_at', scope), asOfTime(table, TICKET_TIMES, scope.to, rules.asOf), rules);
}

// ---------------------------------------------------------------- grid events

export interface GridFigures {
  total: number;
  loop_closed_rate: number | null;
  due: number;
  on_time_rate: number | null;
  overdue_open: number;
  self_resolved_rate: number | null;
  supervised_share: number | null;
  median_dispatch_hours: number | null;
  median_handle_hours: number | null;
  median_feedback_hours: number | null;
  median_verify_hours: number | null;
  median_loop_hours: number | null;
  workers: number;
  events_per_worker: number | null;
}

export function gridFigures(table: Columns, scope: Scope = {}, asOfFixed: number | null = null): GridFigures {
  const rows = select(table, 'reported_at', scope);
  const asOf = asOfTime(table, GRID_TIMES, scope.to, asOfFixed);
  const [reported, dispatched, handled, supervised, feedback, verified, deadline] = [
    'reported_at', 'dispatched_at', 'handled_at', 'supervised_at', 'feedback_at', 'verified_at', 'deadline_at',
  ].map((c) => column(table, c));
  const self = column(table, 'self_resolved');
  const worker = column(table, 'worker_id');
  let verifiedN = 0;
  let due = 0;
  let onTime = 0;
  let overdueOpen = 0;
  let selfKnown = 0;
  let selfN = 0;
  let supervisedN = 0;
  const workers = new Set<Cell>();
  const steps: Record<'dispatch' | 'handle' | 'feedback' | 'verify' | 'loop', number[]> = { dispatch: [], handle: [], feedback: [], verify: [], loop: [] };
  const push = (list: number[], h: number | null) => h !== null && list.push(h);
  for (const i of rows) {
    if (verified[i] !== null) verifiedN++;
    const d = deadline[i] as number | null;
    const h = handled[i] as number | null;
    if (d !== null) {
      if (h !== null) {
        due++;
        if (h <= d) onTime++;
      } else if (d < asOf) {
        due++;
        overdueOpen++;
      }
    }
    if (self[i] !== null) {
      selfKnown++;
      if (self[i] === true) selfN++;
    }
    if (supervised[i] !== null) supervisedN++;
    if (worker[i] !== null) workers.add(worker[i]);
    push(steps.dispatch, hoursBetween(reported[i], dispatched[i]));
    push(steps.handle, hoursBetween(dispatched[i], handled[i]));
    push(steps.feedback, hoursBetween(handled[i], feedback[i]));
    push(steps.verify, hoursBetween(feedback[i], verified[i]));
    push(steps.loop, hoursBetween(reported[i], verified[i]));
  }
  const total = rows.length;
  return {
    total,
    loop_closed_rate: rate(verifiedN, total),
    due,
    on_time_rate: rate(onTime, due),
    overdue_open: overdueOpen,
    self_resolved_rate: rate(selfN, selfKnown),
    supervised_share: rate(supervisedN, total),
    median_dispatch_hours: quantileCont(steps.dispatch, 0.5),
    median_handle_hours: quantileCont(steps.handle, 0.5),
    median_feedback_hours: quantileCont(steps.feedback, 0.5),
    median_verify_hours: quantileCont(steps.verify, 0.5),
    median_loop_hours: quantileCont(steps.loop, 0.5),
    workers: workers.size,
    events_per_worker: rate(total, workers.size),
  };
}

// ---------------------------------------------------------------- enterprise requests

export interface EnterpriseFigures {
  total: number;
  rated: number;
  satisfaction_rate: number | null;
  direct_answer_rate: number | null;
  closed: number;
  median_closure_hours: number | null;
}

export function enterpriseFigures(table: Columns, scope: Scope = {}, rules: SatisfactionRules = DEFAULT_TICKET_RULES): EnterpriseFigures {
  const rows = select(table, 'received_at', scope);
  const received = column(table, 'received_at');
  const closedAt = column(table, 'closed_at');
  const direct = column(table, 'direct_answer');
  let closed = 0;
  let directN = 0;
  const closure: number[] = [];
  for (const i of rows) {
    if (closedAt[i] !== null) closed++;
    if (direct[i] === true) directN++;
    const h = hoursBetween(received[i], closedAt[i]);
    if (h !== null) closure.push(h);
  }
  return {
    total: rows.length,
    ...satisfactionOf(table, rows, rules),
    direct_answer_rate: rate(directN, rows.length),
    closed,
    median_closure_hours: quantileCont(closure, 0.5),
  };
}

// ---------------------------------------------------------------- grouping

/** Rows split by a key (null for a row without one), in first-seen order. */
export function groupBy(rows: readonly number[], key: (i: number) => string | null): Map<string | null, number[]> {
  const groups = new Map<string | null, number[]>();
  for (const i of rows) {
    const k = key(i);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(i);
  }
  return groups;
}

/** Row counts per key. */
export function countBy(rows: readonly number[], key: (i: number) => string | null): Map<string | null, number> {
  return new Map([...groupBy(rows, key)].map(([k, list]) => [k, list.length]));
}

/**
 * The category path (data-model.md: `一级>二级>三级`) down to `level`, levels trimmed and joined
 * by '>'; null when the ticket has no category that deep.
 */
export function categoryPath(value: Cell, level: number): string | null {
  if (typeof value !== 'string') return null;
  const levels = value.split(/[>/＞]/).map((s) => s.trim()).filter(Boolean);
  return levels.length >= level ? levels.slice(0, level).join('>') : null;
}

/**
 * Closed tickets per whole day of closure time (bin d holds [d, d+1) days), days 0…maxDays−1, then
 * one last bin for maxDays and more; a negative duration (closed before received) counts in the first.
 */
export function closureDayBins(table: Columns, rows: readonly number[], maxDays = 30): number[] {
  const received = column(table, 'received_at');
  const closedAt = column(table, 'closed_at');
  const bins = new Array<number>(maxDays + 1).fill(0);
  for (const i of rows) {
    const h = hoursBetween(received[i], closedAt[i]);
    if (h === null) continue;
    bins[Math.min(maxDays, Math.max(0, Math.floor(h / 24)))]++;
  }
  return bins;
}

// ---------------------------------------------------------------- rankings

export interface RankingWeights {
  satisfaction_rate: number;
  on_time_rate: number;
  resolution_rate: number;
  return_rate: number;
}

export interface RankingRules {
  weights: RankingWeights;
  /** Units with fewer rated tickets are listed but not ranked. */
  minRated: number;
  /** Unattributable tickets are left out of township and department rankings (metrics.md). */
  excludeUnattributable: boolean;
  tickets: TicketRules;
}

export const DEFAULT_RANKING_RULES: RankingRules = {
  weights: { satisfaction_rate: 0.4, on_time_rate: 0.3, resolution_rate: 0.2, return_rate: 0.1 },
  minRated: 30,
  excludeUnattributable: true,
  tickets: DEFAULT_TICKET_RULES,
};

const COMPONENTS = ['satisfaction_rate', 'on_time_rate', 'resolution_rate', 'return_rate'] as const;
/** Fewer returns is better: the component is inverted. */
const INVERTED = new Set<string>(['return_rate']);

export interface RankedUnit {
  key: string;
  rated: number;
  components: Record<(typeof COMPONENTS)[number], number | null>;
  score: number | null;
  rank: number | null;
}

/**
 * The composite ranking of metrics.md: each component min-max normalised across the ranked units
 * ((x − min) / (max − min), inverted for return_rate; 1 for every unit when all are equal), the
 * weighted mean of the normalised components a unit has, ties sharing a rank (1, 2, 2, 4). Units
 * below the minimum of rated tickets are listed unranked and do not move the bounds. Ranked units
 * come first by rank, then the rest by key.
 */
export function rankUnits(table: Columns, period: Period, unit: 'township' | 'department', rules: RankingRules = DEFAULT_RANKING_RULES): RankedUnit[] {
  const unitValues = column<string | null>(table, unit);
  const unattributable = column(table, 'unattributable');
  const rows = select(table, 'received_at', {
    ...period,
    where: (i) => unitValues[i] !== null && !(rules.excludeUnattributable && unattributable[i] === true),
  });
  const asOf = asOfTime(table, TICKET_TIMES, period.to, rules.tickets.asOf);
  const units = [...groupBy(rows, (i) => unitValues[i])].map(([key, list]) => {
    const f = ticketFiguresOf(table, list, asOf, rules.tickets);
    return { key: key!, rated: f.rated, components: Object.fromEntries(COMPONENTS.map((c) => [c, f[c]])) as RankedUnit['components'] };
  });
  const eligible = units.filter((u) => u.rated >= rules.minRated);
  const bounds = Object.fromEntries(
    COMPONENTS.map((c) => {
      const values = eligible.map((u) => u.components[c]).filter((v): v is number => v !== null);
      return [c, { lo: Math.min(...values), hi: Math.max(...values) }];
    }),
  );
  const scored = units.map((u) => {
    if (u.rated < rules.minRated) return { ...u, score: null as number | null };
    let sum = 0;
    let weight = 0;
    for (const c of COMPONENTS) {
      const x = u.components[c];
      if (x === null) continue;
      const { lo, hi } = bounds[c];
      const norm = hi === lo ? 1 : INVERTED.has(c) ? (hi - x) / (hi - lo) : (x - lo) / (hi - lo);
      sum += rules.weights[c] * norm;
      weight += rules.weights[c];
    }
    return { ...u, score: weight > 0 ? sum / weight : null };
  });
  const ranked = scored.filter((u) => u.score !== null).sort((a, b) => b.score! - a.score! || (a.key < b.key ? -1 : 1));
  // Scores equal to nine decimals are equal: floating-point noise must not split a tie.
  const same = (a: number, b: number) => Math.abs(a - b) < 5e-10;
  const out: RankedUnit[] = ranked.map((u) => ({ ...u, rank: 0 }));
  out.forEach((u, i) => (u.rank = i > 0 && same(u.score!, out[i - 1].score!) ? out[i - 1].rank : i + 1));
  const rest = scored.filter((u) => u.score === null).sort((a, b) => (a.key < b.key ? -1 : 1));
  return [...out, ...rest.map((u) => ({ ...u, rank: null }))];
}

// ---------------------------------------------------------------- targets (issue 15)

export interface TargetUnitReference {
  key: string;
  rated: number;
  satisfied: number;
  value: number | null;
  /** The fewest ratings that, turned satisfied, bring the unit to the target (counted up one by one). */
  gapTickets: number;
  below: boolean;
}

/**
 * The district's target read over a period: satisfaction over the province's and city's
 * callbacks (callback_level 省/市) when the table has any callback level, else over every rated
 * ticket; overall and per unit (rows without a unit are in the overall figure only).
 */
export function satisfactionTargetReading(
  table: Columns,
  period: Period,
  unit: 'township' | 'department',
  target: number,
): { overall: TargetUnitReference; units: TargetUnitReference[] } {
  const levels = table.columns.callback_level ?? [];
  const hasLevels = levels.some((v) => v !== null && v !== '');
  const where = hasLevels ? (i: number) => levels[i] === '省' || levels[i] === '市' : undefined;
  const rows = select(table, 'received_at', { ...period, where });
  const reading = (key: string, subset: readonly number[]): TargetUnitReference => {
    const { rated, satisfaction_rate } = satisfactionOf(table, subset, DEFAULT_TICKET_RULES);
    const satisfied = Math.round((satisfaction_rate ?? 0) * rated);
    let gap = 0;
    while (rated > 0 && (satisfied + gap) / rated < target && !closeTo((satisfied + gap) / rated, target)) gap++;
    return { key, rated, satisfied, value: satisfaction_rate, gapTickets: gap, below: satisfaction_rate !== null && satisfaction_rate < target && !closeTo(satisfaction_rate, target) };
  };
  const units: TargetUnitReference[] = [];
  for (const [key, subset] of groupBy(rows, (i) => (table.columns[unit][i] as string | null) ?? null)) {
    if (key !== null) units.push(reading(key, subset));
  }
  return { overall: reading('', rows), units };
}

function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}

/** Rated and satisfied tickets per group over a period (the counts a change is decomposed over). */
export function satisfactionGroups(
  table: Columns,
  period: Period,
  key: (i: number) => string | null,
  where?: (i: number) => boolean,
): Map<string, { rated: number; satisfied: number }> {
  const out = new Map<string, { rated: number; satisfied: number }>();
  for (const [k, rows] of groupBy(select(table, 'received_at', { ...period, where }), key)) {
    const { rated, satisfaction_rate } = satisfactionOf(table, rows, DEFAULT_TICKET_RULES);
    out.set(k ?? '', { rated, satisfied: Math.round((satisfaction_rate ?? 0) * rated) });
  }
  return out;
}
