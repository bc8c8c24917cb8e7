// Deadline rules shared by tickets and grid events: which rows are due (应结案), on time and
// overdue at the as-of time (column `as_of` of the metric query).
import { addWorkingDaysSql } from '$lib/calendar';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import type { MetricColumn } from './query';
import type { MetricSettings } from './settings';

export interface DeadlineRules {
  /** Has a deadline and is finished, or is unfinished with the deadline before the as-of time. */
  due: SqlFragment;
  /** Finished no later than the deadline (exactly at the deadline is on time). */
  onTime: SqlFragment;
  /** Unfinished with the deadline before the as-of time. */
  overdueOpen: SqlFragment;
  /** A per-row column the rules read, to be computed once per row rather than in every aggregate. */
  derived?: MetricColumn;
}

const asOf = trusted('as_of');

/** The rules of metrics.md, with `doneColumn` (closed_at, handled_at) marking finished. */
export function deadlineRules(doneColumn: string, deadlineColumn = 'deadline_at'): DeadlineRules {
  const done = ident(doneColumn);
  const deadline = ident(deadlineColumn);
  return {
    due: sql`(${deadline} IS NOT NULL AND (${done} IS NOT NULL OR ${deadline} < ${asOf}))`,
    onTime: sql`(${done} <= ${deadline})`,
    overdueOpen: sql`(${done} IS NULL AND ${deadline} < ${asOf})`,
  };
}

const EFFECTIVE_DEADLINE = 'effective_deadline_at';

/**
 * Tickets. Under the default rules only a stated deadline_at makes a ticket due. With the
 * working-time setting, a ticket without deadline_at gets one from its urgency: the same clock
 * time on the N-th working day after receipt, N = settings.deadlineWorkingDays[urgency]
 * ($lib/calendar's addWorkingDaysSql; the day of receipt never counts). A ticket whose urgency has
 * no allowance stays without a deadline. Natural time never imputes: an allowance in working
 * days means nothing in calendar hours, and the default figures must be metrics.md's.
 */
export function ticketDeadlineRules(settings: MetricSettings): DeadlineRules {
  const allowances = Object.entries(settings.deadlineWorkingDays);
  if (settings.durationMode !== 'working' || allowances.length === 0) return deadlineRules('closed_at');
  const cases = allowances.map(([urgency, days]) => sql`WHEN ${urgency} THEN ${days}::INTEGER`);
  const allowance = sql`(CASE ${ident('urgency')} ${join(cases, ' ')} END)`;
  const effective = sql`coalesce(${ident('deadline_at')}, ${addWorkingDaysSql(ident('received_at'), allowance)})`;
  return { ...deadlineRules('closed_at', EFFECTIVE_DEADLINE), derived: { id: EFFECTIVE_DEADLINE, expr: effective } };
}
