// The per-row facts of a ticket that the index adds up, each taken from the metric layer's own
// rules (rated, satisfied, deadlines, durations) so the index and ticketMetricsQuery count the same
// rows. Only the plain column tests (closed_at IS NOT NULL, direct_answer IS TRUE …) are written
// here again; the equality tests against ticketMetricsQuery hold them to the metric definitions.
import type { FilterState } from '$lib/filters';
import { asOfSql } from '$lib/metrics/as-of';
import { ticketDeadlineRules } from '$lib/metrics/deadlines';
import { durationHours } from '$lib/metrics/durations';
import { isTrue } from '$lib/metrics/expressions';
import { ratedPredicate } from '$lib/metrics/satisfaction';
import type { MetricSettings } from '$lib/metrics';
import { ident, sql, type SqlFragment } from '$lib/sql';

const col = ident;

/** Boolean per-row flags; each becomes an additive count per (key, day). */
export const FLAG_IDS = [
  'rated',
  'closed',
  /** Due whatever the as-of time: has a deadline and is closed. */
  'due_closed',
  /** Closed no later than the deadline (implies due_closed). */
  'on_time',
  /** Open and past the deadline at the base filters' as-of time (no brush, or a fixed as-of). */
  'overdue_base',
  'direct',
  'resolved_true',
  'resolved_known',
  'reopened',
  'returned',
  'enterprise',
] as const;
export type FlagId = (typeof FLAG_IDS)[number];

export interface RowFacts {
  /** The as-of time of the base filters (no brush), exposed to the rules as column `as_of`. */
  asOf: SqlFragment;
  /** Per-row columns the rules read (the imputed deadline in working mode). */
  derived: { id: string; expr: SqlFragment }[];
  flags: Record<FlagId, SqlFragment>;
  /**
   * For open tickets with a deadline, the deadline's day: with as_of = D + 1 00:00 (a brush ending
   * on D), `deadline < as_of` ⇔ deadline day ≤ D, so overdue_open and due become sums over it.
   */
  openDeadlineDay: SqlFragment;
  closureHours: SqlFragment;
  signHours: SqlFragment;
}

export function rowFacts(filters: FilterState, settings: MetricSettings): RowFacts {
  const rules = ticketDeadlineRules(settings);
  // The column the rules compare: the imputed deadline in working mode, else deadline_at.
  const deadline = col(rules.derived?.id ?? 'deadline_at');
  return {
    asOf: asOfSql('tickets', filters, settings),
    derived: rules.derived ? [rules.derived] : [],
    flags: {
      rated: ratedPredicate(settings, true),
      closed: sql`(${col('closed_at')} IS NOT NULL)`,
      // `due` minus `overdueOpen` at any as-of time: the part of `due` that does not move with it.
      due_closed: sql`((${rules.due}) AND NOT coalesce(${rules.overdueOpen}, FALSE))`,
      // on_time_rate's numerator, as rateWhere forms it.
      on_time: sql`((${rules.onTime}) AND (${rules.due}))`,
      overdue_base: rules.overdueOpen,
      direct: isTrue(col('direct_answer')),
      resolved_true: isTrue(col('resolved')),
      resolved_known: sql`(${col('resolved')} IS NOT NULL)`,
      reopened: isTrue(col('reopened')),
      returned: sql`(${col('returned_count')} > 0)`,
      enterprise: isTrue(col('enterprise_related')),
    },
    openDeadlineDay: sql`CASE WHEN ${col('closed_at')} IS NULL THEN CAST(${deadline} AS DATE) END`,
    closureHours: durationHours(settings, col('received_at'), col('closed_at')),
    // NULL unless both times exist, which is median_sign_hours' own filter.
    signHours: durationHours(settings, col('dispatched_at'), col('signed_at')),
  };
}
