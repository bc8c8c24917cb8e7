// The key tickets of one area and quarter: every ticket of the area received in the quarter with
// at least one flag (flags.ts), its per-row counts (same phone, same address, cluster size, units
// named) and its severity, most severe first. One query; the page filters by flag on the rows.
import { filterPredicate, emptyFilters, type FilterState } from '$lib/filters';
import { asOfSql, type MetricSettings } from '$lib/metrics';
import { ticketDeadlineRules } from '$lib/metrics/deadlines';
import { durationHours } from '$lib/metrics/durations';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { addressClusterSql, normalisedAddressSql } from './address';
import { FLAG_IDS, flagRules, ROW_COUNT_COLUMNS, type FlagId } from './flags';
import { quarterPeriod, type Quarter } from './quarter';
import type { ReviewSettings } from './settings';

export interface KeyTicketScope {
  township: string;
  quarter: Quarter;
}

/** The area's quarter as filters: the metric layer's own predicate and as-of rule apply. */
export function scopeFilters(scope: { township: string | null; quarter: Quarter }): FilterState {
  const period = quarterPeriod(scope.quarter);
  return { ...emptyFilters(), ...period, township: scope.township ? [scope.township] : [] };
}

export const flagColumn = (flag: FlagId): string => `flag_${flag}`;

/** Separators between unit names in one 承办单位 cell (主办、协办). */
const UNIT_SEPARATORS = '[、,，;；/|]+';

function unitCountSql(): SqlFragment {
  const dept = sql`trim(regexp_replace(coalesce(${ident('department')}, ''), ${`^${UNIT_SEPARATORS}|${UNIT_SEPARATORS}$`}, '', 'g'))`;
  return sql`CASE WHEN ${dept} = '' THEN 0 ELSE len(list_distinct(list_transform(string_split_regex(${dept}, ${UNIT_SEPARATORS}), x -> trim(x)))) END`;
}

/** Count of rows sharing `key` in the scope; NULL for a NULL key (blank phones are no caller). */
function countByKey(key: string): SqlFragment {
  return sql`CASE WHEN ${ident(key)} IS NULL THEN NULL ELSE (count(*) OVER (PARTITION BY ${ident(key)}))::INTEGER END`;
}

const stamp = (column: SqlFragment) => sql`strftime(${column}, '%Y-%m-%d %H:%M')`;

export function keyTicketsQuery(scope: KeyTicketScope, review: ReviewSettings, metric: MetricSettings): SqlFragment {
  const filters = scopeFilters(scope);
  const deadlines = ticketDeadlineRules(metric);
  const deadline = deadlines.derived ? ident(deadlines.derived.id) : ident('deadline_at');
  const rules = flagRules(review, metric);
  const scopedExtras = [
    sql`NULLIF(trim(${ident('caller_phone')}), '') AS phone_key`,
    sql`${normalisedAddressSql(ident('address'))} AS norm_address`,
    ...(deadlines.derived ? [sql`${deadlines.derived.expr} AS ${ident(deadlines.derived.id)}`] : []),
  ];
  const flagColumns = join(
    FLAG_IDS.map((f) => sql`${rules[f]} AS ${ident(flagColumn(f))}`),
    ',\n    ',
  );
  const severity = join(
    FLAG_IDS.map((f) => sql`CASE WHEN ${ident(flagColumn(f))} THEN ${review.weights[f]}::INTEGER ELSE 0 END`),
    ' + ',
  );
  const flagCount = join(
    FLAG_IDS.map((f) => sql`${ident(flagColumn(f))}::INTEGER`),
    ' + ',
  );
  const anyFlag = join(
    FLAG_IDS.map((f) => ident(flagColumn(f))),
    ' OR ',
  );
  const lateHours = durationHours(metric, deadline, ident('closed_at'));
  return sql`WITH as_of_time AS (SELECT ${asOfSql('tickets', filters, metric)} AS as_of),
scoped AS (SELECT *, ${join(scopedExtras, ', ')} FROM ${ident('tickets')} WHERE ${filterPredicate(filters, 'tickets')}),
clustered AS (SELECT *, ${addressClusterSql(ident('norm_address'))} AS address_cluster FROM scoped),
counted AS (
  SELECT *,
    ${countByKey('phone_key')} AS ${ident(ROW_COUNT_COLUMNS.phoneCount)},
    ${countByKey('norm_address')} AS ${ident(ROW_COUNT_COLUMNS.addressCount)},
    ${countByKey('address_cluster')} AS ${ident(ROW_COUNT_COLUMNS.clusterCount)},
    ${unitCountSql()} AS ${ident(ROW_COUNT_COLUMNS.unitCount)}
  FROM clustered CROSS JOIN as_of_time
),
flagged AS (
  SELECT *,
    ${flagColumns}
  FROM counted
),
scored AS (SELECT *, (${severity})::INTEGER AS severity, (${flagCount})::INTEGER AS flag_count FROM flagged WHERE ${anyFlag})
SELECT ticket_id, township, ${stamp(ident('received_at'))} AS received_at, request_type, category, content,
  caller_name, caller_phone, address, department, urgency, status, satisfaction, exit_reason,
  returned_count, reopened, unattributable, enterprise_related,
  ${stamp(deadline)} AS deadline_at, ${stamp(ident('closed_at'))} AS closed_at, ${stamp(trusted('as_of'))} AS as_of,
  CASE WHEN ${ident('closed_at')} > ${deadline} THEN ${lateHours} END AS late_hours,
  ${ident(ROW_COUNT_COLUMNS.phoneCount)}, ${ident(ROW_COUNT_COLUMNS.addressCount)}, norm_address, address_cluster,
  ${ident(ROW_COUNT_COLUMNS.clusterCount)}, ${ident(ROW_COUNT_COLUMNS.unitCount)},
  ${join(
    FLAG_IDS.map((f) => ident(flagColumn(f))),
    ', ',
  )}, severity, flag_count
FROM scored
ORDER BY severity DESC, flag_count DESC, scored.received_at, ticket_id`;
}
