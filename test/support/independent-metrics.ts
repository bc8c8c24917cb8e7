// The overview's ticket figures recomputed in plain TypeScript, straight from metrics.md, over the
// generator's rows. Deliberately shares no code with src/lib/metrics: it is the independent check
// that the app's SQL means what the definitions say.
import type { ColumnarTable } from '../../src/lib/arrow';

const RATED = new Set(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
const SATISFIED = new Set(['非常满意', '满意', '基本满意']);
const DAY_MS = 86_400_000;

export interface IndependentHeadline {
  total: number;
  satisfaction_rate: number | null;
  on_time_rate: number | null;
  median_closure_hours: number | null;
}

function dayMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** quantile_cont: position (n−1)·q, linear between neighbours. */
export function quantileCont(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function independentHeadline(tickets: ColumnarTable, from?: string, to?: string): IndependentHeadline {
  const c = tickets.columns as Record<string, (string | number | boolean | null)[]>;
  const received = c.received_at as (number | null)[];
  const dispatched = c.dispatched_at as (number | null)[];
  const signed = c.signed_at as (number | null)[];
  const closed = c.closed_at as (number | null)[];
  const deadline = c.deadline_at as (number | null)[];
  const satisfaction = c.satisfaction as (string | null)[];
  const exitReason = c.exit_reason as (string | null)[];

  // As-of: the day after `to`, or else the latest timestamp anywhere in the table.
  let asOf = -Infinity;
  if (to) asOf = dayMs(to) + DAY_MS;
  else
    for (let i = 0; i < tickets.length; i++)
      for (const v of [received[i], dispatched[i], signed[i], closed[i]]) if (v !== null && v > asOf) asOf = v;

  const lo = from ? dayMs(from) : -Infinity;
  const hi = to ? dayMs(to) + DAY_MS : Infinity;
  let total = 0;
  let rated = 0;
  let satisfied = 0;
  let due = 0;
  let onTime = 0;
  const closureHours: number[] = [];
  for (let i = 0; i < tickets.length; i++) {
    const r = received[i];
    if (r === null || r < lo || r >= hi) continue;
    total++;
    const s = satisfaction[i];
    const exited = exitReason[i] !== null && exitReason[i] !== '';
    if (s !== null && RATED.has(s) && !exited) {
      rated++;
      if (SATISFIED.has(s)) satisfied++;
    }
    const d = deadline[i];
    const done = closed[i];
    if (d !== null && (done !== null || d < asOf)) {
      due++;
      if (done !== null && done <= d) onTime++;
    }
    if (done !== null) closureHours.push((done - r) / 3_600_000);
  }
  return {
    total,
    satisfaction_rate: rated ? satisfied / rated : null,
    on_time_rate: due ? onTime / due : null,
    median_closure_hours: quantileCont(closureHours, 0.5),
  };
}
