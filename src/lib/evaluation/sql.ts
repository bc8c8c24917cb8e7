// The evaluation's SQL (DuckDB, in the engine worker): one row of figures per grid worker for a
// calendar year, the years there are, and the confirmed missed reports per worker. The scoring
// arithmetic over these rows is TypeScript (./score).
//
// A worker is a distinct worker_id among the year's grid events (events without one count for
// nobody). Their township, grid and name are the smallest of that year's events, the same on
// every run (a worker who moved within the year is evaluated once, under the first of them).
import { compareUnitsQuery, type CompareSettings, type CompareSources } from '$lib/compare';
import { emptyFilters, filterPredicate, type FilterState } from '$lib/filters';
import { gridMetricsQuery, type GridMetricId, type MetricSettings } from '$lib/metrics';
import type { Row } from '$lib/engine/rows';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { WorkerFigures } from './score';
import type { EvaluationSettings } from './settings';

/** The whole calendar year as the filter bar writes it (reported_at from Jan 1 to Dec 31 inclusive). */
export function yearFilters(year: number): FilterState {
  return { ...emptyFilters(), from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The metrics.md grid metrics the score uses, each under its own definition. */
const FROM_METRICS = ['total', 'loop_closed_rate', 'on_time_rate', 'median_loop_hours', 'supervised_share', 'self_resolved_rate'] as const satisfies readonly GridMetricId[];

/**
 * One row per worker: events, verified (metrics' loop_closed_rate: 核验 done), returned share,
 * on_time_rate, median_loop_hours, supervised_share, self_resolved_rate. As-of time, working or
 * natural hours and deadlines follow the 口径 settings exactly as on #/grid for the same year.
 */
export function workerFiguresQuery(year: number, metricSettings: MetricSettings, evaluation: Pick<EvaluationSettings, 'returnedStatuses'>): SqlFragment {
  const filters = yearFilters(year);
  const metrics = gridMetricsQuery({ filters, settings: metricSettings, groupBy: 'worker_id', metrics: FROM_METRICS });
  const returned = evaluation.returnedStatuses.map((s) => s.replace(/[\r\n]/g, ' ')).join('\n');
  return sql`WITH m AS (${metrics}),
  w AS (
    SELECT CAST(worker_id AS VARCHAR) AS key, min(worker_name) AS worker_name, coalesce(min(township), '—') AS township, min(grid_id) AS grid_id,
           count(*) FILTER (WHERE trim(status) <> '' AND list_contains(string_split(${returned}, chr(10)), trim(status)))::INTEGER AS returned
    FROM ${ident('grid_events')}
    WHERE ${filterPredicate(filters, 'grid_events')} AND worker_id IS NOT NULL
    GROUP BY 1
  )
  SELECT w.key AS worker_id, w.worker_name, w.township, w.grid_id,
         m.total::INTEGER AS events, m.loop_closed_rate AS verified, w.returned / m.total AS returned,
         m.on_time_rate, m.median_loop_hours, m.supervised_share, m.self_resolved_rate
  FROM w JOIN m USING (key)
  ORDER BY w.key`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The query's rows as figures; `missed` per worker id, or null while no checking has begun (then 0 is counted). */
export function readWorkerFigures(rows: readonly Row[], missed: ReadonlyMap<string, number> | null): WorkerFigures[] {
  return rows.map((r) => {
    const workerId = String(r.worker_id);
    return {
      workerId,
      workerName: r.worker_name === null || r.worker_name === undefined ? null : String(r.worker_name),
      township: String(r.township),
      gridId: r.grid_id === null || r.grid_id === undefined ? null : String(r.grid_id),
      raw: {
        events: num(r.events),
        verified: num(r.verified),
        returned: num(r.returned),
        onTime: num(r.on_time_rate),
        loopHours: num(r.median_loop_hours),
        supervised: num(r.supervised_share),
        selfResolved: num(r.self_resolved_rate),
        missed: missed ? (missed.get(workerId) ?? 0) : 0,
      },
    };
  });
}

/**
 * The calendar years of the grid events, and the latest complete one: a year is complete when
 * the data reach its last day (the latest reported_at is on or after 12-31 00:00), so an export
 * taken mid-year does not make its year the default.
 */
export function evaluationYearsQuery(): SqlFragment {
  return sql`WITH years AS (SELECT DISTINCT year(reported_at)::INTEGER AS year FROM ${ident('grid_events')} WHERE reported_at IS NOT NULL),
  latest AS (SELECT (year(max(reported_at) + INTERVAL 1 DAY) - 1)::INTEGER AS complete_until FROM ${ident('grid_events')})
  SELECT year, year <= complete_until AS complete FROM years, latest ORDER BY year`;
}

/** The years with grid events, and the default one: the latest complete year, else the latest. */
export function readEvaluationYears(rows: readonly Row[]): { years: number[]; latestComplete: number | null; fallback: number | null } {
  const years = rows.map((r) => Number(r.year));
  const complete = rows.filter((r) => r.complete === true).map((r) => Number(r.year));
  return { years, latestComplete: complete.at(-1) ?? null, fallback: complete.at(-1) ?? years.at(-1) ?? null };
}

/**
 * Missed reports (漏报) per worker in the year, as the comparison counts them once checking has
 * begun: a 12345 ticket or police call of the year with no accepted grid match, charged to the
 * worker of the grid the comparison places it in (the worker with most of that grid's events in
 * the year; ties: the smaller worker id). `accepted`: the accepted pair keys ($lib/compare's
 * acceptedKeys), never null here — before checking nothing is confirmed and this is not asked.
 * Records near the year's edges are compared only with that year's records.
 */
export function missedByWorkerQuery(year: number, compare: CompareSettings, accepted: readonly string[]): SqlFragment {
  const filters = yearFilters(year);
  const from: CompareSources = {
    tickets: 'evaluation_tickets',
    grid_events: 'evaluation_grid_events',
    police_non_emergency: 'evaluation_police',
    special_population_alerts: 'evaluation_alerts',
  };
  const units = compareUnitsQuery({ settings: compare, from }, 'grid', accepted);
  return sql`WITH evaluation_tickets AS (SELECT * FROM ${ident('tickets')} WHERE ${filterPredicate(filters, 'tickets')}),
  evaluation_grid_events AS (SELECT * FROM ${ident('grid_events')} WHERE ${filterPredicate(filters, 'grid_events')}),
  evaluation_police AS (SELECT * FROM ${ident('police_non_emergency')} WHERE ${filterPredicate(filters, 'police_non_emergency')}),
  evaluation_alerts AS (SELECT * FROM ${ident('special_population_alerts')} WHERE ${filterPredicate(filters, 'special_population_alerts')}),
  units AS (${units}),
  owners AS (
    SELECT grid_id, first(worker_id ORDER BY n DESC, worker_id) AS worker_id
    FROM (SELECT grid_id, CAST(worker_id AS VARCHAR) AS worker_id, count(*) AS n FROM evaluation_grid_events
          WHERE grid_id IS NOT NULL AND worker_id IS NOT NULL GROUP BY ALL)
    GROUP BY grid_id
  )
  SELECT o.worker_id, sum(u.missed)::INTEGER AS missed
  FROM units u JOIN owners o ON o.grid_id = u.grid_id
  WHERE u.missed > 0
  GROUP BY o.worker_id ORDER BY o.worker_id`;
}

export function readMissed(rows: readonly Row[]): Map<string, number> {
  return new Map(rows.map((r) => [String(r.worker_id), Number(r.missed)]));
}
