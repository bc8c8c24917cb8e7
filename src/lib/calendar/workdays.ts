// Working days and working time over the official calendar in ./holidays.
//
// DEFINITION (the 口径 of every "working hours" figure in the workbench):
//   A working day is a Monday–Friday that is not inside a holiday span of the year's State Council
//   notice, or a Saturday/Sunday the notice makes a working day (调休上班).
//   Working time between two moments is the part of the elapsed time that falls on working days,
//   counting all 24 hours of a working day. Office hours are deliberately not modelled: hotline
//   tickets are handled around the clock, and the assessment only discounts days off.
//   Example: received Friday 18:00, closed Monday 09:00 over an ordinary weekend = 6 h (Friday
//   18:00–24:00) + 9 h (Monday 00:00–09:00) = 15 working hours.
//
// Time is naive China local time carried as milliseconds from Date.UTC (see $lib/arrow), so every
// conversion below uses UTC accessors: the machine's own zone must never shift a day boundary.
//
// A year the shipped data does not cover (no State Council notice yet, typically next year) is
// PROVISIONAL: its working days are Monday–Friday, weekends only, no holidays. That mis-states a
// duration crossing that year's 春节 or 国庆, so every figure touching a provisional year must say
// so (provisionalYears) until the notice is added. Only a moment outside SANE_YEARS (bad data,
// not a calendar question) throws CalendarRangeError.

import { HOLIDAY_CALENDAR, type HolidayYear } from './holidays';

export const DAY_MS = 86_400_000;

/** Years working time is computed for at all; outside them a timestamp is bad data. */
export const SANE_YEARS = { first: 1970, last: 2100 } as const;

/** A moment outside SANE_YEARS: not a calendar year anyone assesses. */
export class CalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    super(
      `No working-time calendar for ${year}: working time is computed for ${SANE_YEARS.first}–${SANE_YEARS.last} ` +
        `(official notices for ${describeCoverage()}, weekends only for the other years).`,
    );
    this.name = 'CalendarRangeError';
  }
}

export type CalendarDate = string | { y: number; m: number; d: number };

/** Days since 1970-01-01 on the naive local clock. */
export function dayNumberOfMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function dayNumberOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** YYYY-MM-DD of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day number from 'YYYY-MM-DD' or {y, m (1–12), d}; rejects impossible dates such as 02-30. */
function parseDate(date: CalendarDate): number {
  let y: number, m: number, d: number;
  if (typeof date === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) throw new TypeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    ({ y, m, d } = date);
  }
  if (![y, m, d].every(Number.isInteger)) throw new TypeError(`not a calendar date: ${JSON.stringify(date)}`);
  const day = dayNumberOf(y, m, d);
  const back = new Date(day * DAY_MS);
  // Date.UTC rolls 2024-02-30 over to 03-01; a date that does not come back unchanged is invalid.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`no such date: ${JSON.stringify(date)}`);
  }
  return day;
}

interface CalendarIndex {
  years: readonly number[];
  /** First covered day (1 January of the first year). */
  firstDay: number;
  /** The day after the last covered day. */
  endDay: number;
  /** Days whose status the notices set, overriding the Mon–Fri rule. */
  overrides: ReadonlyMap<number, boolean>;
  /** workdaysBefore[i]: working days in [firstDay, firstDay + i); one longer than the range. */
  workdaysBefore: Int32Array;
}

/**
 * Checks the data while indexing it, so a typo in holidays.ts (a 调休 day on a Wednesday, a span
 * running backwards, a year missing in the middle) fails at import and in the tests, not as a
 * quietly wrong duration.
 */
function buildIndex(calendar: readonly HolidayYear[]): CalendarIndex {
  const years = calendar.map((entry) => entry.year).sort((a, b) => a - b);
  if (years.length === 0) throw new Error('holiday calendar is empty');
  years.forEach((year, i) => {
    // The cumulative working time below runs across years: a gap would make it meaningless.
    if (i > 0 && year !== years[i - 1] + 1) throw new Error(`holiday calendar years are not consecutive at ${year}`);
  });

  const overrides = new Map<number, boolean>();
  const set = (day: number, isWork: boolean, entry: HolidayYear) => {
    if (yearOfDay(day) < entry.year - 1 || yearOfDay(day) > entry.year) {
      throw new Error(`${entry.source}: ${isoOfDay(day)} is outside ${entry.year}`);
    }
    const previous = overrides.get(day);
    if (previous !== undefined && previous !== isWork) {
      throw new Error(`${entry.source}: ${isoOfDay(day)} is both a holiday and a working day`);
    }
    overrides.set(day, isWork);
  };
  for (const entry of calendar) {
    for (const span of entry.holidays) {
      const from = parseDate(span.from);
      const to = parseDate(span.to);
      if (to < from) throw new Error(`${entry.source}: ${span.name} ends before it starts`);
      for (let day = from; day <= to; day++) set(day, false, entry);
    }
    for (const workday of entry.workdays) {
      const day = parseDate(workday);
      if (!isWeekend(day)) throw new Error(`${entry.source}: 调休 workday ${workday} is not a weekend day`);
      set(day, true, entry);
    }
  }

  const firstDay = dayNumberOf(years[0], 1, 1);
  const endDay = dayNumberOf(years[years.length - 1] + 1, 1, 1);
  const workdaysBefore = new Int32Array(endDay - firstDay + 1);
  for (let day = firstDay; day < endDay; day++) {
    const i = day - firstDay;
    workdaysBefore[i + 1] = workdaysBefore[i] + ((overrides.get(day) ?? !isWeekend(day)) ? 1 : 0);
  }
  return { years, firstDay, endDay, overrides, workdaysBefore };
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const INDEX = buildIndex(HOLIDAY_CALENDAR);

function describeCoverage(): string {
  return `${INDEX.years[0]}–${INDEX.years[INDEX.years.length - 1]}`;
}

const SANE_FIRST_DAY = dayNumberOf(SANE_YEARS.first, 1, 1);
const SANE_END_DAY = dayNumberOf(SANE_YEARS.last + 1, 1, 1);

function assertCovered(day: number): void {
  if (!Number.isFinite(day)) throw new RangeError(`not a finite time: ${day}`);
  if (day < SANE_FIRST_DAY || day >= SANE_END_DAY) throw new CalendarRangeError(yearOfDay(day));
}

/** Monday–Friday days in [from, to), from ≤ to: five a whole week, the rest counted. */
function weekdaysIn(from: number, to: number): number {
  const weeks = Math.floor((to - from) / 7);
  let count = weeks * 5;
  for (let day = from + weeks * 7; day < to; day++) if (!isWeekend(day)) count++;
  return count;
}

/**
 * Working days in [from, to) outside the index: Mon–Fri, corrected by the notices' days that fall
 * there (the first notice's 元旦 span and 调休 can begin in the year before it).
 */
function workdaysIn(from: number, to: number): number {
  let count = weekdaysIn(from, to);
  for (const [day, isWork] of INDEX.overrides) {
    if (day >= from && day < to && isWork === isWeekend(day)) count += isWork ? 1 : -1;
  }
  return count;
}

/** Whether a day (by day number) is a working day: by the notice, or Mon–Fri in a provisional year. */
export function isWorkdayNumber(day: number): boolean {
  assertCovered(day);
  return INDEX.overrides.get(day) ?? !isWeekend(day);
}

/**
 * Working days in [first covered day, day): the cumulative count the SQL table carries. Before
 * the covered years it is negative (only differences mean anything); after them it runs on Mon–Fri.
 */
export function workdaysBeforeDay(day: number): number {
  assertCovered(day);
  if (day < INDEX.firstDay) return -workdaysIn(day, INDEX.firstDay);
  if (day >= INDEX.endDay) return INDEX.workdaysBefore[INDEX.endDay - INDEX.firstDay] + weekdaysIn(INDEX.endDay, day);
  return INDEX.workdaysBefore[day - INDEX.firstDay];
}

/** Whether the shipped calendar has no official notice for `year`: its working time is weekends only. */
export function isProvisionalYear(year: number): boolean {
  return !INDEX.years.includes(year);
}

/** The provisional years among `years` (no official notice shipped), ascending, each once. */
export function provisionalYears(years: Iterable<number>): number[] {
  return [...new Set(years)].filter(isProvisionalYear).sort((a, b) => a - b);
}

/** Whether `date` is a working day: Mon–Fri outside the notice's holidays, or a 调休 weekend day; Mon–Fri in a provisional year. */
export function isWorkday(date: CalendarDate): boolean {
  return isWorkdayNumber(parseDate(date));
}

/** The years the shipped calendar covers, ascending and consecutive. */
export function coveredYears(): number[] {
  return [...INDEX.years];
}

/** Working milliseconds from the first covered day's midnight up to `ms`. */
function workingMsAt(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite time: ${ms}`);
  const day = dayNumberOfMs(ms);
  const before = workdaysBeforeDay(day) * DAY_MS;
  return isWorkdayNumber(day) ? before + (ms - day * DAY_MS) : before;
}

/**
 * Working hours from `fromMs` to `toMs` (naive local ms from Date.UTC), by the definition at the
 * top of this file. Negative when `toMs` is earlier, as the natural-hours difference would be, so
 * a bad record shows up the same way under either setting.
 */
export function workingHoursBetween(fromMs: number, toMs: number): number {
  return (workingMsAt(toMs) - workingMsAt(fromMs)) / 3_600_000;
}

/**
 * The deadline `n` working days after `startMs`: the same clock time on the n-th working day after
 * the start's calendar day. The start day itself never counts, whether or not it is a working day,
 * and days off are skipped (a ticket dispatched Saturday 10:00 with n = 1 is due Monday 10:00 in
 * an ordinary week). n = 0 returns the start unchanged.
 */
export function addWorkingDays(startMs: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to add must be a whole number ≥ 0, got ${n}`);
  if (!Number.isFinite(startMs)) throw new RangeError(`not a finite time: ${startMs}`);
  const startDay = dayNumberOfMs(startMs);
  assertCovered(startDay);
  if (n === 0) return startMs;
  const timeOfDay = startMs - startDay * DAY_MS;
  let day = startDay;
  for (let counted = 0; counted < n; ) {
    day++;
    // Past the covered years the provisional rule applies; isWorkdayNumber throws only past SANE_YEARS.
    if (isWorkdayNumber(day)) counted++;
  }
  return day * DAY_MS + timeOfDay;
}
