// (b) Reopening with the user's own data: a profile holding 1,020,000 stored tickets (the
// sample's ×3, shifted) is reopened from file://; navigation → first figure against DuckDB-WASM's
// instantiation in the same load, with the restore's steps. Both stored forms are measured in the
// same run and profile: the Arrow IPC pieces the workbench wrote before, then the DuckDB database
// file it writes now (attached read-only at reopen, copied into memory in the background).
import { freshContext, builtSiteUrl } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';
import { readSteps, stepLines, watchFirstFigure, type OpenSteps } from './open';
import { scaledTicketsSelect } from './support/scale';
import type { Page } from '@playwright/test';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { sql, type SqlFragment } from '../src/lib/sql';

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

type Format = 'arrow' | 'duckdb';

interface RestoreDetail {
  ms: number;
  readMs: number;
  loadMs: number;
  format: Format;
}

export interface FormatResult {
  format: Format;
  storedBytes: number;
  persistMs: number;
  steps: OpenSteps[];
  restores: RestoreDetail[];
  /** Engine open → the tickets copied into memory (the database file only; background). */
  inMemoryMs: number[];
  /** Engine open → the worker began restoring the tickets; and → it had them read from IndexedDB early (database file only). */
  restoreStartMs: number[];
  prefetchedMs: number[];
}

export interface ReopenResult {
  rows: number;
  formats: FormatResult[];
}

async function waitForWorkerMark(page: Page, name: string, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const marks = await page.evaluate(() => globalThis.__workbenchBench?.workerMarks() ?? Promise.resolve([]));
    const found = marks.find((m) => m.name === name);
    if (found) return found.startTime;
    await page.waitForTimeout(200);
  }
  return Number.NaN;
}

async function reopen(page: Page, format: Format, rows: number, runs: number): Promise<FormatResult> {
  const saved = await page.evaluate(({ n, f }) => globalThis.__workbenchBench!.persistTable('tickets', n, f), { n: rows, f: format });
  const result: FormatResult = { format, storedBytes: saved.bytes, persistMs: saved.ms, steps: [], restores: [], inMemoryMs: [], restoreStartMs: [], prefetchedMs: [] };
  for (let i = 0; i < runs; i++) {
    await page.reload();
    result.steps.push(await readSteps(page, 'workbench:first-table-restored'));
    const detail = await page.evaluate(() => (performance.getEntriesByName('workbench:first-table-restored')[0] as PerformanceMark).detail as RestoreDetail);
    if (detail.format !== format) throw new Error(`reopen: stored ${format}, restored ${detail.format}`);
    result.restores.push(detail);
    const source = await page.getByTestId('dataset-badge').getAttribute('data-source');
    if (source !== 'user') throw new Error(`reopen: expected the stored tickets, the page shows ${source}`);
    await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
    const engineOpen = result.steps.at(-1)?.engine ?? Number.NaN;
    result.restoreStartMs.push((await waitForWorkerMark(page, 'engine:restore-start:tickets', 10_000)) - engineOpen);
    if (format === 'duckdb') {
      result.prefetchedMs.push((await waitForWorkerMark(page, 'engine:prefetched:tickets', 10_000)) - engineOpen);
      const inMemory = await waitForWorkerMark(page, 'engine:stored-in-memory:tickets', 180_000);
      result.inMemoryMs.push(inMemory - engineOpen);
    }
    const n = Number((await page.evaluate(() => globalThis.__workbenchBench!.queryRows('SELECT count(*)::INTEGER AS n FROM tickets', [])))[0].n);
    if (n !== rows) throw new Error(`reopen: ${n} tickets restored, ${rows} stored`);
  }
  return result;
}

export async function benchReopen(runs: number, copies = Number(process.env.BENCH_REOPEN_COPIES ?? 2)): Promise<ReopenResult> {
  const { context, close } = await freshContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await watchFirstFigure(page);
    await page.goto(builtSiteUrl('#/?bench=1'));
    await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
    // The sample's tickets view becomes a stored table of the user's.
    await page.evaluate(
      (statements) => globalThis.__workbenchBench!.runSequence(statements),
      [
        statement(sql`CREATE TEMP TABLE __scaled AS ${scaledTicketsSelect('tickets', copies)}`),
        { sql: 'DROP VIEW tickets', params: [] },
        { sql: 'CREATE TABLE tickets AS SELECT * FROM __scaled', params: [] },
        { sql: 'DROP TABLE __scaled', params: [] },
      ],
    );
    const rows = Number((await page.evaluate(() => globalThis.__workbenchBench!.queryRows('SELECT count(*)::INTEGER AS n FROM tickets', [])))[0].n);
    const formats: FormatResult[] = [];
    // The older form first, then the current one, in the same profile.
    const only = process.env.BENCH_REOPEN_FORMATS?.split(',');
    for (const format of ['arrow', 'duckdb'] as const) if (!only || only.includes(format)) formats.push(await reopen(page, format, rows, runs));
    return { rows, formats };
  } finally {
    await close();
  }
}

export function reportReopen(r: ReopenResult): string[] {
  const lines = [`reopen with ${r.rows.toLocaleString('en')} stored tickets (file://, same profile, ${r.formats[0]?.steps.length ?? 0} reloads per form, medians)`];
  const ratios = new Map<Format, number>();
  for (const f of r.formats) {
    const m = (get: (d: RestoreDetail) => number) => median(f.restores.map(get));
    const ratio = median(f.steps.map((s) => s.first)) / median(f.steps.map((s) => s.instantiate));
    ratios.set(f.format, ratio);
    lines.push(
      f.format === 'duckdb' ? '  stored as a DuckDB database file (what the workbench writes)' : '  stored as Arrow IPC pieces (what it wrote before; still restored)',
      `    stored: ${(f.storedBytes / 1e6).toFixed(1)} MB in IndexedDB, written in ${fmtMs(f.persistMs)} after the import`,
      ...stepLines(f.steps, 'stored tickets restored').map((l) => `  ${l}`),
      `    restore ${fmtMs(m((d) => d.ms))}: IndexedDB read ${fmtMs(m((d) => d.readMs))}, ${f.format === 'duckdb' ? 'attach + bind' : 'Arrow insert'} ${fmtMs(m((d) => d.loadMs))}`,
      `    after the engine opened: the worker began the restore at +${fmtMs(median(f.restoreStartMs))}${f.prefetchedMs.length ? `, having read the file from IndexedDB (started while DuckDB compiled) by +${fmtMs(median(f.prefetchedMs))}` : ''}`,
      ...(f.inMemoryMs.length ? [`    (copied into memory in the background ${fmtMs(median(f.inMemoryMs))} after the engine opened)`] : []),
      `    first figure / instantiate        ${fmtRatio(ratio)}${f.format === 'duckdb' ? `   goal ≤ 2.50×  ${ratio <= 2.5 ? 'met' : 'NOT MET'}` : ''}`,
    );
  }
  const [arrow, duckdb] = [r.formats.find((f) => f.format === 'arrow'), r.formats.find((f) => f.format === 'duckdb')];
  if (arrow && duckdb) {
    const restore = (f: FormatResult) => median(f.restores.map((d) => d.ms));
    lines.push(
      `  database file against Arrow pieces: bytes ${fmtRatio(duckdb.storedBytes / arrow.storedBytes)}, write ${fmtRatio(duckdb.persistMs / arrow.persistMs)}, restore ${fmtRatio(restore(duckdb) / restore(arrow))}, first-figure ratio ${fmtRatio(ratios.get('duckdb')!)} vs ${fmtRatio(ratios.get('arrow')!)}`,
    );
  }
  return lines;
}
