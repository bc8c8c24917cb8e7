// Public surface of the calendar area: the official holiday data, working-day arithmetic in
// TypeScript, and the same arithmetic as DuckDB SQL over the work_calendar table.
export { HOLIDAY_CALENDAR } from './holidays';
export type { HolidayName, HolidaySpan, HolidayYear } from './holidays';
export { isWorkday, workingHoursBetween, addWorkingDays, coveredYears, isProvisionalYear, provisionalYears, CalendarRangeError, SANE_YEARS } from './workdays';
export type { CalendarDate } from './workdays';
export { workCalendarRows, ensureWorkCalendar, workingHoursSql, workingSecondsAtSql, addWorkingDaysSql } from './sql';
