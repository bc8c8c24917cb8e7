// (e) Brushing #/tickets at 1.02M tickets, inside the real page (file://, Chromium, DuckDB-WASM in
// the worker): the page's own brush index, built by the page over the page's views, answers
// brush steps; the naive alternative re-runs the same views' exact queries (ticketViewQuery, the
// SQL the page runs without an index) with the brush as the period. Side by side, the index held
// in the page (sums + each view's rows, what the page runs) and the same index asked by one step
// query per brush step (query + Arrow decode + rows), the design it replaced. Then three real
// 40-step drags with the mouse on the volume chart, counting main-thread tasks over 50 ms.
import type { Page } from '@playwright/test';
import { emptySelections } from '../src/lib/crossfilter';
import { addDays, emptyFilters } from '../src/lib/filters';
import { defaultSettings } from '../src/lib/metrics';
import type { DayRange } from '../src/lib/preagg';
import { TICKET_PAGE_BRUSH_VIEWS } from '../src/lib/dashboards/tickets';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { ident, sql, type SqlFragment } from '../src/lib/sql';
import { ticketViewQuery, type TicketView } from '../src/lib/dashboards/tickets';
import { builtSiteUrl, launch } from './support/browser';
import { replaceTicketsWithScaled } from './support/scale';
import { fmtMs, fmtRatio, median, quantile } from './support/stats';

const STEPS = Number(process.env.BENCH_BRUSH_STEPS ?? 120);
/** The naive re-query takes a second or so per step: it is timed on every NAIVE_EVERY-th step of the same drag. */
const NAIVE_EVERY = Number(process.env.BENCH_BRUSH_NAIVE_EVERY ?? 6);
const COPIES = 2;
const DRAG_STEPS = 40;
/** Between two mouse moves of a drag: one frame, as a hand moves the mouse. */
const MOVE_MS = 16;

const GOAL = { p95Ms: 1000 / 60, ratio: 50, longTasks: 0 } as const;

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

/** The sample's tickets plus COPIES shifted copies (≈ 1.02M rows) as the page's tickets table. */
export const scaleTicketsStatements = (): BenchStatement[] => replaceTicketsWithScaled(COPIES).map(statement);

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

/** The page's views that the index answers, by the page's names. */
const INDEXED_VIEWS = TICKET_PAGE_BRUSH_VIEWS.map((v) => v.name as TicketView);

/** The exact query of a page view with the brush on `range`, as the page builds it (no filters, default 口径). */
function exactQuery(view: TicketView, range: DayRange): SqlFragment {
  return ticketViewQuery(view, { filters: emptyFilters(), selections: { ...emptySelections(), time: range }, settings: defaultSettings() });
}

interface StepTimes {
  times: number[];
  longTasks: number;
  longestTaskMs: number;
}

interface DragResult {
  /** Tasks over 50 ms while the mouse moved, and from the release until the page settled. */
  moving: number[];
  release: number[];
  /** Frame intervals while the mouse moved (requestAnimationFrame timestamps). */
  frames: number[];
}

interface BrushResult {
  tickets: number;
  buildMs: number;
  heldRows: number;
  naive: StepTimes;
  held: StepTimes;
  query: StepTimes;
  checkedCells: number;
  drags: DragResult[];
}

const PERCENTILES = new Set(['median_closure_hours', 'p90_closure_hours']);

/** The index's rows against the exact rows: equal, percentiles within the index's 1 h bins. Returns the cells compared. */
function compareRows(view: string, got: Record<string, unknown>[], want: Record<string, unknown>[]): number {
  if (got.length !== want.length) throw new Error(`${view}: ${got.length} rows from the index, ${want.length} exact`);
  let cells = 0;
  want.forEach((w, i) => {
    for (const [id, value] of Object.entries(w)) {
      const g = got[i][id];
      const ok = PERCENTILES.has(id) && typeof value === 'number' ? typeof g === 'number' && Math.abs(g - value) < 1 : g === value;
      if (!ok) throw new Error(`${view} row ${i} ${id}: index ${String(g)}, exact ${String(value)}`);
      cells += 1;
    }
  });
  return cells;
}

async function exactRows(page: Page, q: SqlFragment): Promise<Record<string, unknown>[]> {
  return page.evaluate((s) => globalThis.__workbenchBench!.queryRows(s.sql, s.params), statement(q));
}

// Injected as text: the page records long tasks and animation frames for the drags.
const RECORDER = `(() => {
  const r = { long: [], frames: [], recording: false };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) r.long.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
  const frame = (t) => { if (r.recording) r.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  globalThis.__dragRecorder = r;
})()`;

async function now(page: Page): Promise<number> {
  return page.evaluate('performance.now()') as Promise<number>;
}

/** One drag of DRAG_STEPS mouse moves from x0 to x1 at the volume chart's mid-height, one frame apart. */
async function drag(page: Page, x0: number, x1: number, y: number): Promise<DragResult> {
  await page.mouse.move(x0, y);
  await page.evaluate('__dragRecorder.frames = []; __dragRecorder.recording = true');
  const start = await now(page);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / DRAG_STEPS, y);
    await page.waitForTimeout(MOVE_MS);
  }
  const released = await now(page);
  await page.evaluate('__dragRecorder.recording = false');
  await page.mouse.up();
  // Settled: the address holds the range, and nothing the release started is still running.
  await page.waitForFunction(() => location.hash.includes('sel_time='));
  await page.waitForTimeout(1500);
  const { long, frames } = (await page.evaluate('({ long: __dragRecorder.long, frames: __dragRecorder.frames })')) as { long: [number, number][]; frames: number[] };
  const within = (a: number, b: number) => long.filter(([t]) => t >= a && t < b).map(([, d]) => d);
  return {
    moving: within(start, released),
    release: within(released, Number.POSITIVE_INFINITY),
    frames: frames.slice(1).map((t, i) => t - frames[i]),
  };
}

/** Three drags on the volume chart: draw a brush, move it by its band, draw another. */
async function realDrags(page: Page): Promise<DragResult[]> {
  await page.evaluate(RECORDER);
  const box = (await page.getByTestId('chart-ticket-volume').locator('.brush .overlay').boundingBox())!;
  const at = (f: number) => box.x + box.width * f;
  const y = box.y + box.height / 2;
  const results: DragResult[] = [];
  results.push(await drag(page, at(0.1), at(0.45), y));
  await page.evaluate('__dragRecorder.long = []');
  results.push(await drag(page, at(0.275), at(0.6), y));
  await page.evaluate('__dragRecorder.long = []');
  results.push(await drag(page, at(0.95), at(0.55), y));
  return results;
}

export async function benchBrush(): Promise<BrushResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(builtSiteUrl('#/tickets?bench=1'));
    await page.waitForFunction(() => Boolean(globalThis.__workbenchBench && globalThis.__ticketBrushBench), null, { timeout: 180_000 });
    await page.evaluate((s) => globalThis.__workbenchBench!.runSequence(s), scaleTicketsStatements());
    const tickets = Number((await exactRows(page, sql`SELECT count(*) AS n FROM ${ident('tickets')}`))[0].n);
    await page.evaluate(() => globalThis.__workbenchBench!.dataChanged());
    // The page shows the new tickets, then builds its index over them in the background.
    await page.waitForFunction((n) => document.querySelector('[data-testid="metric-total"]')?.getAttribute('data-value') === String(n), tickets, { timeout: 600_000 });
    await page.waitForFunction(() => globalThis.__ticketBrushBench!.state().status === 'ready' && globalThis.__ticketBrushBench!.state().heldRows > 0, null, { timeout: 600_000 });
    const state = await page.evaluate(() => globalThis.__ticketBrushBench!.state());
    const ranges = dragRanges(STEPS);

    // Correctness first: every indexed view equals its exact query on three steps of the drag.
    let checkedCells = 0;
    for (const r of [ranges[0], ranges[Math.floor(ranges.length / 2)], ranges[ranges.length - 1]]) {
      const got = await page.evaluate((range) => globalThis.__ticketBrushBench!.rows(range), r);
      for (const view of INDEXED_VIEWS) checkedCells += compareRows(view, got[view], await exactRows(page, exactQuery(view, r)));
    }

    const time = (mode: 'held' | 'query') => page.evaluate(([rs, m]) => globalThis.__ticketBrushBench!.timeSteps(rs, m), [ranges, mode] as const);
    await time('held');
    const held = await time('held');
    await time('query');
    const query = await time('query');

    const naiveStep = (r: DayRange) => INDEXED_VIEWS.map((v) => statement(exactQuery(v, r)));
    await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), [naiveStep(ranges[0])]);
    const naive = await page.evaluate((s) => globalThis.__workbenchBench!.timeSteps(s), ranges.filter((_, i) => i % NAIVE_EVERY === 0).map(naiveStep));

    const drags = await realDrags(page);
    return { tickets, buildMs: state.buildMs ?? Number.NaN, heldRows: state.heldRows, naive, held, query, checkedCells, drags };
  } finally {
    await browser.close();
  }
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

export function reportBrush(r: BrushResult): string[] {
  const p50 = (xs: number[]) => median(xs);
  const p95 = (xs: number[]) => quantile(xs, 0.95);
  const line = (label: string, xs: number[], goal = '') =>
    `  ${label.padEnd(44)} ${String(xs.length).padStart(3)} steps  p50 ${fmtMs(p50(xs)).padStart(9)}  p95 ${fmtMs(p95(xs)).padStart(9)}${goal}`;
  const ratio = (xs: number[]) => p50(r.naive.times) / p50(xs);
  const longTasks = r.drags.reduce((s, d) => s + d.moving.length + d.release.length, 0);
  const longest = Math.max(0, ...r.drags.flatMap((d) => [...d.moving, ...d.release]));
  const frames = r.drags.flatMap((d) => d.frames);
  return [
    `brush at ${r.tickets.toLocaleString('en')} tickets: #/tickets from file://, its ${INDEXED_VIEWS.length} linked views per brush step (${INDEXED_VIEWS.join(', ')}), Chromium + DuckDB-WASM`,
    line('naive: the views\u2019 exact queries (worker, decode)', r.naive.times),
    line('index held in the page (sums + views\u2019 rows)', r.held.times, `   goal p95 \u2264 ${fmtMs(GOAL.p95Ms)}: ${met(p95(r.held.times) <= GOAL.p95Ms)}`),
    `    naive / index (p50s)                       ${fmtRatio(ratio(r.held.times)).padStart(9)}                     goal \u2265 ${GOAL.ratio}\u00d7: ${met(ratio(r.held.times) >= GOAL.ratio)}`,
    line('alternative: one step query per step', r.query.times),
    `    naive / step query (p50s)                  ${fmtRatio(ratio(r.query.times)).padStart(9)}`,
    `    index build ${fmtMs(r.buildMs)} in the page (= ${fmtRatio(r.buildMs / p50(r.naive.times))} one naive step), ${r.heldRows.toLocaleString('en')} partial rows held; index = exact on 3 steps: ${r.checkedCells} cells`,
    `    long tasks while stepping: held ${r.held.longTasks}, step query ${r.query.longTasks}, naive ${r.naive.longTasks}`,
    `  3 real ${DRAG_STEPS}-step drags on the volume chart (mouse, one move per ${MOVE_MS} ms): main-thread tasks > 50 ms: ${longTasks}   goal ${GOAL.longTasks}: ${met(longTasks <= GOAL.longTasks)}`,
    `    per drag (moving + release): ${r.drags.map((d) => `${d.moving.length} + ${d.release.length}`).join(', ')}; longest ${fmtMs(longest)}; frame interval while moving p50 ${fmtMs(p50(frames))}, p95 ${fmtMs(p95(frames))}`,
  ];
}
