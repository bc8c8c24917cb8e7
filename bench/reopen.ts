// (b) Reopening with the user's own data: a profile holding 1,020,000 stored tickets (the
// sample's ×3, shifted) is reopened from file://; navigation → first figure against DuckDB-WASM's
// instantiation in the same load, with the restore's steps.
import { freshContext, builtSiteUrl } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';
import { readSteps, stepLines, watchFirstFigure, type OpenSteps } from './open';
import { scaledTicketsSelect } from './support/scale';
import type { BenchStatement } from '../src/lib/engine/bench-hook';
import { sql, type SqlFragment } from '../src/lib/sql';

const statement = (q: SqlFragment): BenchStatement => ({ sql: q.text, params: [...q.params] });

export interface ReopenResult {
  rows: number;
  storedBytes: number;
  persistMs: number;
  steps: OpenSteps[];
  restoreMs: number[];
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
    const saved = await page.evaluate((n) => globalThis.__workbenchBench!.persistTable('tickets', n), rows);
    const result: ReopenResult = { rows, storedBytes: saved.bytes, persistMs: saved.ms, steps: [], restoreMs: [] };
    for (let i = 0; i < runs; i++) {
      await page.reload();
      result.steps.push(await readSteps(page, 'workbench:first-table-restored'));
      result.restoreMs.push(
        await page.evaluate(() => ((performance.getEntriesByName('workbench:first-table-restored')[0] as PerformanceMark).detail as { ms: number }).ms),
      );
      const source = await page.getByTestId('dataset-badge').getAttribute('data-source');
      if (source !== 'user') throw new Error(`reopen: expected the stored tickets, the page shows ${source}`);
    }
    return result;
  } finally {
    await close();
  }
}

export function reportReopen(r: ReopenResult): string[] {
  const first = median(r.steps.map((s) => s.first));
  const inst = median(r.steps.map((s) => s.instantiate));
  const ratio = first / inst;
  return [
    `reopen with ${r.rows.toLocaleString('en')} stored tickets (file://, same profile, ${r.steps.length} reloads, medians)`,
    `  stored: ${(r.storedBytes / 1e6).toFixed(0)} MB of Arrow pieces in IndexedDB, written in ${fmtMs(r.persistMs)}`,
    ...stepLines(r.steps, 'stored tickets restored'),
    `  restore (IndexedDB → DuckDB)        ${fmtMs(median(r.restoreMs))}`,
    `  first figure / instantiate          ${fmtRatio(ratio)}   goal ≤ 2.50×  ${ratio <= 2.5 ? 'met' : 'NOT MET'}`,
  ];
}
