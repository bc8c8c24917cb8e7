// The key-ticket flags of the "1+11+N" review: their ids (stable: URLs, data-flags and exported
// files use them) and the SQL rule of each. Every rule is a boolean over one row of the scoped
// quarter (see key-tickets.ts for the per-row counts it reads), so a ticket carries every flag
// whose rule holds; the rules never exclude each other.
import { ticketDeadlineRules } from '$lib/metrics/deadlines';
import { inList, isTrue } from '$lib/metrics/expressions';
import { ratedPredicate, satisfiedLevels } from '$lib/metrics/satisfaction';
import type { MetricSettings } from '$lib/metrics';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { ReviewSettings } from './settings';

export const FLAG_IDS = [
  'unsatisfied',
  'late',
  'reopened',
  'returned',
  'repeat',
  'hotspot',
  'unattributable',
  'multi_department',
  'enterprise_complaint',
] as const;
export type FlagId = (typeof FLAG_IDS)[number];

export function isFlagId(value: unknown): value is FlagId {
  return typeof value === 'string' && (FLAG_IDS as readonly string[]).includes(value);
}

/** Columns of the scoped rows the rules read besides the canonical ones (computed in key-tickets.ts). */
export const ROW_COUNT_COLUMNS = {
  phoneCount: 'phone_count',
  addressCount: 'address_count',
  clusterCount: 'cluster_count',
  unitCount: 'unit_count',
} as const;

const col = ident;

/**
 * One SQL boolean per flag. `as_of` must be a column of the rows (late compares open deadlines
 * with it), and so must the effective deadline when the 口径 imputes one (working time).
 */
export function flagRules(review: ReviewSettings, metric: MetricSettings): Record<FlagId, SqlFragment> {
  const deadlines = ticketDeadlineRules(metric);
  const t = review.thresholds;
  return {
    // Rated after the exit exclusions of the 口径, and not one of its satisfied levels (so 基本满意
    // is unsatisfied exactly when the 口径 does not count it as satisfied).
    unsatisfied: sql`(${ratedPredicate(metric, true)} AND NOT ${inList(col('satisfaction'), satisfiedLevels(metric))})`,
    // Due under the 口径 and not on time: closed after the deadline, or open past it at the as-of time.
    late: sql`(${deadlines.due} AND NOT coalesce(${deadlines.onTime}, FALSE))`,
    reopened: isTrue(col('reopened')),
    returned: sql`(coalesce(${col('returned_count')}, 0) >= ${t.returnedMin}::INTEGER)`,
    repeat: sql`(coalesce(${col(ROW_COUNT_COLUMNS.phoneCount)}, 0) >= ${t.repeatPhoneMin}::INTEGER OR coalesce(${col(ROW_COUNT_COLUMNS.addressCount)}, 0) >= ${t.repeatAddressMin}::INTEGER)`,
    hotspot: sql`(coalesce(${col(ROW_COUNT_COLUMNS.clusterCount)}, 0) >= ${t.hotspotMin}::INTEGER)`,
    unattributable: isTrue(col('unattributable')),
    // Several units in the 承办单位 cell (主办 + 协办), or handed on after a 退回 (each return sends
    // the ticket back to the dispatch desk, which reassigns it: data-model.md's 退回/改派).
    multi_department: sql`(coalesce(${col(ROW_COUNT_COLUMNS.unitCount)}, 0) >= 2 OR coalesce(${col('returned_count')}, 0) >= ${t.multiDepartmentMinReturns}::INTEGER)`,
    enterprise_complaint: sql`(${isTrue(col('enterprise_related'))} AND coalesce(${inList(col('request_type'), review.enterpriseComplaintTypes)}, FALSE))`,
  };
}
