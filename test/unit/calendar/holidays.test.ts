import { describe, expect, it } from 'vitest';
import { HOLIDAY_CALENDAR, coveredYears, isWorkday } from '$lib/calendar';

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('HOLIDAY_CALENDAR data', () => {
  it('has one entry per year 2019–2026, each citing its 国办发明电 notice', () => {
    expect(HOLIDAY_CALENDAR.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(coveredYears()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of HOLIDAY_CALENDAR) {
      // Each year's notice is issued late in the year before.
      expect(y.source).toMatch(new RegExp(`^国办发明电〔${y.year - 1}〕\\d+号$`));
      expect(y.holidays.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('lists only Saturdays and Sundays as 调休 workdays, and never a day that is also off', () => {
    for (const y of HOLIDAY_CALENDAR) {
      for (const day of y.workdays) {
        expect([0, 6], `${y.year} ${day}`).toContain(weekday(day));
        for (const span of y.holidays) expect(day >= span.from && day <= span.to, `${day} in ${span.name}`).toBe(false);
      }
    }
  });

  it('records the amendments: 2019 劳动节 (〔2019〕3号) and the 2020 春节 extension (〔2020〕1号)', () => {
    // 2019-05-01..04 off; Sundays 04-28 and 05-05 worked; 05-02 (Thu) and 05-03 (Fri) off.
    expect(isWorkday('2019-04-28')).toBe(true);
    expect(isWorkday('2019-05-05')).toBe(true);
    expect(isWorkday('2019-05-02')).toBe(false);
    expect(isWorkday('2019-05-03')).toBe(false);
    // 2020 春节 ran to 02-02; the 2月1日 (Saturday) make-up day of 〔2019〕16号 was dropped.
    expect(isWorkday('2020-01-19')).toBe(true);
    expect(isWorkday('2020-01-31')).toBe(false);
    expect(isWorkday('2020-02-01')).toBe(false);
    expect(isWorkday('2020-02-03')).toBe(true);
  });

  it('applies the 2025 rule: 春节 starts on 除夕, 劳动节 runs 5月1日–5日', () => {
    // 2025-01-28 (Tue) is 除夕; 2025-01-26 (Sun) and 2025-02-08 (Sat) are worked.
    expect(isWorkday('2025-01-27')).toBe(true);
    expect(isWorkday('2025-01-28')).toBe(false);
    expect(isWorkday('2025-02-04')).toBe(false);
    expect(isWorkday('2025-01-26')).toBe(true);
    expect(isWorkday('2025-02-08')).toBe(true);
    expect(isWorkday('2025-05-02')).toBe(false);
    expect(isWorkday('2025-04-27')).toBe(true);
  });

  it('knows the 2026 arrangement (国办发明电〔2025〕7号)', () => {
    // 春节 02-15 (Sun) .. 02-23 (Mon), 9 days; 02-14 and 02-28 (Saturdays) worked; 元旦 make-up 01-04 (Sun).
    expect(isWorkday('2026-02-14')).toBe(true);
    expect(isWorkday('2026-02-16')).toBe(false);
    expect(isWorkday('2026-02-23')).toBe(false);
    expect(isWorkday('2026-02-24')).toBe(true);
    expect(isWorkday('2026-02-28')).toBe(true);
    expect(isWorkday('2026-01-04')).toBe(true);
    expect(isWorkday('2026-10-10')).toBe(true);
  });
});
