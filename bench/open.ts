// (a) Cold open from file://: navigation start → first headline figure painted, against the part
// of it that is DuckDB-WASM's own instantiation. The ratio says how much the workbench adds on
// top of the engine it cannot do without.
import { freshContext, builtSiteUrl } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';

export interface OpenResult {
  firstFigureMs: number[];
  instantiateMs: number[];
  dataLoadedMs: number[];
}

export async function benchColdOpen(runs: number): Promise<OpenResult> {
  const result: OpenResult = { firstFigureMs: [], instantiateMs: [], dataLoadedMs: [] };
  for (let i = 0; i < runs; i++) {
    const { context, close } = await freshContext();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      // Record the moment the first figure is painted, from inside the page, so polling latency
      // does not count.
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="metric-total"][data-state="ready"]')) {
            requestAnimationFrame(() => performance.mark('bench:first-figure'));
            observer.disconnect();
          }
        });
        document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { subtree: true, childList: true, attributes: true }));
      });
      await page.goto(builtSiteUrl('#/'));
      await page.waitForFunction(() => performance.getEntriesByName('bench:first-figure').length > 0, null, { timeout: 120_000 });
      const marks = await page.evaluate(() => ({
        first: performance.getEntriesByName('bench:first-figure')[0].startTime,
        data: performance.getEntriesByName('workbench:data-loaded')[0]?.startTime ?? Number.NaN,
        engine: (performance.getEntriesByName('workbench:engine-started')[0] as PerformanceMark | undefined)?.detail as
          | { info: { timings: { instantiateMs: number } } }
          | undefined,
      }));
      result.firstFigureMs.push(marks.first);
      result.dataLoadedMs.push(marks.data);
      result.instantiateMs.push(marks.engine?.info.timings.instantiateMs ?? Number.NaN);
    } finally {
      await close();
    }
  }
  return result;
}

export function reportColdOpen(r: OpenResult): string[] {
  const first = median(r.firstFigureMs);
  const inst = median(r.instantiateMs);
  return [
    `cold open (file://, fresh profile, ${r.firstFigureMs.length} runs, medians)`,
    `  navigation → first figure painted   ${fmtMs(first)}`,
    `  of which DuckDB-WASM instantiate    ${fmtMs(inst)}`,
    `  navigation → sample data loaded     ${fmtMs(median(r.dataLoadedMs))}`,
    `  ratio first figure / instantiate    ${fmtRatio(first / inst)}`,
  ];
}
