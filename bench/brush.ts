// (e) Brushing the ticket dashboard's time chart at 1M tickets, inside the real page (DuckDB-WASM
// in the worker, Chromium, file://; worker round trip, Arrow decoding and row conversion included):
// every linked view re-queried from `tickets` (naive) against the pre-aggregated brush index, over
// the same simulated drag. The ratio is the figure; the build time is also given in naive steps.
import type { Page } from '@playwright/test';
import { addDays, emptyFilters, type FilterState } from '../src/lib/filters';
import { defaultSettings } from '../src/lib/metrics';
import { effectiveRange, exactViewQuery, keyDictionary, keysSql, planIndex, readStep, stepSql, TICKET_BRUSH_VIEWS, type BrushViewSpec, type DayRange } from '../src/lib/preagg';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { TABLES } from '../src/lib/schema';
import { ident, join, sql, type SqlFragment } from '../src/lib/sql';
import { builtSiteUrl, launch } from './support/browser';
import { fmtMs, fmtRatio, median, quantile } from './support/stats';

const STEPS = Number(process.env.BENCH_BRUSH_STEPS ?? 120);
/** The naive re-query takes seconds per step: it is timed on every NAIVE_EVERY-th step of the same drag. */
const NAIVE_EVERY = Number(process.env.BENCH_BRUSH_NAIVE_EVERY ?? 6);
const COPIES = 2;

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

/**
 * The sample's tickets plus COPIES shifted copies (≈ 1.02M rows): every timestamp of copy k moves
 * by k·7 h 13 min and closed_at by a further k·17 min, so copies fall on other days and other
 * closure-hour bins instead of repeating the original cells.
 */
function scaleTicketsSql(): SqlFragment {
  const shift = (k: SqlFragment, extra = 0) => sql`to_minutes(CAST(${k} * ${433 + extra} AS BIGINT))`;
  const k = sql`copy.k`;
  const replaced = TABLES.tickets.columns
    .filter((c) => c.type === 'TIMESTAMP' || c.name === 'ticket_id')
    .map((c) => {
      const name = ident(c.name);
      if (c.name === 'ticket_id') return sql`${name} || ${'~'} || CAST(${k} AS VARCHAR) AS ${name}`;
      return sql`${name} + ${shift(k, c.name === 'closed_at' ? 17 : 0)} AS ${name}`;
    });
  const copies = join(
    Array.from({ length: COPIES }, (_, i) => sql`(${i + 1}::INTEGER)`),
    ', ',
  );
  return sql`INSERT INTO ${ident('tickets')} SELECT * EXCLUDE (k) REPLACE (${join(replaced, ', ')})
FROM ${ident('tickets')}, (VALUES ${copies}) AS copy(k)`;
}

/** Dragging: first the right edge out from a fixed start, then a 120-day window sliding along. */
function dragRanges(steps: number): DayRange[] {
  const half = Math.floor(steps / 2);
  const ranges: DayRange[] = [];
  for (let i = 0; i < half; i++) ranges.push({ from: '2024-03-01', to: addDays('2024-03-01', 5 * (i + 1)) });
  for (let i = half; i < steps; i++) {
    const from = addDays('2024-09-01', 4 * (i - half));
    ranges.push({ from, to: addDays(from, 119) });
  }
  return ranges;
}

interface IndexRun {
  label: string;
  indexRows: number;
  buildMs: number;
  /** Per step: the one query, decoded into rows, in the page. */
  times: number[];
  /** Per checked step: readStep (rows → every view's rows), in Node. */
  finaliseMs: number[];
  longestTaskMs: number;
  longTasks: number;
  checked: number;
}

interface BrushResult {
  tickets: number;
  naive: number[];
  naiveLongestTaskMs: number;
  runs: IndexRun[];
}

/** The same views with the percentiles per group too. */
const WITH_GROUP_PERCENTILES: readonly BrushViewSpec[] = TICKET_BRUSH_VIEWS.map((v) => (v.kind === 'metrics' ? { ...v, metrics: undefined } : v));

async function rows(page: Page, q: SqlFragment): Promise<Record<string, unknown>[]> {
  return page.evaluate((s) => globalThis.__workbenchBench!.queryRows(s.sql, s.params), statement(q));
}

const PERCENTILES = new Set(['median_closure_hours', 'p90_closure_hours', 'median_sign_hours']);

/** The index's rows against the exact rows: equal, percentiles within one bin. Returns the cells compared. */
function compareRows(view: string, got: Record<string, unknown>[], want: Record<string, unknown>[], binHours: number): number {
  if (got.length !== want.length) throw new Error(`${view}: ${got.length} rows from the index, ${want.length} exact`);
  let cells = 0;
  want.forEach((w, i) => {
    for (const [id, value] of Object.entries(w)) {
      const g = got[i][id];
      const ok = PERCENTILES.has(id) && typeof value === 'number' ? typeof g === 'number' && Math.abs(g - value) < binHours : g === value;
      if (!ok) throw new Error(`${view} row ${i} ${id}: index ${String(g)}, exact ${String(value)}`);
      cells += 1;
    }
  });
  return cells;
}

async function benchIndex(page: Page, label: string, views: readonly BrushViewSpec[], ranges: DayRange[]): Promise<IndexRun> {
  const filters: FilterState = emptyFilters();
  const settings = defaultSettings();
  const plan = planIndex({ filters, settings, views });
  const buildTimes = await page.evaluate((s) => globalThis.__workbenchBench!.runSequence(s), [...plan.statements, keysSql(plan)].map(statement));
  const buildMs = buildTimes.reduce((a, b) => a + b, 0);
  const keys = keyDictionary((await rows(page, keysSql(plan))) as never);
  let indexRows = 0;
  for (const table of plan.tables.filter((t) => !t.endsWith('_rows'))) {
    indexRows += Number((await rows(page, sql`SELECT count(*) AS n FROM ${ident(table)}`))[0].n);
  }
  const step = (r: DayRange) => stepSql(plan, effectiveRange(filters, r));

  // Correctness first, on three steps of the drag; the JS finalisation is timed on them.
  let checked = 0;
  const finaliseMs: number[] = [];
  for (const r of [ranges[0], ranges[Math.floor(ranges.length / 2)], ranges[ranges.length - 1]]) {
    const stepRows = await rows(page, step(r));
    const t0 = performance.now();
    const got = readStep(plan, keys, views, effectiveRange(filters, r), stepRows as never);
    finaliseMs.push(performance.now() - t0);
    for (const v of views) {
      const want = await rows(page, exactViewQuery(v, { ...filters, ...r }, settings));
      checked += compareRows(v.name, got[v.name], want, plan.binHours);
    }
  }

  await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), [[statement(step(ranges[0]))]]);
  const timed = await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), ranges.map((r) => [statement(step(r))]));
  await page.evaluate((s) => globalThis.__workbenchBench!.runSequence(s), plan.tables.map((t) => statement(sql`DROP TABLE IF EXISTS ${ident(t)}`)));
  return { label, indexRows, buildMs, times: timed.times, finaliseMs, longestTaskMs: timed.longestTaskMs, longTasks: timed.longTasks, checked };
}

export async function benchBrush(): Promise<BrushResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(builtSiteUrl('#/?bench=1'));
    await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
    const scale = scaleTicketsSql();
    await page.evaluate((s) => globalThis.__workbenchBench!.runSequence([s]), statement(scale));
    const tickets = Number((await rows(page, sql`SELECT count(*) AS n FROM ${ident('tickets')}`))[0].n);
    const ranges = dragRanges(STEPS);

    const runs = [
      await benchIndex(page, 'pre-aggregated', TICKET_BRUSH_VIEWS, ranges),
      await benchIndex(page, '  + percentiles per group', WITH_GROUP_PERCENTILES, ranges),
    ];

    // The naive re-query: the page's views straight from `tickets`, with the brush as from/to.
    const filters: FilterState = emptyFilters();
    const settings = defaultSettings();
    const naiveStep = (r: DayRange) => TICKET_BRUSH_VIEWS.map((v) => statement(exactViewQuery(v, { ...filters, ...r }, settings)));
    await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), [naiveStep(ranges[0])]);
    const naiveRanges = ranges.filter((_, i) => i % NAIVE_EVERY === 0);
    const naive = await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), naiveRanges.map(naiveStep));
    return { tickets, naive: naive.times, naiveLongestTaskMs: naive.longestTaskMs, runs };
  } finally {
    await browser.close();
  }
}

export function reportBrush(r: BrushResult): string[] {
  const p50 = (xs: number[]) => median(xs);
  const p95 = (xs: number[]) => quantile(xs, 0.95);
  const line = (label: string, xs: number[]) =>
    `  ${label.padEnd(26)} ${String(xs.length).padStart(3)} steps  p50 ${fmtMs(p50(xs)).padStart(9)}  p95 ${fmtMs(p95(xs)).padStart(9)}`;
  const lines = [
    `brush at ${r.tickets.toLocaleString('en')} tickets: all ${TICKET_BRUSH_VIEWS.length} linked views per brush step, DuckDB-WASM in Chromium (file://), worker round trip + Arrow decode + rows`,
    line('naive re-query', r.naive),
  ];
  for (const run of r.runs) {
    lines.push(line(run.label, run.times));
    lines.push(`    naive / this             p50 ${fmtRatio(p50(r.naive) / p50(run.times)).padStart(9)}  p95 ${fmtRatio(p95(r.naive) / p95(run.times)).padStart(9)}`);
    lines.push(`    build ${fmtMs(run.buildMs)} (= ${fmtRatio(run.buildMs / p50(r.naive))} one naive step), ${run.indexRows.toLocaleString('en')} index rows; rows → views in JS ${fmtMs(median(run.finaliseMs))}`);
    lines.push(`    main-thread long tasks while brushing: ${run.longTasks} (longest ${fmtMs(run.longestTaskMs)}); index = exact on 3 steps: ${run.checked} cells`);
  }
  lines.push(`  naive main-thread longest task ${fmtMs(r.naiveLongestTaskMs)}`);
  return lines;
}
