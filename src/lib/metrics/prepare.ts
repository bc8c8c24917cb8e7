// What must exist in the engine before a metric query runs under given settings. Today that is
// the working-day table for the working-time setting; natural time needs nothing.
import { SANE_YEARS, coveredYears, ensureWorkCalendar } from '$lib/calendar';
import type { Engine } from '$lib/engine/types';
import { ident, join, sql } from '$lib/sql';
import { TABLES } from '$lib/schema';
import type { FilterState } from '$lib/filters';
import { dayAfter } from '$lib/filters';
import type { MetricTable } from './definitions';
import type { MetricSettings } from './settings';

function timestampColumns(table: MetricTable): string[] {
  return TABLES[table].columns.filter((c) => c.type === 'TIMESTAMP').map((c) => c.name);
}

/** Calendar years touched by any timestamp of `tables`, the filter's as-of day and a fixed as-of time. */
async function yearsInPlay(engine: Engine, tables: readonly MetricTable[], filters: FilterState, settings: MetricSettings): Promise<number[]> {
  const years = new Set<number>();
  for (const table of tables) {
    const columns = timestampColumns(table).map((c) => ident(c));
    const result = await engine.query(
      sql`SELECT year(min(least(${join(columns, ', ')})))::INTEGER AS lo, year(max(greatest(${join(columns, ', ')})))::INTEGER AS hi FROM ${ident(table)}`,
    );
    const row = result.toArray()[0]?.toJSON() as { lo: number | null; hi: number | null } | undefined;
    if (row?.lo != null) years.add(row.lo);
    if (row?.hi != null) years.add(row.hi);
  }
  if (filters.to) years.add(Number(dayAfter(filters.to).slice(0, 4)));
  if (settings.asOf) years.add(Number(settings.asOf.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

/**
 * Run before metric queries on `tables` under `settings`. In working mode it makes sure
 * work_calendar spans every year the shipped holiday calendar covers and every moment in play,
 * so that no page's prepare narrows the table under another page's query; a year the shipped
 * calendar does not cover counts weekends only (provisional, see $lib/calendar; #/definitions
 * lists those years). Rebuilt only when the span changes.
 */
export async function prepareMetrics(
  engine: Engine,
  settings: MetricSettings,
  tables: readonly MetricTable[],
  filters: FilterState,
): Promise<void> {
  if (settings.durationMode !== 'working') return;
  const inPlay = await yearsInPlay(engine, tables, filters, settings);
  // One year past the last in play: a deadline counted in working days from late December falls
  // in January (provisional when that year's notice is not shipped yet), and must not run off the table.
  const last = Math.min(Math.max(...coveredYears(), ...inPlay), SANE_YEARS.last - 1);
  const years = [...new Set([...coveredYears(), ...inPlay, last + 1])].sort((a, b) => a - b);
  const span = { lo: `${years[0]}-01-01`, hi: `${years[years.length - 1]}-12-31` };
  if (!sameSpan(await calendarSpan(engine), span)) await ensureWorkCalendar(engine, years);
}

/** All three tables a metric can read: what a page-independent prepare covers. */
export const METRIC_TABLES: readonly MetricTable[] = ['tickets', 'grid_events', 'enterprise_requests'];

async function calendarSpan(engine: Engine): Promise<{ lo: string; hi: string } | null> {
  const exists = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'work_calendar' AND database_name = current_database()`);
  if (Number(exists.toArray()[0]?.toJSON().n) === 0) return null;
  const row = (await engine.query(sql`SELECT CAST(min(day) AS VARCHAR) AS lo, CAST(max(day) AS VARCHAR) AS hi FROM work_calendar`)).toArray()[0]?.toJSON();
  return row ? { lo: String(row.lo), hi: String(row.hi) } : null;
}

function sameSpan(a: { lo: string; hi: string } | null, b: { lo: string; hi: string }): boolean {
  return a !== null && a.lo === b.lo && a.hi === b.hi;
}
