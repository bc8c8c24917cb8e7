// (f) Jumping in #/tickets' record list at 1.02M sorted rows, in the real page (file://, Chromium,
// DuckDB-WASM): the scrollbar set to random places, timed until the rows there are on screen.
// The list reads deep windows from its ordered copy (src/lib/records/ordered-copy.ts); side by
// side in the same page, the alternatives it was chosen over, as SQL from the same builders:
// LIMIT/OFFSET (what every window did before) and a row-number index of keys joined back.
import type { Page } from '@playwright/test';
import { listColumns, orderedCopyQuery, orderedWindowQuery, orderBy, recordWindowQuery, type RecordQuery, type RecordSort } from '../src/lib/records';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { ident, join, sql, trusted, type SqlFragment } from '../src/lib/sql';
import { scaleTicketsStatements } from './brush';
import { builtSiteUrl, launch } from './support/browser';
import { fmtMs, median, quantile } from './support/stats';

const JUMPS = Number(process.env.BENCH_RECORD_JUMPS ?? 30);
const OFFSET_JUMPS = Number(process.env.BENCH_RECORD_OFFSET_JUMPS ?? 4);
const WINDOW = 300;
const GOAL_P95_MS = 100;

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

/** Seeded places along the list, so every run jumps to the same rows. */
function places(count: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}

// Injected as text: scroll the list to a fraction of its length, resolve with the ms until the rows
// at that place are shown (none of them pending), and their first index.
const JUMP = `globalThis.__recordJump = (fraction) => new Promise((resolve, reject) => {
  const table = document.querySelector('[data-testid="record-table"]');
  const viewport = table.querySelector('.viewport');
  const count = Number(table.dataset.count);
  const target = Math.floor(fraction * count);
  const t0 = performance.now();
  viewport.scrollTop = fraction * (viewport.scrollHeight - viewport.clientHeight);
  const check = () => {
    const rows = [...viewport.querySelectorAll('[data-testid="record-row"]')];
    const pending = viewport.querySelectorAll('[data-testid="record-row-pending"]').length;
    const first = rows.length ? Number(rows[0].dataset.index) : -1;
    if (pending === 0 && rows.length > 0 && Math.abs(first - target) < 200) return resolve({ ms: performance.now() - t0, first });
    if (performance.now() - t0 > 120000) return reject(new Error('rows did not arrive'));
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

interface SortRun {
  label: string;
  /** The first deep jump of the order: LIMIT/OFFSET, the copy's build starting behind it. */
  firstJumpMs: number;
  /** From that jump until the list's ordered copy was built. */
  copyReadyMs: number;
  jumps: number[];
}

interface RecordsResult {
  rows: number;
  runs: SortRun[];
  offset: number[];
  keyJoin: number[];
  keyJoinBuildMs: number;
  copyWindow: number[];
  copyBuildMs: number;
  copyMiB: number;
  checked: number;
}

async function jump(page: Page, fraction: number): Promise<number> {
  const { ms } = (await page.evaluate(`__recordJump(${fraction})`)) as { ms: number };
  return ms;
}

async function jumps(page: Page, label: string, seed: number): Promise<SortRun> {
  const t0 = Date.now();
  const firstJumpMs = await jump(page, 0.5);
  await page.waitForFunction(() => document.querySelector('[data-testid="record-table"]')?.getAttribute('data-copy') === 'ready', null, { timeout: 600_000 });
  const copyReadyMs = Date.now() - t0;
  const times: number[] = [];
  for (const f of places(JUMPS, seed)) times.push(await jump(page, f));
  return { label, firstJumpMs, copyReadyMs, jumps: times };
}

async function rows(page: Page, q: SqlFragment): Promise<Record<string, unknown>[]> {
  return page.evaluate((s) => globalThis.__workbenchBench!.queryRows(s.sql, s.params), statement(q));
}

async function timed(page: Page, q: SqlFragment): Promise<number> {
  return (await page.evaluate((s) => globalThis.__workbenchBench!.runSequence([s]), statement(q)))[0];
}

const mib = async (page: Page) => Number((await rows(page, sql`SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()`))[0].b) / 2 ** 20;

export async function benchRecords(): Promise<RecordsResult> {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(builtSiteUrl('#/tickets?bench=1'));
    await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
    await page.evaluate((s) => globalThis.__workbenchBench!.runSequence(s), scaleTicketsStatements());
    const total = Number((await rows(page, sql`SELECT count(*) AS n FROM ${ident('tickets')}`))[0].n);
    await page.evaluate(() => globalThis.__workbenchBench!.dataChanged());
    await page.waitForFunction((n) => document.querySelector('[data-testid="record-table"]')?.getAttribute('data-count') === String(n), total, { timeout: 600_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="record-row"]')?.getAttribute('data-index') === '0', null, { timeout: 600_000 });
    // The page's own background work (the brush index over the new tickets) is done: the jumps have the engine to themselves.
    await page.waitForFunction(() => document.querySelector('[data-testid="ticket-linked"]')?.getAttribute('data-index') === 'ready', null, { timeout: 600_000 });
    await page.evaluate(JUMP);

    const runs = [await jumps(page, 'newest first (the default)', 1)];
    await page.getByTestId('record-sort-township').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="record-row"]')?.getAttribute('data-index') === '0', null, { timeout: 600_000 });
    runs.push(await jumps(page, 'by township (many ties)', 2));

    // The alternatives, as SQL, in the same page and engine, over every ticket in the township order.
    const q: RecordQuery = { table: 'tickets', where: trusted('TRUE'), search: '', showPersonal: false };
    const sort: RecordSort = { column: 'township', direction: 'asc' };
    const at = (f: number) => Math.floor(f * (total - WINDOW));
    const offset: number[] = [];
    for (const f of places(OFFSET_JUMPS, 3)) offset.push(await timed(page, recordWindowQuery(q, sort, at(f), WINDOW)));

    const index = 'bench_key_index';
    const columns = listColumns('tickets').map((c) => sql`t.${ident(c.name)}`);
    const keyJoinBuildMs = await timed(
      page,
      sql`CREATE OR REPLACE TEMP TABLE ${ident(index)} AS SELECT (row_number() OVER (ORDER BY ${orderBy('tickets', sort)}) - 1)::INTEGER AS rn, ${ident('ticket_id')} AS id FROM ${ident('tickets')} ORDER BY rn`,
    );
    const keyJoin: number[] = [];
    for (const f of places(JUMPS, 4)) {
      const k = at(f);
      keyJoin.push(
        await timed(
          page,
          sql`SELECT ${join(columns, ', ')} FROM ${ident(index)} i JOIN ${ident('tickets')} t ON t.${ident('ticket_id')} = i.id WHERE i.rn >= ${trusted(String(k))} AND i.rn < ${trusted(String(k + WINDOW))} ORDER BY i.rn`,
        ),
      );
    }
    await timed(page, sql`DROP TABLE ${ident(index)}`);

    const copy = 'bench_ordered_copy';
    const before = await mib(page);
    const copyBuildMs = await timed(page, orderedCopyQuery(copy, q, sort));
    const copyMiB = (await mib(page)) - before;
    const copyWindow: number[] = [];
    for (const f of places(JUMPS, 4)) copyWindow.push(await timed(page, orderedWindowQuery(copy, 'tickets', at(f), WINDOW)));
    // The copy's windows are LIMIT/OFFSET's windows, row for row.
    let checked = 0;
    for (const f of places(2, 5)) {
      const want = (await rows(page, recordWindowQuery(q, sort, at(f), WINDOW))).map((r) => r.ticket_id);
      const got = (await rows(page, orderedWindowQuery(copy, 'tickets', at(f), WINDOW))).map((r) => r.ticket_id);
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`the ordered copy's window at ${at(f)} differs from LIMIT/OFFSET's`);
      checked += got.length;
    }
    await timed(page, sql`DROP TABLE ${ident(copy)}`);
    return { rows: total, runs, offset, keyJoin, keyJoinBuildMs, copyWindow, copyBuildMs, copyMiB, checked };
  } finally {
    await browser.close();
  }
}

export function reportRecords(r: RecordsResult): string[] {
  const p50 = (xs: number[]) => median(xs);
  const p95 = (xs: number[]) => quantile(xs, 0.95);
  const line = (label: string, xs: number[], goal = '') =>
    `  ${label.padEnd(46)} ${String(xs.length).padStart(3)} jumps  p50 ${fmtMs(p50(xs)).padStart(9)}  p95 ${fmtMs(p95(xs)).padStart(9)}${goal}`;
  const goal = (xs: number[]) => `   goal p95 \u2264 ${GOAL_P95_MS} ms: ${p95(xs) <= GOAL_P95_MS ? 'met' : 'NOT MET'}`;
  const out = [`record list at ${r.rows.toLocaleString('en')} tickets: #/tickets from file://, scrollbar jumps to random rows until they are on screen (${WINDOW}-row windows)`];
  for (const run of r.runs) {
    out.push(line(`the page, ${run.label}`, run.jumps, goal(run.jumps)));
    out.push(`    first deep jump of the order (LIMIT/OFFSET): ${fmtMs(run.firstJumpMs)}; the ordered copy built behind it, ready ${fmtMs(run.copyReadyMs)} after that jump`);
  }
  out.push('  alternatives side by side, the window query alone (township order):');
  out.push(line('LIMIT/OFFSET (every window before)', r.offset));
  out.push(line(`row-number index + join on key (build ${fmtMs(r.keyJoinBuildMs)})`, r.keyJoin));
  out.push(line(`ordered copy, rowid range (build ${fmtMs(r.copyBuildMs)})`, r.copyWindow));
  out.push(`    ordered copy: +${r.copyMiB.toFixed(0)} MiB in DuckDB; its windows = LIMIT/OFFSET's on ${r.checked} rows`);
  return out;
}
