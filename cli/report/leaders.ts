// `--targets` and `--explain METRIC --by DIMENSION` (issue 15): the targets page's readings and the
// explain page's decomposition, computed by the same modules as the pages.
import { rowsOf } from '$lib/engine';
import type { Engine } from '$lib/engine/types';
import { basePeriod, decompose, explainQuery, groupCounts, poolSmallGroups, type ExplainCompare, type ExplainDimension, type ExplainMetricId } from '$lib/explain';
import { emptyFilters, type Period } from '$lib/filters';
import type { MetricSettings } from '$lib/metrics';
import { READINGS, targetContextQuery, targetPeriods, targetReadingsQuery, targetReport, targetScope, targetsForYear, type ReadingRow } from '$lib/targets';

async function context(engine: Engine, settings: MetricSettings): Promise<{ asOf: string | null; hasCallbackLevel: boolean }> {
  const [row] = rowsOf(await engine.query(targetContextQuery(settings)));
  return { asOf: row?.as_of == null ? null : String(row.as_of), hasCallbackLevel: row?.has_callback_level === true };
}

/** Each target of the year (the year of --to, else of the as-of time): three readings, projection, units below. */
export async function targetsReport(engine: Engine, settings: MetricSettings, to: string | null): Promise<unknown[]> {
  const { asOf, hasCallbackLevel } = await context(engine, settings);
  if (!asOf) return [];
  const year = Number((to ?? asOf).slice(0, 4));
  const periods = targetPeriods(asOf, year);
  if (!periods) return [];
  const out: unknown[] = [];
  for (const target of targetsForYear(settings.targets, year)) {
    const scope = targetScope(target, hasCallbackLevel);
    const rows = rowsOf(await engine.query(targetReadingsQuery({ target, settings, periods, scope })));
    const report = targetReport(target, periods, rows as unknown as ReadingRow[]);
    out.push({
      metric: target.metric,
      comparison: target.comparison,
      value: target.value,
      year,
      units: target.units,
      scope,
      as_of: periods.asOf,
      readings: Object.fromEntries(
        READINGS.map((id) => {
          const r = report.overall[id];
          return [id, { ...periods.periods[id], value: r.value, denominator: r.denominator, gap: r.gap, met: r.met, gap_tickets: r.gapTickets }];
        }),
      ),
      projection: report.projection,
      below: report.units.filter((u) => u.below).map((u) => ({ key: u.key, value: u.value, denominator: u.denominator, gap: u.gap, gap_tickets: u.gapTickets })),
    });
  }
  return out;
}

export interface ExplainArgs {
  metric: ExplainMetricId;
  by: ExplainDimension;
  compare: ExplainCompare;
  from: string | null;
  to: string | null;
}

/** The decomposition as the explain page shows it; without --from/--to, the latest complete month. */
export async function explainReport(engine: Engine, settings: MetricSettings, args: ExplainArgs): Promise<unknown> {
  let current: Period | null = args.from && args.to ? { from: args.from, to: args.to } : null;
  if (!current) {
    const { asOf } = await context(engine, settings);
    current = asOf ? (targetPeriods(asOf, Number(asOf.slice(0, 4)))?.periods.month ?? null) : null;
  }
  if (!current) return null;
  const base = basePeriod(current, args.compare);
  const request = { metric: args.metric, by: args.by, compare: args.compare, filters: emptyFilters() };
  const rows = rowsOf(await engine.query(explainQuery(request, settings, base, current)));
  const { groups, pooled } = poolSmallGroups(groupCounts(rows as never));
  const d = decompose(groups);
  return {
    metric: args.metric,
    by: args.by,
    compare: args.compare,
    period: current,
    base,
    rate0: d.rate0,
    rate1: d.rate1,
    change: d.change,
    mix: d.mix,
    rate: d.rate,
    pooled,
    drivers: d.drivers.map((x) => ({ key: x.key, denominator0: x.denominator0, denominator1: x.denominator1, rate0: x.rate0, rate1: x.rate1, mix: x.mix, rate: x.rate, total: x.total })),
  };
}
