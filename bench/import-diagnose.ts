// Quick diagnosis: one browser import of FILE through the Data page, the engine worker's
// statements (≥ 20 ms) printed with their slices, pauses and file reads.
//   npx tsx bench/import-diagnose.ts FILE.csv
import { builtSiteUrl, freshContext } from './support/browser';
import { waitForImport } from './import';

const file = process.argv[2];
const { context, close } = await freshContext();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(builtSiteUrl('#/data?bench=1'));
  await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 180_000 });
  if (process.env.FLOOR) {
    await page.locator('#bench-file').setInputFiles(file);
    for (let i = 0; i < 2; i++) console.log('floor', await page.evaluate(() => globalThis.__workbenchBench!.timeReadCsv({ delimiter: ',', skip: 1, columns: 28 })));
  }
  const since = (await page.evaluate('performance.now()')) as number;
  const t0 = Date.now();
  await page.getByTestId('import-input').setInputFiles(file);
  await waitForImport(page);
  console.log('import ms', Date.now() - t0);
  const timings = await page.evaluate((s) => globalThis.__workbenchBench!.statementTimings(s), since);
  for (const t of timings)
    console.log(
      `${t.ms.toFixed(0).padStart(7)} slices ${String(t.slices).padStart(5)} in ${t.sliceMs.toFixed(0).padStart(6)} pace ${t.paceMs.toFixed(0).padStart(5)} reads ${t.reads} ${(t.readBytes / 1e6).toFixed(0)}MB ${t.readMs.toFixed(0)}ms heap ${(t.heapBefore / 1e6).toFixed(0)}→${(t.heapAfter / 1e6).toFixed(0)}MB  ${t.label.slice(0, 90)}`,
    );
} finally {
  await close();
}
