// What must exist in the engine before a metric query runs under given settings. Today that is
// the working-day table for the working-time setting; natural time needs nothing.
import { coveredYears, ensureWorkCalendar } from '$lib/calendar';
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
 * Run before metric queries on `tables` under `settings`. In working mode it (re)builds
 * work_calendar over every year from the earliest to the latest moment in play; a year the
 * shipped holiday calendar does not cover fails loudly rather than counting as Mon–Fri.
 */
export async function prepareMetrics(
  engine: Engine,
  settings: MetricSettings,
  tables: readonly MetricTable[],
  filters: FilterState,
): Promise<void> {
  if (settings.durationMode !== 'working') return;
  const years = await yearsInPlay(engine, tables, filters, settings);
  // Empty tables still need the table to exist: the query refers to it whether or not rows do.
  await ensureWorkCalendar(engine, years.length > 0 ? years : coveredYears().slice(-1));
}
