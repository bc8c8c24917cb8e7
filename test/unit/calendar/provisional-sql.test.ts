// Working time in SQL across into a provisional year (no notice shipped: weekends only), with the
// figures worked by hand: the case that used to stop every working-time query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDaysSql, ensureWorkCalendar, workingHoursSql } from '$lib/calendar';
import { NodeEngine } from '$lib/engine/node-engine';
import { sql } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await ensureWorkCalendar(engine, [2026, 2027]);
});
afterAll(() => engine.close());

async function one(q: ReturnType<typeof sql>): Promise<unknown> {
  return (await engine.query(q)).toArray()[0]?.toJSON().v;
}

describe('work_calendar over a provisional year', () => {
  it('Thu 2026-12-31 12:00 → Mon 2027-01-04 09:00 is 12 + 24 + 0 + 0 + 9 = 45 working hours', async () => {
    const h = workingHoursSql(sql`TIMESTAMP '2026-12-31 12:00'`, sql`TIMESTAMP '2027-01-04 09:00'`);
    expect(await one(sql`SELECT ${h} AS v`)).toBe(45);
  });
  it('Wed 2026-12-30 09:00 + 3 working days is Mon 2027-01-04 09:00 (Thu, Fri 01-01, then Mon)', async () => {
    const due = addWorkingDaysSql(sql`TIMESTAMP '2026-12-30 09:00'`, sql`3`);
    expect(await one(sql`SELECT CAST(${due} AS VARCHAR) AS v`)).toBe('2027-01-04 09:00:00');
  });
});
