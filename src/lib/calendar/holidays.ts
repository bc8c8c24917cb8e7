// The official PRC public-holiday calendar, one entry per year, transcribed from the State
// Council General Office (国务院办公厅) notice 关于xxxx年部分节假日安排的通知 and any notice that
// amended it. Working-time durations (metrics.md: "working hours/days using the official PRC
// holiday and make-up-workday calendar") are only as right as this file, so every date here is
// written exactly as the notice gives it and nothing is inferred from the lunar calendar.
//
// What the notices encode:
// - `holidays`: each stretch the notice says is off (放假 / 放假调休), including the weekend days
//   inside it, so a span reads like the notice's "x月x日至x日放假调休，共n天".
// - `workdays`: the weekend days the notice says are worked (调休上班). Every other Saturday and
//   Sunday is off and every other Monday–Friday is worked.
// - A span may start in the previous year (元旦 2019 from 2018-12-30, 元旦 2023 from 2022-12-31);
//   it is kept as published. Lookups only answer for covered years, so a 2018 date still throws.
//
// The rules behind the notices changed over the period:
// - 2019–2024: 《全国年节及纪念日放假办法》 as of 2013 (11 days: 元旦 1, 春节 3 from 正月初一,
//   清明 1, 劳动节 1, 端午 1, 中秋 1, 国庆 3).
// - 2025 on: the 2024 revision (国务院令第795号, in force 2025-01-01) adds 除夕 to 春节 and
//   5月2日 to 劳动节 (13 days); the principles announced with it keep the run of working days
//   next to a holiday to about six. The 2025 and 2026 notices below were made under it.

export type HolidayName =
  | '元旦'
  | '春节'
  | '清明节'
  | '劳动节'
  | '端午节'
  | '中秋节'
  | '国庆节'
  /** When the notice merges the two into one stretch it names them together, in its order. */
  | '国庆节、中秋节'
  | '中秋节、国庆节';

export interface HolidaySpan {
  name: HolidayName;
  /** First day off, YYYY-MM-DD. */
  from: string;
  /** Last day off, inclusive. */
  to: string;
}

export interface HolidayYear {
  year: number;
  /** 文号 of the notice that set the year's arrangement. */
  source: string;
  /** Later notices that changed it; the spans and workdays below are the final arrangement. */
  amendedBy?: readonly { source: string; change: string }[];
  holidays: readonly HolidaySpan[];
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[];
}

export const HOLIDAY_CALENDAR: readonly HolidayYear[] = [
  {
    year: 2019,
    source: '国办发明电〔2018〕15号',
    amendedBy: [
      {
        source: '国办发明电〔2019〕3号',
        change: '劳动节 5月1日至4日 (was 5月1日 only); 4月28日 and 5月5日 (Sundays) worked',
      },
    ],
    holidays: [
      { name: '元旦', from: '2018-12-30', to: '2019-01-01' },
      { name: '春节', from: '2019-02-04', to: '2019-02-10' },
      { name: '清明节', from: '2019-04-05', to: '2019-04-07' },
      { name: '劳动节', from: '2019-05-01', to: '2019-05-04' },
      { name: '端午节', from: '2019-06-07', to: '2019-06-09' },
      { name: '中秋节', from: '2019-09-13', to: '2019-09-15' },
      { name: '国庆节', from: '2019-10-01', to: '2019-10-07' },
    ],
    workdays: ['2018-12-29', '2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  {
    year: 2020,
    source: '国办发明电〔2019〕16号',
    amendedBy: [
      {
        source: '国办发明电〔2020〕1号',
        change: '春节 extended to 2月2日 (COVID-19); 2月1日 (Saturday) is off instead of worked',
      },
    ],
    holidays: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01' },
      { name: '春节', from: '2020-01-24', to: '2020-02-02' },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    source: '国办发明电〔2020〕27号',
    holidays: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    workdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    source: '国办发明电〔2021〕11号',
    holidays: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    workdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    source: '国办发明电〔2022〕16号',
    holidays: [
      { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
      { name: '春节', from: '2023-01-21', to: '2023-01-27' },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    source: '国办发明电〔2023〕7号',
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  {
    // First year under the 2024 revision: 春节 starts on 除夕 (1月28日), 劳动节 has 5月2日.
    year: 2025,
    source: '国办发明电〔2024〕12号',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国办发明电〔2025〕7号',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
