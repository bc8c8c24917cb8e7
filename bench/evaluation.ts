// The annual evaluation of the sample's grid workers (1,501 in 2024, the district's 1,508 in
// scale): the per-worker figures query in DuckDB-WASM inside Chromium (page → worker → result)
// against the same SQL in native DuckDB with one thread; the scoring, grades and subsidy in
// TypeScript (Node's V8, the page's engine); and the page itself, from choosing the year to every
// worker's row on screen.
import { generateSample } from '../sample-data/generator';
import { defaultEvaluationSettings, evaluateWorkers, readWorkerFigures, workerFiguresQuery } from '../src/lib/evaluation';
import { defaultSettings } from '../src/lib/metrics';
import { builtSiteUrl, launch } from './support/browser';
import { loadSampleNatively, nativeConnection, timeNative } from './support/native';
import { fmtMs, fmtRatio, median } from './support/stats';

const YEAR = 2024;
const OTHER_YEAR = 2025;

export interface EvaluationTiming {
  workers: number;
  wasmMs: number;
  nativeMs: number;
  /** CPU milliseconds of the scoring, grades and subsidy in Node (the page's V8). */
  scoringMs: number;
  pageMs: number;
}

export async function benchEvaluation(runs: number): Promise<EvaluationTiming> {
  const rules = defaultEvaluationSettings();
  const q = workerFiguresQuery(YEAR, defaultSettings(), rules);
  const params = [...q.params];
  const sample = generateSample();
  const conn = await nativeConnection(1);
  await loadSampleNatively(conn, sample, ['grid_events']);
  await timeNative(conn, q.text, params, 1);
  const rows = (await conn.runAndReadAll(q.text, params as never)).getRowObjectsJS();

  const figures = readWorkerFigures(rows as never, null);
  evaluateWorkers(figures, rules);

  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(builtSiteUrl('#/?bench=1'));
  await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 120_000 });
  await page.waitForFunction(async () => (await globalThis.__workbenchBench!.workerMarks()).some((m) => m.name === 'engine:sample-materialized'), null, {
    timeout: 180_000,
  });
  // The page: from choosing another year to every worker's row rendered (query in the worker,
  // scoring on the main thread, the table), alternating two years so each step recomputes. Reached
  // by a link (the router's own navigation: editing the address by hand reloads the page).
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#/grid/evaluation?year=2024';
    document.body.append(a);
    a.click();
  });
  await page.waitForSelector('[data-testid="evaluation-totals"][data-state="ready"][data-year="2024"]', { timeout: 120_000 });
  // Timed on the evaluation page, idle: the overview's own queries are gone with it. The machine
  // is shared, so each round times native, WASM and the scoring back to back: a ratio compares
  // runs that met the same load.
  await page.evaluate(async ([sql, p]) => globalThis.__workbenchBench!.timeQuery(sql, p, 1), [q.text, params] as const);
  const native: number[] = [];
  const wasm: number[] = [];
  const scoring: number[] = [];
  for (let i = 0; i < runs; i++) {
    native.push(...(await timeNative(conn, q.text, params, 1)));
    wasm.push(...(await page.evaluate(async ([sql, p]) => globalThis.__workbenchBench!.timeQuery(sql, p, 1), [q.text, params] as const)));
    // CPU time: on a shared machine the wall clock of a 20 ms computation is mostly other processes.
    const c0 = process.cpuUsage();
    evaluateWorkers(figures, rules);
    const c = process.cpuUsage(c0);
    scoring.push((c.user + c.system) / 1000);
  }
  const pageTimes: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const year = i % 2 === 0 ? OTHER_YEAR : YEAR;
    const ms = await page.evaluate(
      async ([y, timeout]) => {
        const select = document.querySelector<HTMLSelectElement>('[data-testid="evaluation-year"]')!;
        const t0 = performance.now();
        select.value = String(y);
        select.dispatchEvent(new Event('change', { bubbles: true }));
        for (;;) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const totals = document.querySelector('[data-testid="evaluation-totals"]');
          const done = totals?.getAttribute('data-year') === String(y) && totals.getAttribute('data-state') === 'ready';
          const first = document.querySelector('[data-testid="worker-score"]');
          if (done && first && document.querySelectorAll('[data-testid="worker-score"]').length === Number(totals!.getAttribute('data-workers'))) break;
          if (performance.now() - t0 > timeout) throw new Error('the evaluation page did not become ready');
        }
        return performance.now() - t0;
      },
      [year, 60_000] as const,
    );
    pageTimes.push(ms);
  }
  await browser.close();
  return {
    workers: rows.length,
    wasmMs: median(wasm),
    nativeMs: median(native),
    scoringMs: median(scoring),
    pageMs: median(pageTimes.slice(1)),
  };
}

export function reportEvaluation(t: EvaluationTiming, runs: number): string[] {
  const ratio = t.wasmMs / t.nativeMs;
  return [
    `evaluation of ${t.workers} grid workers (${YEAR}): per-worker figures in DuckDB-WASM in Chromium (page → result) vs native DuckDB (threads=1), medians of ${runs}`,
    `  figures query               wasm ${fmtMs(t.wasmMs).padStart(9)}  native ${fmtMs(t.nativeMs).padStart(9)}  ratio ${fmtRatio(ratio)}   goal ≤ 2.00×  ${ratio <= 2 ? 'met' : 'NOT MET'}`,
    `  scoring, grades, subsidy    ${fmtMs(t.scoringMs).padStart(9)} CPU (TypeScript)  ${fmtRatio(t.scoringMs / t.nativeMs)} of the native query   goal ≤ 50 ms CPU (under a long task on the page's thread)  ${t.scoringMs <= 50 ? 'met' : 'NOT MET'}`,
    `  page: year changed → every row shown  ${fmtMs(t.pageMs).padStart(9)}  ${fmtRatio(t.pageMs / t.nativeMs)} of the native query   goal ≤ 1 s  ${t.pageMs <= 1000 ? 'met' : 'NOT MET'}`,
  ];
}
