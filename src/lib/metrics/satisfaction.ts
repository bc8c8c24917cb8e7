// The satisfaction rules shared by tickets and enterprise requests: what counts as a rating,
// which exit reasons remove a ticket from the figures, and how a rating scores.
import { SATISFACTION_LEVELS } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { inList, rateWhere } from './expressions';
import type { MetricSettings } from './settings';

const satisfaction = ident('satisfaction');
const exitReason = ident('exit_reason');

/** Non-empty exit reasons that exclude a row under the settings (a blank reason is no reason). */
function excludedByExit(settings: MetricSettings): SqlFragment {
  const reason = sql`NULLIF(trim(${exitReason}), '')`;
  if (settings.excludedExitReasons.mode === 'any') return sql`(${reason} IS NOT NULL)`;
  return sql`coalesce(${inList(reason, settings.excludedExitReasons.reasons)}, FALSE)`;
}

/**
 * A rated row: one of the five 好差评 levels (未回访, 无法联系 … are not ratings) and, where the
 * table records exit reasons, not taken out by one (涉法涉诉, 恶意举报 … under the default).
 */
export function ratedPredicate(settings: MetricSettings, hasExitReason: boolean): SqlFragment {
  const isRating = inList(satisfaction, SATISFACTION_LEVELS);
  return hasExitReason ? sql`(${isRating} AND NOT ${excludedByExit(settings)})` : isRating;
}

/** Levels that count as satisfied in the 'rate' variant. */
export function satisfiedLevels(settings: MetricSettings): string[] {
  return settings.basicSatisfiedCounts ? ['非常满意', '满意', '基本满意'] : ['非常满意', '满意'];
}

/**
 * satisfaction_rate over the rated rows: the share satisfied, or under the weighted variant the
 * mean score (非常满意 = 满意 = 100, 基本满意 = 80, 不满意 = 非常不满意 = 0) divided by 100.
 * NULL when nothing is rated.
 */
export function satisfactionRate(settings: MetricSettings, rated: SqlFragment): SqlFragment {
  if (settings.satisfactionVariant === 'weighted') {
    const score = sql`CASE WHEN ${inList(satisfaction, ['非常满意', '满意'])} THEN 100 WHEN ${satisfaction} = ${'基本满意'} THEN 80 ELSE 0 END`;
    return sql`((avg(${score}) FILTER (WHERE ${rated})) / 100.0)::DOUBLE`;
  }
  return rateWhere(inList(satisfaction, satisfiedLevels(settings)), rated);
}

