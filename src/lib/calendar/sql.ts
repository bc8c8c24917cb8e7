// Working time in DuckDB: the same definition as ./workdays (24 h of every working day), computed
// from a small day table so a metric over a million tickets needs no per-row calendar logic.
//
//   work_calendar(day DATE, is_workday BOOLEAN, work_secs_before BIGINT)
//
// work_secs_before is the working seconds from the table's first day up to the start of `day`.
// The working-time position of a moment t is then
//   W(t) = work_secs_before(day of t) + (is_workday(day of t) ? seconds since that midnight : 0)
// and working time between two moments is W(to) − W(from), exactly as workingHoursBetween does it.

import { columnsToIPC, type ColumnarTable } from '$lib/arrow';
import type { Engine } from '$lib/engine/types';
import { ident, sql, type SqlFragment } from '$lib/sql';
import { CalendarRangeError, DAY_MS, SANE_YEARS, coveredYears, isWorkdayNumber, workdaysBeforeDay } from './workdays';

const TABLE = 'work_calendar';
/** The Arrow landing table; columnsToIPC has no DATE or BIGINT, so the real table is cast from it. */
const STAGING = 'work_calendar_arrow';

/**
 * Rows of work_calendar for every day from 1 January of the earliest of `years` to 31 December of
 * the latest (years in between are filled in: a ticket open across them needs them). `day` is the
 * day's midnight in naive-local ms, as every timestamp column is carried. A year without a shipped
 * notice is provisional (weekends only, see workdays.ts); callers mark figures touching it.
 */
export function workCalendarRows(years: number[]): ColumnarTable {
  if (years.length === 0) throw new RangeError('workCalendarRows: no years given');
  for (const year of years) {
    if (!Number.isInteger(year)) throw new TypeError(`not a year: ${year}`);
    if (year < SANE_YEARS.first || year > SANE_YEARS.last) throw new CalendarRangeError(year);
  }
  const first = Date.UTC(Math.min(...years), 0, 1) / DAY_MS;
  const end = Date.UTC(Math.max(...years) + 1, 0, 1) / DAY_MS;
  const base = workdaysBeforeDay(first);
  const day: number[] = [];
  const isWorkday: boolean[] = [];
  const workSecsBefore: number[] = [];
  for (let d = first; d < end; d++) {
    day.push(d * DAY_MS);
    isWorkday.push(isWorkdayNumber(d));
    workSecsBefore.push((workdaysBeforeDay(d) - base) * 86_400);
  }
  return { length: day.length, columns: { day, is_workday: isWorkday, work_secs_before: workSecsBefore } };
}

/** Creates or replaces work_calendar for `years` (see workCalendarRows for the range). */
export async function ensureWorkCalendar(engine: Engine, years: number[]): Promise<void> {
  const ipc = columnsToIPC(workCalendarRows(years), {
    day: 'TIMESTAMP',
    is_workday: 'BOOLEAN',
    // Whole seconds well below 2^53, so DOUBLE carries them exactly until the BIGINT cast.
    work_secs_before: 'DOUBLE',
  });
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(STAGING)}`);
  await engine.insertArrow(STAGING, ipc, 'create');
  try {
    await engine.exec(sql`
      CREATE OR REPLACE TABLE ${ident(TABLE)} AS
      SELECT CAST(day AS DATE) AS day, is_workday, CAST(work_secs_before AS BIGINT) AS work_secs_before
      FROM ${ident(STAGING)} ORDER BY day`);
  } finally {
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(STAGING)}`);
  }
}

/**
 * The calendar as lists, each an uncorrelated subquery DuckDB runs once per query; a row then
 * needs only a list index. (A correlated `WHERE day = CAST(ts AS DATE)` subquery is decorrelated
 * into a join over every distinct timestamp: about twice as slow on a million tickets, and its hash
 * table costs memory the browser may not have.)
 */
const FIRST_DAY = sql`(SELECT min(day) FROM ${ident(TABLE)})`;
const LAST_DAY = sql`(SELECT max(day) FROM ${ident(TABLE)})`;
const SECS_BEFORE = sql`(SELECT list(work_secs_before ORDER BY day) FROM ${ident(TABLE)})`;
const IS_WORKDAY = sql`(SELECT list(is_workday ORDER BY day) FROM ${ident(TABLE)})`;
/** The working days in order: element k (1-based) is the k-th working day of the table. */
const WORKDAYS = sql`(SELECT list(day ORDER BY day) FILTER (WHERE is_workday) FROM ${ident(TABLE)})`;

/**
 * Raises an error inside the query for a non-NULL moment outside work_calendar. Without it the
 * lookup would yield NULL (or, for a negative list index, a day from the other end of the list)
 * and the ticket would silently drop out of a median.
 */
function outsideCalendar(ts: SqlFragment): SqlFragment {
  return sql`error(${'work_calendar has no row for '} || CAST(${ts} AS VARCHAR) || ${
    '; call ensureWorkCalendar with every year the data covers (shipped: ' + coveredYears().join(', ') + ')'
  })`;
}

/** 1-based position of DATE expression `day` in the calendar lists. */
function position(day: SqlFragment): SqlFragment {
  return sql`(${day} - ${FIRST_DAY} + 1)`;
}

/**
 * W(ts): working seconds (DOUBLE) from work_calendar's first day to the TIMESTAMP expression `ts`;
 * NULL when `ts` is NULL. Only differences of two W are meaningful.
 */
export function workingSecondsAtSql(ts: SqlFragment): SqlFragment {
  const at = sql`CAST(${ts} AS TIMESTAMP)`;
  const day = sql`CAST(${at} AS DATE)`;
  const i = position(day);
  return sql`(CASE WHEN ${at} IS NULL THEN NULL
    WHEN NOT coalesce(${day} BETWEEN ${FIRST_DAY} AND ${LAST_DAY}, false) THEN ${outsideCalendar(at)}
    ELSE ${SECS_BEFORE}[${i}] + CASE WHEN ${IS_WORKDAY}[${i}]
      THEN (epoch_us(${at}) - epoch_us(CAST(${day} AS TIMESTAMP))) / 1e6 ELSE 0.0 END
    END)`;
}

/**
 * Working hours (DOUBLE) from `from` to `to`, two TIMESTAMP expressions; NULL when either is NULL,
 * negative when `to` is earlier. Needs work_calendar (ensureWorkCalendar) over both moments' years.
 */
export function workingHoursSql(from: SqlFragment, to: SqlFragment): SqlFragment {
  // The NULL test comes first so an open ticket (no close time) is NULL even when its other moment
  // lies outside the calendar: CASE evaluates a branch only for the rows that reach it.
  return sql`(CASE WHEN ${from} IS NULL OR ${to} IS NULL THEN NULL
    ELSE (${workingSecondsAtSql(to)} - ${workingSecondsAtSql(from)}) / 3600.0 END)`;
}

/**
 * The deadline `n` working days after the TIMESTAMP expression `start`, as addWorkingDays: the same
 * clock time on the n-th working day after start's day (start's day never counts; n = 0 returns
 * start). NULL when either is NULL; an error for negative n or a deadline past work_calendar.
 *
 * Working days up to and including start's day = work_secs_before / 86400 + [start's day is a
 * working day]; the deadline's day is the working day n places further on in WORKDAYS.
 */
export function addWorkingDaysSql(start: SqlFragment, n: SqlFragment): SqlFragment {
  const at = sql`CAST(${start} AS TIMESTAMP)`;
  const day = sql`CAST(${at} AS DATE)`;
  const days = sql`CAST(${n} AS BIGINT)`;
  const i = position(day);
  const workdaysThrough = sql`(${SECS_BEFORE}[${i}] // 86400 + CASE WHEN ${IS_WORKDAY}[${i}] THEN 1 ELSE 0 END)`;
  const deadlineDay = sql`${WORKDAYS}[${workdaysThrough} + ${days}]`;
  const negative = sql`error(${'addWorkingDaysSql: working days must be >= 0, got '} || CAST(${days} AS VARCHAR))`;
  const pastEnd = sql`error(${'work_calendar ends before the deadline of '} || CAST(${at} AS VARCHAR)
    || ${' + '} || CAST(${days} AS VARCHAR) || ${' working days'})`;
  return sql`(CASE WHEN ${at} IS NULL OR ${days} IS NULL THEN NULL
    WHEN ${days} < 0 THEN ${negative}
    WHEN NOT coalesce(${day} BETWEEN ${FIRST_DAY} AND ${LAST_DAY}, false) THEN ${outsideCalendar(at)}
    WHEN ${days} = 0 THEN ${at}
    WHEN ${deadlineDay} IS NULL THEN ${pastEnd}
    ELSE CAST(${deadlineDay} AS TIMESTAMP) + (${at} - CAST(${day} AS TIMESTAMP))
    END)`;
}
