// The statements that build a brush index: one scan of the base-filtered tickets into a staging
// table of per-row facts, then per grouping the additive partial aggregates keyed by (key, day of
// received_at). Everything is a TEMP table in the engine (the worker, in the browser), named from
// a generated prefix and always quoted.
import { filterPredicate, type FilterState } from '$lib/filters';
import { groupKeySql } from '$lib/metrics/grouping';
import { satisfactionRate } from '$lib/metrics/satisfaction';
import type { MetricSettings } from '$lib/metrics';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { FLAG_IDS, rowFacts } from './partials';
import { validateViews, viewGrouping, viewNeeds, type BrushViewSpec, type Grouping } from './specs';

export interface IndexOptions {
  /** The base filters: every linked view's filters except the brushed received_at range. */
  filters: FilterState;
  settings: MetricSettings;
  views: readonly BrushViewSpec[];
  /**
   * Width in hours of the histogram bins percentiles are read from (default 1 h). A percentile
   * from the index is within one bin width of quantile_cont's (each order statistic is placed
   * inside its own bin).
   */
  binHours?: number;
}

/** What the index keeps for one grouping; `g` is its number in the index tables. */
export interface GroupingPlan {
  grouping: Grouping;
  g: number;
  /** Open tickets with a deadline by deadline day (automatic as-of time only). */
  open: boolean;
  closure: boolean;
  sign: boolean;
}

/** Histogram measures in the `hist` table. */
export const MEASURE = { closure: 0, sign: 1 } as const;

export interface IndexPlan {
  prefix: string;
  binHours: number;
  /** Whether due and overdue_open must be read from the open table (as-of moves with the brush). */
  movingAsOf: boolean;
  /** Satisfaction points per rated ticket: 1 for the rate variant, the 0–100 score for 'weighted'. */
  pointsScale: number;
  groupings: Map<string, GroupingPlan>;
  /**
   * main: g, key_id, key, day, total, sat_points and one count per flag, per (grouping, key, day);
   * keys: g, key_id, key; open: g, key_id, day, deadline_day, n; hist: measure, g, key_id, day, bin, n.
   * Days are days since 1970-01-01; key_id numbers a grouping's keys in ORDER BY key NULLS LAST.
   */
  table: { main: string; keys: string; open: string | null; hist: string | null };
  /** Run in order. */
  statements: SqlFragment[];
  /** Every table the build may create, for dropping. */
  tables: string[];
}

let sequence = 0;

/** Days since 1970-01-01 as INTEGER, of a DATE expression. */
const epochDays = (date: SqlFragment) => sql`CAST(${date} - DATE '1970-01-01' AS INTEGER)`;

/** A fresh, safe table-name prefix: letters, digits and underscores only. */
function newPrefix(): string {
  sequence += 1;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `preagg_${sequence}_${random}`;
}

export function groupingName(grouping: Grouping): string {
  return grouping ?? '(all)';
}

function groupingKey(grouping: Grouping): SqlFragment {
  if (grouping === null) return trusted('CAST(NULL AS VARCHAR)');
  if (grouping === 'satisfaction') return sql`CAST(${ident('satisfaction')} AS VARCHAR)`;
  return groupKeySql(grouping, 'tickets');
}

export function planIndex(options: IndexOptions): IndexPlan {
  const binHours = options.binHours ?? 1;
  validateViews(options.views, binHours);
  const { filters, settings } = options;
  const prefix = newPrefix();
  const movingAsOf = settings.asOf === null;
  const facts = rowFacts(filters, settings);

  // Which groupings exist and what each needs, merged over the views that read it.
  const needs = new Map<string, { grouping: Grouping; closure: boolean; sign: boolean; deadlines: boolean }>();
  for (const view of options.views) {
    const grouping = viewGrouping(view);
    const name = groupingName(grouping);
    const n = viewNeeds(view);
    const prev = needs.get(name) ?? { grouping, closure: false, sign: false, deadlines: false };
    needs.set(name, {
      grouping,
      closure: prev.closure || n.closureHistogram,
      sign: prev.sign || n.signHistogram,
      deadlines: prev.deadlines || n.deadlines,
    });
  }

  const staging = `${prefix}_rows`;
  const groupings = new Map<string, GroupingPlan>();
  const keyColumns: SqlFragment[] = [];
  let g = 0;
  for (const [name, need] of needs) {
    groupings.set(name, { grouping: need.grouping, g, open: need.deadlines && movingAsOf, closure: need.closure, sign: need.sign });
    keyColumns.push(sql`${groupingKey(need.grouping)} AS ${ident(`g${g}`)}`);
    g += 1;
  }
  const all = [...groupings.values()];
  const anyOpen = all.some((p) => p.open);
  const anyHist = all.some((p) => p.closure || p.sign);
  const table = {
    main: `${prefix}_main`,
    keys: `${prefix}_keys`,
    open: anyOpen ? `${prefix}_open` : null,
    hist: anyHist ? `${prefix}_hist` : null,
  };

  const stagingColumns: SqlFragment[] = [
    // Days since 1970-01-01 as INTEGER: brush bounds then enter the read query as plain numbers.
    sql`${epochDays(sql`CAST(${ident('received_at')} AS DATE)`)} AS day`,
    ...keyColumns,
    ident('satisfaction'),
    ...FLAG_IDS.map((id) => sql`${facts.flags[id]} AS ${ident(id)}`),
  ];
  const w = sql`CAST(${binHours} AS DOUBLE)`;
  if (anyOpen) stagingColumns.push(sql`${epochDays(facts.openDeadlineDay)} AS open_deadline_day`);
  if (all.some((p) => p.closure)) stagingColumns.push(sql`CAST(floor(${facts.closureHours} / ${w}) AS INTEGER) AS closure_bin`);
  if (all.some((p) => p.sign)) stagingColumns.push(sql`CAST(floor(${facts.signHours} / ${w}) AS INTEGER) AS sign_bin`);
  const derived = facts.derived.map((d) => sql`, ${d.expr} AS ${ident(d.id)}`);

  const statements: SqlFragment[] = [
    sql`CREATE OR REPLACE TEMP TABLE ${ident(staging)} AS
WITH as_of_time AS (SELECT ${facts.asOf} AS as_of),
scoped AS (SELECT *${join(derived, '')} FROM ${ident('tickets')} WHERE ${filterPredicate(filters, 'tickets')})
SELECT ${join(stagingColumns, ',\n  ')}
FROM scoped CROSS JOIN as_of_time`,
  ];

  const pointsScale = settings.satisfactionVariant === 'weighted' ? 100 : 1;
  // The satisfaction metric's own aggregate over a (key, day) cell, times its rated count, is the
  // cell's satisfied count (rate) or score sum (weighted): an exact integer once rounded, and the
  // levels and weights stay written only in the metric layer.
  const ratedCount = trusted('count(*) FILTER (WHERE rated)');
  const satPoints = sql`CAST(coalesce(round(${satisfactionRate(settings, trusted('rated'))} * ${pointsScale}::DOUBLE * ${ratedCount}), 0) AS INTEGER)`;
  const counts = join(
    FLAG_IDS.map((id) => sql`CAST(count(*) FILTER (WHERE ${ident(id)}) AS INTEGER) AS ${ident(id)}`),
    ',\n    ',
  );
  const mainParts = all.map((p) => {
    const key = ident(`g${p.g}`);
    return sql`SELECT ${p.g}::INTEGER AS g, CAST(dense_rank() OVER (ORDER BY key NULLS LAST) AS INTEGER) AS key_id, * FROM (
  SELECT ${key} AS key, day, CAST(count(*) AS INTEGER) AS total, ${satPoints} AS sat_points,
    ${counts}
  FROM ${ident(staging)} GROUP BY ${key}, day)`;
  });
  statements.push(sql`CREATE OR REPLACE TEMP TABLE ${ident(table.main)} AS
SELECT * FROM (${join(mainParts, '\nUNION ALL\n')}) ORDER BY day, g, key_id`);
  statements.push(sql`CREATE OR REPLACE TEMP TABLE ${ident(table.keys)} AS
SELECT DISTINCT g, key_id, key FROM ${ident(table.main)} ORDER BY g, key_id`);

  /** Counts of staging rows per (grouping key, day, column value), numbered like main. */
  const cells = (p: GroupingPlan, column: string, extra: SqlFragment[] = []) =>
    sql`SELECT ${join([...extra, sql`${p.g}::INTEGER AS g`], ', ')}, ${ident(`g${p.g}`)} AS key, day, ${ident(column)} AS v, CAST(count(*) AS INTEGER) AS n
  FROM ${ident(staging)} WHERE ${ident(column)} IS NOT NULL GROUP BY ALL`;
  const keyed = (parts: SqlFragment[], columns: string) => sql`SELECT ${trusted(columns)}
FROM (${join(parts, '\nUNION ALL\n')}) c
JOIN ${ident(table.keys)} k ON c.g = k.g AND c.key IS NOT DISTINCT FROM k.key
ORDER BY c.day, k.g, k.key_id`;
  if (table.open) {
    const parts = all.filter((p) => p.open).map((p) => cells(p, 'open_deadline_day'));
    statements.push(sql`CREATE OR REPLACE TEMP TABLE ${ident(table.open)} AS
${keyed(parts, 'k.g, k.key_id, c.day, c.v AS deadline_day, c.n')}`);
  }
  if (table.hist) {
    const parts = [
      ...all.filter((p) => p.closure).map((p) => cells(p, 'closure_bin', [sql`${MEASURE.closure}::INTEGER AS measure`])),
      ...all.filter((p) => p.sign).map((p) => cells(p, 'sign_bin', [sql`${MEASURE.sign}::INTEGER AS measure`])),
    ];
    statements.push(sql`CREATE OR REPLACE TEMP TABLE ${ident(table.hist)} AS
${keyed(parts, 'c.measure, k.g, k.key_id, c.day, c.v AS bin, c.n')}`);
  }
  statements.push(sql`DROP TABLE IF EXISTS ${ident(staging)}`);

  const tables = [staging, table.main, table.keys, ...[table.open, table.hist].filter((x): x is string => x !== null)];
  return { prefix, binHours, movingAsOf, pointsScale, groupings, table, statements, tables };
}

export function dropStatements(plan: IndexPlan): SqlFragment[] {
  return plan.tables.map((t) => sql`DROP TABLE IF EXISTS ${ident(t)}`);
}
