import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsToIPC } from '$lib/arrow';
import {
  addWorkingDays,
  ensureWorkCalendar,
  workCalendarRows,
  workingHoursBetween,
  workingHoursSql,
  workingSecondsAtSql,
} from '$lib/calendar';
import { addWorkingDaysSql } from '$lib/calendar/sql';
import { NodeEngine } from '$lib/engine/node-engine';
import { sql, trusted } from '$lib/sql';
import { mulberry32 } from './random';

const at = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);
const ALL_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await ensureWorkCalendar(engine, ALL_YEARS);
});
afterAll(() => engine.close());

async function rows(q: ReturnType<typeof sql>) {
  return (await engine.query(q)).toArray().map((r) => r.toJSON());
}

/** Loads (id, a, b, n) rows as a table `pairs` with TIMESTAMP columns, the way tickets arrive. */
async function loadPairs(a: (number | null)[], b: (number | null)[], n: number[] = a.map(() => 0)) {
  const ipc = columnsToIPC(
    { length: a.length, columns: { id: a.map((_, i) => i), a, b, n } },
    { id: 'INTEGER', a: 'TIMESTAMP', b: 'TIMESTAMP', n: 'INTEGER' },
  );
  await engine.exec(sql`DROP TABLE IF EXISTS pairs`);
  await engine.insertArrow('pairs', ipc, 'create');
}

describe('work_calendar', () => {
  it('has one row per day 2019-01-01..2026-12-31 with the declared types', async () => {
    // 8 years × 365 + 2 leap days (2020, 2024) = 2922.
    expect(
      await rows(sql`SELECT count(*)::INTEGER AS n, min(day)::VARCHAR AS first, max(day)::VARCHAR AS last,
        any_value(typeof(day)) AS td, any_value(typeof(is_workday)) AS tw, any_value(typeof(work_secs_before)) AS ts
        FROM work_calendar`),
    ).toEqual([{ n: 2922, first: '2019-01-01', last: '2026-12-31', td: 'DATE', tw: 'BOOLEAN', ts: 'BIGINT' }]);
  });

  it('carries 调休 days and cumulative working seconds', async () => {
    const days = ['2019-01-01', '2019-01-02', '2019-01-03', '2024-02-04', '2024-02-18', '2024-10-01', '2024-10-12'];
    const result = await rows(sql`SELECT day::VARCHAR AS day, is_workday, work_secs_before::DOUBLE AS secs
      FROM work_calendar WHERE list_contains(${sql`[${days.map((d) => sql`${d}::DATE`)}]`}, day) ORDER BY day`);
    const byDay = Object.fromEntries(result.map((r) => [r.day, r]));
    // 2019-01-01 is 元旦 (off); Wed 01-02 is the first working day, so 01-03 starts 1 working day in.
    expect(byDay['2019-01-01']).toEqual({ day: '2019-01-01', is_workday: false, secs: 0 });
    expect(byDay['2019-01-02']).toEqual({ day: '2019-01-02', is_workday: true, secs: 0 });
    expect(byDay['2019-01-03']).toEqual({ day: '2019-01-03', is_workday: true, secs: 86_400 });
    // Sundays 02-04 and 02-18 and Saturday 10-12 of 2024 are 调休 workdays; 10-01 is 国庆.
    expect(['2024-02-04', '2024-02-18', '2024-10-01', '2024-10-12'].map((d) => byDay[d].is_workday)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    // 10-01..10-07 off, 10-08..10-11 worked: 4 working days = 345600 s between the two starts.
    expect(byDay['2024-10-12'].secs - byDay['2024-10-01'].secs).toBe(345_600);
  });

  it('fills the years between those asked for, and refuses a year it has no data for', () => {
    // [2023, 2025] covers 2023, 2024 (leap) and 2025: 365 + 366 + 365 days.
    expect(workCalendarRows([2025, 2023]).length).toBe(1096);
    // 2027 has no notice: provisional, still one row a day. 2024..2027 = 366 + 365 + 365 + 365.
    const withProvisional = workCalendarRows([2024, 2027]);
    expect(withProvisional.length).toBe(1461);
    // Fri 2027-01-01 (元旦, but provisional) is a working day, Sat 01-02 is not.
    const day = withProvisional.columns.day as number[];
    const i = day.indexOf(Date.UTC(2027, 0, 1));
    expect([(withProvisional.columns.is_workday as boolean[])[i], (withProvisional.columns.is_workday as boolean[])[i + 1]]).toEqual([true, false]);
    expect(() => workCalendarRows([2024, 2101])).toThrow(/2101/);
    expect(() => workCalendarRows([])).toThrow(/no years/);
  });
});

describe('workingHoursSql', () => {
  const hours = (from: string, to: string) =>
    rows(sql`SELECT ${workingHoursSql(sql`CAST(${from} AS TIMESTAMP)`, sql`CAST(${to} AS TIMESTAMP)`)} AS h`);

  it('gives the hand-computed figures', async () => {
    // Fri 18:00 → Mon 09:00, ordinary weekend: 6 + 9.
    expect(await hours('2024-03-08 18:00', '2024-03-11 09:00')).toEqual([{ h: 15 }]);
    // Across 国庆 2024: 14 h on 09-30 + 10 h on 10-08.
    expect(await hours('2024-09-30 10:00', '2024-10-08 10:00')).toEqual([{ h: 24 }]);
    // 调休 Sunday 2024-09-29 counts in full: 0 + 24 + 12.
    expect(await hours('2024-09-28 12:00', '2024-09-30 12:00')).toEqual([{ h: 36 }]);
  });

  it('is NULL when either end is NULL, even if the other is outside the calendar', async () => {
    await loadPairs([at(2024, 3, 8, 18), null, at(2027, 5, 1)], [null, at(2024, 3, 11), null]);
    const h = workingHoursSql(trusted('a'), trusted('b'));
    expect(await rows(sql`SELECT id, ${h} AS h, typeof(${h}) AS t FROM pairs ORDER BY id`)).toEqual([
      { id: 0, h: null, t: 'DOUBLE' },
      { id: 1, h: null, t: 'DOUBLE' },
      { id: 2, h: null, t: 'DOUBLE' },
    ]);
  });

  it('fails the query, naming the moment, when a timestamp is outside work_calendar', async () => {
    await expect(hours('2026-12-31 12:00', '2027-01-04 09:00')).rejects.toThrow(/no row for 2027-01-04 09:00/);
    await expect(hours('2018-12-31 12:00', '2019-01-04 09:00')).rejects.toThrow(/no row for 2018-12-31/);
  });

  it('agrees with workingHoursBetween on 400 seeded random pairs', async () => {
    const rand = mulberry32(12345);
    const start = at(2019, 1, 1);
    const end = at(2026, 11, 1);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 400; i++) {
      const from = start + Math.floor(rand() * (end - start));
      // Mostly ordinary ticket lengths, some long ones, a few reversed; millisecond precision.
      const span = (rand() < 0.9 ? rand() * 30 : rand() * 400) * 86_400_000 * (rand() < 0.05 ? -1 : 1);
      a.push(from);
      b.push(Math.max(start, Math.min(end, Math.floor(from + span))));
    }
    a.push(start, at(2024, 2, 9, 23, 59));
    b.push(at(2026, 12, 31, 23, 59), at(2024, 2, 18, 0, 1));
    await loadPairs(a, b);
    const h = workingHoursSql(trusted('a'), trusted('b'));
    const result = await rows(sql`SELECT id, ${h} AS h FROM pairs ORDER BY id`);
    expect(result).toHaveLength(a.length);
    for (const { id, h } of result) {
      expect(Math.abs(h - workingHoursBetween(a[id], b[id])), `pair ${id}`).toBeLessThan(1e-9);
    }
  });

  it('exposes W(ts) whose differences are working seconds', async () => {
    // W(Mon 09:00) − W(Fri 18:00) = 15 h = 54000 s.
    expect(
      await rows(sql`SELECT ${workingSecondsAtSql(trusted("TIMESTAMP '2024-03-11 09:00'"))} - ${workingSecondsAtSql(
        trusted("TIMESTAMP '2024-03-08 18:00'"),
      )} AS s, ${workingSecondsAtSql(trusted('NULL'))} AS n`),
    ).toEqual([{ s: 54_000, n: null }]);
  });

  it('works on a calendar built for fewer years', async () => {
    const other = await NodeEngine.start();
    try {
      await ensureWorkCalendar(other, [2024]);
      // Replacing is idempotent: a second call leaves one copy.
      await ensureWorkCalendar(other, [2024]);
      const q = workingHoursSql(trusted("TIMESTAMP '2024-09-30 10:00'"), trusted("TIMESTAMP '2024-10-08 10:00'"));
      const result = (
        await other.query(sql`SELECT ${q} AS h, (SELECT count(*)::INTEGER FROM work_calendar) AS n`)
      ).toArray();
      expect(result[0].toJSON()).toEqual({ h: 24, n: 366 });
    } finally {
      other.close();
    }
  });
});

describe('addWorkingDaysSql', () => {
  it('agrees with addWorkingDays on 300 seeded random starts, and rolls over 国庆', async () => {
    const rand = mulberry32(777);
    const start = at(2019, 1, 1);
    const end = at(2026, 11, 1);
    const a: number[] = [at(2024, 9, 30, 10), at(2024, 9, 27, 15)];
    const n: number[] = [1, 5];
    for (let i = 0; i < 300; i++) {
      a.push(start + Math.floor(rand() * (end - start)));
      n.push(Math.floor(rand() * 16));
    }
    await loadPairs(a, a.map(() => null), n);
    const due = addWorkingDaysSql(trusted('a'), trusted('n'));
    const result = await rows(sql`SELECT id, epoch_ms(${due})::DOUBLE AS due FROM pairs ORDER BY id`);
    // Hand-computed: Mon 2024-09-30 10:00 + 1 = Tue 10-08 10:00; Fri 09-27 15:00 + 5 = Thu 10-10 15:00.
    expect(result[0].due).toBe(at(2024, 10, 8, 10));
    expect(result[1].due).toBe(at(2024, 10, 10, 15));
    for (const { id, due } of result) expect(due, `start ${id}`).toBe(addWorkingDays(a[id], n[id]));
  });

  it('is NULL for NULL inputs and fails past the calendar or for negative n', async () => {
    expect(await rows(sql`SELECT ${addWorkingDaysSql(trusted('NULL'), trusted('1'))} AS d`)).toEqual([{ d: null }]);
    // Wed 2026-12-30 + 2 working days would be in 2027.
    const pastEnd = addWorkingDaysSql(trusted("TIMESTAMP '2026-12-30 09:00'"), trusted('2'));
    await expect(rows(sql`SELECT ${pastEnd} AS d`)).rejects.toThrow(/ends before the deadline/);
    const negative = addWorkingDaysSql(trusted("TIMESTAMP '2024-03-01'"), trusted('-1'));
    await expect(rows(sql`SELECT ${negative} AS d`)).rejects.toThrow(/>= 0/);
  });
});
