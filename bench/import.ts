// Issue 3's import figures, each against a baseline in the same run:
//   (a) a 1,000,000-row ticket CSV imported through the Data page (browser, file://) against
//       native DuckDB (threads=1) reading the same file with read_csv;
//   (b) the same 100,000 rows as XLSX against CSV, through the same import code in Node;
//   (c) opening the page with those rows stored in IndexedDB (restore) against importing them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parseImport } from '../src/lib/import';
import { builtSiteUrl, freshContext } from './support/browser';
import { nativeConnection } from './support/native';
import { fmtMs, fmtRatio, median } from './support/stats';

function sampleCsv(rows: number, dir: string): string {
  const out = join(dir, `tickets-${rows}`);
  execFileSync('npx', ['tsx', 'sample-data/cli.ts', '--tickets-rows', String(rows), '--out', out], { stdio: 'ignore' });
  return join(out, 'tickets.csv');
}

async function browserImport(csv: string, runs: number): Promise<{ importMs: number[]; restoreMs: number[] }> {
  const importMs: number[] = [];
  const restoreMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { context, close } = await freshContext();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(builtSiteUrl('#/data'));
      await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 180_000 });
      const t0 = Date.now();
      await page.getByTestId('import-input').setInputFiles(csv);
      const confirm = page.getByTestId('import-confirm');
      const status = page.getByTestId('import-status');
      // The review may ask for confirmation; a certain mapping proceeds on its own.
      await Promise.race([
        confirm.click({ timeout: 600_000 }).catch(() => undefined),
        status.and(page.locator('[data-state="done"]')).waitFor({ timeout: 600_000 }),
      ]);
      await status.and(page.locator('[data-state="done"]')).waitFor({ timeout: 900_000 });
      importMs.push(Date.now() - t0);
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 300_000 });
      restoreMs.push(
        await page.evaluate(() => {
          const started = performance.getEntriesByName('workbench:engine-started')[0].startTime;
          return performance.getEntriesByName('workbench:data-loaded')[0].startTime - started;
        }),
      );
    } finally {
      await close();
    }
  }
  return { importMs, restoreMs };
}

async function nativeRead(csv: string, runs: number): Promise<number[]> {
  const conn = await nativeConnection(1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await conn.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true, all_varchar = true)`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function xlsxVersusCsv(csv: string, runs: number): Promise<{ xlsxMs: number[]; csvMs: number[]; xlsxBytes: number; csvBytes: number }> {
  const csvBytes = readFileSync(csv);
  const workbook = XLSX.read(csvBytes, { type: 'buffer', raw: true, dense: true });
  const xlsxPath = csv.replace(/\.csv$/, '.xlsx');
  writeFileSync(xlsxPath, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }));
  const xlsxBytes = readFileSync(xlsxPath);
  const xlsxMs: number[] = [];
  const csvMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await parseImport({ name: 'tickets.csv', bytes: new Uint8Array(csvBytes) }, { table: 'tickets' });
    csvMs.push(performance.now() - t0);
    t0 = performance.now();
    await parseImport({ name: 'tickets.xlsx', bytes: new Uint8Array(xlsxBytes) }, { table: 'tickets' });
    xlsxMs.push(performance.now() - t0);
  }
  return { xlsxMs, csvMs, xlsxBytes: xlsxBytes.length, csvBytes: csvBytes.length };
}

export async function benchImport(runs: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const lines: string[] = [];
  try {
    const bigRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
    const big = sampleCsv(bigRows, dir);
    const browserRuns = Math.max(1, Math.min(runs, Number(process.env.BENCH_IMPORT_RUNS ?? 3)));
    const browser = await browserImport(resolve(big), browserRuns);
    const native = await nativeRead(big, browserRuns);
    const mb = statSync(big).size / 1e6;
    lines.push(`import of a ${bigRows.toLocaleString('en')}-row ticket CSV (${mb.toFixed(0)} MB), medians of ${browserRuns}`);
    lines.push(`  browser, Data page → import done   ${fmtMs(median(browser.importMs))}  (${((bigRows / median(browser.importMs)) * 1000).toFixed(0)} rows/s)`);
    lines.push(`  native DuckDB read_csv, 1 thread   ${fmtMs(median(native))}`);
    lines.push(`  ratio browser / native             ${fmtRatio(median(browser.importMs) / median(native))}`);
    lines.push(`  reopen: restore from IndexedDB     ${fmtMs(median(browser.restoreMs))}`);
    lines.push(`  ratio restore / import             ${fmtRatio(median(browser.restoreMs) / median(browser.importMs))}`);

    const small = sampleCsv(100_000, dir);
    const x = await xlsxVersusCsv(small, runs);
    lines.push(`100,000 rows through the import code (Node): XLSX ${(x.xlsxBytes / 1e6).toFixed(1)} MB vs CSV ${(x.csvBytes / 1e6).toFixed(1)} MB, medians of ${runs}`);
    lines.push(`  XLSX ${fmtMs(median(x.xlsxMs))}   CSV ${fmtMs(median(x.csvMs))}   ratio XLSX / CSV ${fmtRatio(median(x.xlsxMs) / median(x.csvMs))}`);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
