import { describe, expect, it } from 'vitest';
import { CalendarRangeError, addWorkingDays, isProvisionalYear, isWorkday, provisionalYears, workingHoursBetween } from '$lib/calendar';
import { mulberry32 } from './random';

const at = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
const DAY = 86_400_000;

describe('isWorkday', () => {
  it('treats 调休 weekend days as working days (春节 2024, 国庆 2024)', () => {
    expect(isWorkday('2024-02-04')).toBe(true); // Sunday, worked before 春节
    expect(isWorkday('2024-02-18')).toBe(true); // Sunday, worked after 春节
    expect(isWorkday('2024-10-12')).toBe(true); // Saturday, worked after 国庆
    expect(isWorkday({ y: 2024, m: 9, d: 29 })).toBe(true); // Sunday, worked before 国庆
    expect(isWorkday('2024-10-13')).toBe(false); // an ordinary Sunday
  });

  it('takes every day of a holiday span off, weekdays included (2024 国庆 10-01..10-07)', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkday({ y: 2024, m: 10, d }), `10-0${d}`).toBe(false);
    expect(isWorkday('2024-09-30')).toBe(true); // Monday before
    expect(isWorkday('2024-10-08')).toBe(true); // Tuesday after
  });

  it('follows the Mon–Fri rule elsewhere', () => {
    expect(isWorkday('2024-03-08')).toBe(true); // Friday
    expect(isWorkday('2024-03-09')).toBe(false); // Saturday
    expect(isWorkday('2024-03-10')).toBe(false); // Sunday
  });

  it('counts weekends only in a year without a shipped notice (provisional), and throws only outside 1970–2100', () => {
    // 2027-01-01 is a Friday: 元旦, but no 2027 notice ships, so provisionally a working day.
    expect(isWorkday('2027-01-01')).toBe(true);
    expect(isWorkday('2027-01-02')).toBe(false); // Saturday
    expect(isWorkday('2027-01-04')).toBe(true); // Monday
    expect(isWorkday('2018-06-01')).toBe(true); // Friday
    // 2018-12-30 is in the 2019 notice's 元旦 span (2018-12-30 to 2019-01-01), so it is off;
    // 2018-12-31 (Monday) is in that span too.
    expect(isWorkday('2018-12-31')).toBe(false);
    expect(isProvisionalYear(2027)).toBe(true);
    expect(isProvisionalYear(2026)).toBe(false);
    expect(provisionalYears([2027, 2024, 2018, 2027])).toEqual([2018, 2027]);
    expect(() => isWorkday('1969-12-31')).toThrow(CalendarRangeError);
    expect(() => isWorkday('2101-01-03')).toThrow(/2101/);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => isWorkday('2024-2-4')).toThrow(/YYYY-MM-DD/);
    expect(() => isWorkday('2024-02-30')).toThrow(/no such date/);
    expect(() => isWorkday({ y: 2024, m: 13, d: 1 })).toThrow(/no such date/);
  });
});

describe('workingHoursBetween', () => {
  it('counts 24 h per working day: Friday 18:00 → Monday 09:00 over an ordinary weekend is 15 h', () => {
    // 2024-03-08 is a Friday: 6 h (18:00–24:00) + Sat 0 + Sun 0 + 9 h (Mon 00:00–09:00).
    expect(workingHoursBetween(at(2024, 3, 8, 18), at(2024, 3, 11, 9))).toBe(15);
  });

  it('skips a holiday span: Mon 2024-09-30 10:00 → Tue 2024-10-08 10:00 is 24 h', () => {
    // 14 h on 09-30, nothing 10-01..10-07 (国庆), 10 h on 10-08. Natural time would be 192 h.
    expect(workingHoursBetween(at(2024, 9, 30, 10), at(2024, 10, 8, 10))).toBe(24);
  });

  it('counts a 调休 Sunday in full: Sat 2024-09-28 12:00 → Mon 2024-09-30 12:00 is 36 h', () => {
    // Saturday 09-28 off (0), Sunday 09-29 worked (24), Monday 00:00–12:00 (12).
    expect(workingHoursBetween(at(2024, 9, 28, 12), at(2024, 9, 30, 12))).toBe(36);
  });

  it('crosses 春节 2024: Thu 2024-02-08 09:00 → Sun 2024-02-18 09:00 is 48 h', () => {
    // 02-08 Thu 15 h, 02-09 Fri 24 h, 02-10..02-17 off (春节), 02-18 Sun (调休) 9 h.
    expect(workingHoursBetween(at(2024, 2, 8, 9), at(2024, 2, 18, 9))).toBe(48);
  });

  it('is zero inside days off and negative when the end is earlier', () => {
    expect(workingHoursBetween(at(2024, 10, 2, 8), at(2024, 10, 6, 20))).toBe(0);
    expect(workingHoursBetween(at(2024, 3, 11, 9), at(2024, 3, 8, 18))).toBe(-15);
  });

  it('spans years (2025-12-31 12:00 → 2026-01-05 12:00 is 12 + 24 + 12 = 48 h)', () => {
    // 12-31 Wed 12 h; 01-01..01-03 元旦 off; 01-04 Sun 调休 24 h; 01-05 Mon 12 h.
    expect(workingHoursBetween(at(2025, 12, 31, 12), at(2026, 1, 5, 12))).toBe(48);
  });

  it('agrees with a day-by-day sum on 500 seeded random spans', () => {
    const rand = mulberry32(20240930);
    const start = at(2019, 1, 1);
    const end = at(2026, 11, 15); // + up to 40 days stays inside 2026
    for (let k = 0; k < 500; k++) {
      const from = start + Math.floor(rand() * (end - start));
      const to = from + Math.floor(rand() * 40 * DAY);
      let expected = 0;
      for (let day = Math.floor(from / DAY); day * DAY < to; day++) {
        if (!isWorkday(new Date(day * DAY).toISOString().slice(0, 10))) continue;
        expected += Math.min(to, (day + 1) * DAY) - Math.max(from, day * DAY);
      }
      expect(workingHoursBetween(from, to)).toBeCloseTo(expected / 3_600_000, 9);
    }
  });

  it('runs on into a provisional year by the weekends-only rule (hand-computed)', () => {
    // Thu 2026-12-31 12:00 → Mon 2027-01-04 09:00: 12 h (Thu) + 24 h (Fri 01-01, provisional
    // working day) + 0 + 0 (Sat, Sun) + 9 h (Mon) = 45 h.
    expect(workingHoursBetween(at(2026, 12, 31, 12), at(2027, 1, 4, 9))).toBe(45);
    // Only 2027: Fri 01-01 00:00 → Fri 01-08 00:00 = 5 working days = 120 h.
    expect(workingHoursBetween(at(2027, 1, 1), at(2027, 1, 8))).toBe(120);
    // Before the shipped years, where the 2019 notice still reaches: Mon 2018-12-17 → Mon 12-24
    // is an ordinary week, 5 days = 120 h; Mon 12-24 → Mon 12-31 is Mon–Fri plus Sat 12-29, which
    // the 2019 notice makes a working day (Sun 12-30 is 元旦), 6 days = 144 h.
    expect(workingHoursBetween(at(2018, 12, 17), at(2018, 12, 24))).toBe(120);
    expect(workingHoursBetween(at(2018, 12, 24), at(2018, 12, 31))).toBe(144);
    // Fri 2018-12-28 12:00 → Wed 2019-01-02 09:00: 12 (Fri) + 24 (Sat 调休) + 0 (12-30, 12-31,
    // 01-01 元旦) + 9 (Wed) = 45 h.
    expect(workingHoursBetween(at(2018, 12, 28, 12), at(2019, 1, 2, 9))).toBe(45);
  });
});

describe('addWorkingDays', () => {
  it('rolls over 国庆 2024: Mon 09-30 10:00 + 1 working day = Tue 10-08 10:00', () => {
    expect(addWorkingDays(at(2024, 9, 30, 10), 1)).toBe(at(2024, 10, 8, 10));
  });

  it('counts the 调休 days: Fri 2024-09-27 15:00 + 5 = Thu 2024-10-10 15:00', () => {
    // 09-28 Sat off; 09-29 Sun 调休 (1); 09-30 (2); 10-01..07 off; 10-08 (3); 10-09 (4); 10-10 (5).
    expect(addWorkingDays(at(2024, 9, 27, 15), 5)).toBe(at(2024, 10, 10, 15));
    // Fri 10-11 + 1 lands on the 调休 Saturday 10-12.
    expect(addWorkingDays(at(2024, 10, 11, 9), 1)).toBe(at(2024, 10, 12, 9));
  });

  it('never counts the start day, even when it is a day off', () => {
    // Sat 2024-03-09 10:00 + 1 = Mon 03-11 10:00; Sun 03-10 is off.
    expect(addWorkingDays(at(2024, 3, 9, 10), 1)).toBe(at(2024, 3, 11, 10));
    // Inside 国庆: Thu 2024-10-03 08:30 + 2 = Wed 10-09 08:30.
    expect(addWorkingDays(at(2024, 10, 3, 8, 30), 2)).toBe(at(2024, 10, 9, 8, 30));
  });

  it('returns the start for n = 0 and rejects a negative or fractional n', () => {
    expect(addWorkingDays(at(2024, 10, 3, 8, 30), 0)).toBe(at(2024, 10, 3, 8, 30));
    expect(() => addWorkingDays(at(2024, 3, 9), -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(at(2024, 3, 9), 1.5)).toThrow(/whole number/);
  });

  it('counts a deadline into a provisional year by the weekends-only rule', () => {
    // Wed 2026-12-30 + 1 = Thu 12-31; + 2 = Fri 2027-01-01 (provisional); + 3 skips the weekend to Mon 01-04.
    expect(addWorkingDays(at(2026, 12, 30, 9), 1)).toBe(at(2026, 12, 31, 9));
    expect(addWorkingDays(at(2026, 12, 30, 9), 2)).toBe(at(2027, 1, 1, 9));
    expect(addWorkingDays(at(2026, 12, 30, 9), 3)).toBe(at(2027, 1, 4, 9));
  });
});
