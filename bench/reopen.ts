// (b) Reopening with the user's own data: a profile holding 1,020,000 stored tickets (the sample's
// ×3, shifted) is reopened from file://; navigation → first figure against DuckDB-WASM's
// instantiation in the same load, with the restore's steps. The stored forms are measured
// alternately in the same run and profile (VARIANTS; BENCH_REOPEN_FORMATS picks some): Arrow IPC
// pieces (the oldest), the database file in byte pieces (written before), and the database file in
// Blob pieces (what the workbench writes: attached over the pieces, read in the background, a window
// read on demand when DuckDB needs it first). BENCH_REOPEN_BASE=<another build directory> adds that
// build's own write and restore as one more variant (e.g. main's, for a before/after in one load).
import { freshContext, builtSiteUrl } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';
import { readSteps, stepLines, watchFirstFigure, type OpenSteps } from './open';
import { scaledTicketsSelect } from './support/scale';
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { sql, type SqlFragment } from '../src/lib/sql';

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

type Format = 'arrow' | 'duckdb' | 'duckdb-bytes';

/**
 * One way of storing and restoring the tickets. The variants are measured alternately in one
 * profile (every file:// page shares one IndexedDB, so another build's page can write the record
 * this build reads): before each reload the variant's page writes its record.
 */
interface Variant {
  key: string;
  label: string;
  format: Format;
  /** The build whose page writes and restores it (default BUILD_DIR). */
  buildDir?: string;
}

const VARIANTS: Variant[] = [
  { key: 'arrow', label: 'Arrow IPC pieces (written before the database file; still restored)', format: 'arrow' },
  { key: 'bytes', label: 'database file in byte pieces (written before; read whole, attached over the pieces)', format: 'duckdb-bytes' },
  { key: 'duckdb', label: 'database file in Blob pieces, read on demand (what the workbench writes)', format: 'duckdb' },
];

interface RestoreDetail {
  ms: number;
  readMs: number;
  loadMs: number;
  format: 'arrow' | 'duckdb';
}

interface LazyReads {
  piecesLoaded: number;
  sliceReads: number;
  sliceBytes: number;
  sliceMs: number;
}

export interface FormatResult {
  variant: Variant;
  storedBytes: number;
  persistMs: number[];
  steps: OpenSteps[];
  restores: RestoreDetail[];
  /** Engine open → the tickets copied into memory (the database file only; background). */
  inMemoryMs: number[];
  /** Engine open → the worker began restoring the tickets; and → it had the file's pieces from IndexedDB (database file only). */
  restoreStartMs: number[];
  prefetchedMs: number[];
  /** Engine open → the worker began fetching the pieces (negative: while DuckDB compiled); the slowest piece's IndexedDB get (they run at once). */
  prefetchStartMs: number[];
  pieceMs: number[];
  /** Engine open → every Blob piece read into memory in the background. */
  loadedMs: number[];
  /** Blob slices read by the time the page's bench hook answered after the first figure, and by the copy's end. */
  firstReads: LazyReads[];
  allReads: LazyReads[];
}

export interface ReopenResult {
  rows: number;
  formats: FormatResult[];
}

type WorkerMark = { name: string; startTime: number; detail?: unknown };

async function waitForWorkerMark(page: Page, name: string, timeoutMs: number): Promise<WorkerMark | null> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const marks = await page.evaluate(() => globalThis.__workbenchBench?.workerMarks() ?? Promise.resolve([]));
    const found = marks.find((m) => m.name === name);
    if (found) return found;
    await page.waitForTimeout(200);
  }
  return null;
}

function siteUrl(variant: Variant): string {
  return variant.buildDir ? `${pathToFileURL(resolve(variant.buildDir, 'index.html')).href}#/?bench=1` : builtSiteUrl('#/?bench=1');
}

async function persist(page: Page, rows: number, format: Format): Promise<{ bytes: number; ms: number }> {
  return page.evaluate(({ n, f }) => globalThis.__workbenchBench!.persistTable('tickets', n, f as 'duckdb'), { n: rows, f: format });
}

async function openBuild(page: Page, variant: Variant): Promise<void> {
  await page.goto(siteUrl(variant));
  await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
}

/**
 * Write the variant's record from a page of its own build, which holds the tickets (the setup's,
 * or the previous reopen's). Another build's page is opened first when needed; it restores what is
 * stored, so the record left for it must be one it reads: the base build is left byte pieces.
 */
async function store(page: Page, variant: Variant, rows: number, from: string | undefined, result: FormatResult): Promise<void> {
  if (variant.buildDir !== from) {
    if (variant.buildDir) await persist(page, rows, 'duckdb-bytes');
    await openBuild(page, variant);
  }
  const saved = await persist(page, rows, variant.format);
  result.storedBytes = saved.bytes;
  result.persistMs.push(saved.ms);
}

async function reopenOnce(page: Page, variant: Variant, rows: number, result: FormatResult): Promise<void> {
  await page.reload();
  result.steps.push(await readSteps(page, 'workbench:first-table-restored'));
  const detail = await page.evaluate(() => (performance.getEntriesByName('workbench:first-table-restored')[0] as PerformanceMark).detail as RestoreDetail);
  const expected = variant.format === 'arrow' ? 'arrow' : 'duckdb';
  if (detail.format !== expected) throw new Error(`reopen: stored ${expected}, restored ${detail.format}`);
  result.restores.push(detail);
  const source = await page.getByTestId('dataset-badge').getAttribute('data-source');
  if (source !== 'user') throw new Error(`reopen: expected the stored tickets, the page shows ${source}`);
  await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 180_000 });
  const first = await page.evaluate(() => globalThis.__workbenchBench!.lazyReads?.('tickets') ?? Promise.resolve(null));
  if (first) result.firstReads.push(first);
  const engineOpen = result.steps.at(-1)?.engine ?? Number.NaN;
  const at = (m: WorkerMark | null) => (m ? m.startTime - engineOpen : Number.NaN);
  result.restoreStartMs.push(at(await waitForWorkerMark(page, 'engine:restore-start:tickets', 10_000)));
  if (variant.format !== 'arrow') {
    const prefetched = await waitForWorkerMark(page, 'engine:prefetched:tickets', 10_000);
    result.prefetchedMs.push(at(prefetched));
    const pieceMs = (prefetched?.detail as { pieceMs?: number[] } | undefined)?.pieceMs;
    if (pieceMs?.length) result.pieceMs.push(Math.max(...pieceMs));
    const start = await waitForWorkerMark(page, 'engine:prefetch-start:tickets', 1_000);
    if (start) result.prefetchStartMs.push(at(start));
    if (variant.format === 'duckdb' && !variant.buildDir) result.loadedMs.push(at(await waitForWorkerMark(page, 'engine:stored-loaded:tickets', 180_000)));
    const inMemory = await waitForWorkerMark(page, 'engine:stored-in-memory:tickets', 180_000);
    result.inMemoryMs.push(at(inMemory));
    const all = (inMemory?.detail as { reads?: LazyReads | null } | undefined)?.reads;
    if (all) result.allReads.push(all);
  }
  const n = Number((await page.evaluate(() => globalThis.__workbenchBench!.queryRows('SELECT count(*)::INTEGER AS n FROM tickets', [])))[0].n);
  if (n !== rows) throw new Error(`reopen: ${n} tickets restored, ${rows} stored`);
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
    // BENCH_REOPEN_FORMATS=bytes,duckdb picks variants; BENCH_REOPEN_BASE=<another build> adds that
    // build's own record and restore (e.g. main's) as a variant measured alongside.
    const only = process.env.BENCH_REOPEN_FORMATS?.split(',');
    const variants = VARIANTS.filter((v) => !only || only.includes(v.key));
    const base = process.env.BENCH_REOPEN_BASE;
    if (base) variants.unshift({ key: 'base', label: `as the build in ${base} stores and restores it`, format: 'duckdb', buildDir: base });
    const results = variants.map((variant): FormatResult => ({ variant, storedBytes: 0, persistMs: [], steps: [], restores: [], inMemoryMs: [], restoreStartMs: [], prefetchedMs: [], prefetchStartMs: [], pieceMs: [], loadedMs: [], firstReads: [], allReads: [] }));
    // Alternating: each round reopens every variant once, so a change of load hits them all alike.
    let build: string | undefined;
    for (let i = 0; i < runs; i++) {
      for (const result of results) {
        await store(page, result.variant, rows, build, result);
        build = result.variant.buildDir;
        await reopenOnce(page, result.variant, rows, result);
      }
    }
    return { rows, formats: results };
  } finally {
    await close();
  }
}

export function reportReopen(r: ReopenResult): string[] {
  const lines = [`reopen with ${r.rows.toLocaleString('en')} stored tickets (file://, same profile, ${r.formats[0]?.steps.length ?? 0} reloads per form, alternating, medians)`];
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  for (const f of r.formats) {
    const m = (get: (d: RestoreDetail) => number) => median(f.restores.map(get));
    const ratio = median(f.steps.map((s) => s.first)) / median(f.steps.map((s) => s.instantiate));
    const reads = (all: LazyReads[], when: string) =>
      all.length
        ? [`    ${when}: ${median(all.map((x) => x.piecesLoaded))} pieces read whole in the background; windows read on demand ${median(all.map((x) => x.sliceReads))}, ${mb(median(all.map((x) => x.sliceBytes)))} in ${fmtMs(median(all.map((x) => x.sliceMs)))}`]
        : [];
    lines.push(
      `  ${f.variant.label}`,
      `    stored: ${mb(f.storedBytes)} in IndexedDB, written in ${fmtMs(median(f.persistMs))} after the import`,
      ...stepLines(f.steps, 'stored tickets restored').map((l) => `  ${l}`),
      `    restore ${fmtMs(m((d) => d.ms))}: IndexedDB ${fmtMs(m((d) => d.readMs))}, ${f.variant.format === 'arrow' ? 'Arrow insert' : 'attach + bind'} ${fmtMs(m((d) => d.loadMs))}`,
      `    after the engine opened: the worker began the restore at +${fmtMs(median(f.restoreStartMs))}${f.prefetchedMs.length ? `, having the file's pieces from IndexedDB (started while DuckDB compiled) by +${fmtMs(median(f.prefetchedMs))}` : ''}`,
      ...(f.pieceMs.length ? [`    pieces fetched from +${fmtMs(median(f.prefetchStartMs))}; the slowest piece's get (all at once) ${fmtMs(median(f.pieceMs))}`] : []),
      ...reads(f.firstReads, 'by the first figure'),
      ...reads(f.allReads, 'by the end of the copy'),
      ...(f.loadedMs.length ? [`    every Blob piece in memory ${fmtMs(median(f.loadedMs))} after the engine opened`] : []),
      ...(f.inMemoryMs.length ? [`    (copied into memory in the background ${fmtMs(median(f.inMemoryMs))} after the engine opened)`] : []),
      `    first figure / instantiate        ${fmtRatio(ratio)}${f.variant.key === 'duckdb' ? `   goal ≤ 2.50×  ${ratio <= 2.5 ? 'met' : 'NOT MET'}` : ''}`,
    );
  }
  const current = r.formats.find((f) => f.variant.key === 'duckdb');
  if (current) {
    const first = (f: FormatResult) => median(f.steps.map((s) => s.first - s.engine));
    for (const other of r.formats.filter((f) => f !== current)) {
      lines.push(`  engine open → first figure, Blob pieces against ${other.variant.key}: ${fmtRatio(first(current) / first(other))} (${fmtMs(first(current))} vs ${fmtMs(first(other))})`);
    }
  }
  return lines;
}
