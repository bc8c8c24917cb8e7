// Durations in hours under the duration setting: calendar hours, or working hours over the
// official PRC holiday calendar ($lib/calendar counts all 24 hours of each working day).
import { workingHoursSql } from '$lib/calendar';
import { type SqlFragment } from '$lib/sql';
import { naturalHours } from './expressions';
import type { MetricSettings } from './settings';

/**
 * Hours from `from` to `to` as DOUBLE. Working mode needs the `work_calendar` table:
 * run prepareMetrics (./prepare) before such a query.
 */
export function durationHours(settings: MetricSettings, from: SqlFragment, to: SqlFragment): SqlFragment {
  return settings.durationMode === 'working' ? workingHoursSql(from, to) : naturalHours(from, to);
}
