// Issue 12's import figures, each a ratio against a baseline measured in the same run, beside its goal:
//   - a 1,000,000-row ticket CSV through the Data page (file://), against native DuckDB's read_csv
//     (1 thread) and against DuckDB-WASM's own read_csv of the same file in the same page; then
//     the same import as a page's first read of the file (what a user's first import meets);
//   - the same file as GB18030, against native on its UTF-8 twin;
//   - 100,000 rows as XLSX (and 65,000 as .xls, 100,000 as an HTML-table .xls) through the import
//     code against SheetJS's own floor (read, dense, plus one pass over the cells);
//   - a 5,000,000-row CSV: completes, or is refused before any work with the limit named;
//   - cancel latency (to the page, and until the engine answers again), long main-thread tasks,
//     the longest gap between progress updates, peak memory (RSS of Chromium's processes);
//   - the report command's path (Node) against DuckDB-WASM's read_csv in Node;
//   - a messy export (300,000 rows as CSV, 100,000 as XLSX, each row with a warning): long
//     main-thread tasks and progress gaps when the validation report is as long as it gets.
// Env: BENCH_IMPORT_ROWS (1,000,000), BENCH_IMPORT_RUNS (3), BENCH_IMPORT_BIG_ROWS (5,000,000; 0 skips),
// BENCH_IMPORT_CANCEL_DELAYS (ms after choosing the file, comma-separated), BENCH_IMPORT_ONLY=utf8|gbk|sheets|messy|big,
// BENCH_IMPORT_PAGE_PARAMS (appended to the Data page's hash, e.g. `&import-part-bytes=8388608` to try another part size).
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import * as XLSX from '@e965/xlsx';
import { NodeEngine } from '../src/lib/engine/node-engine';
import { loadParsedImport, parseImport, parseImportWithEngine } from '../src/lib/import';
import { literal, trusted } from '../src/lib/sql';
import { builtSiteUrl, freshContext } from './support/browser';
import { nativeConnection } from './support/native';
import { fmtMs, fmtRatio, median, quantile } from './support/stats';
import { statementTimings, type StatementTiming } from '../src/lib/engine/statement-log';
import type { Engine } from '../src/lib/engine/types';

const TICKET_COLUMNS = 28;

export function sampleCsv(rows: number, dir: string): string {
  const out = join(dir, `tickets-${rows}`);
  execFileSync('npx', ['tsx', 'sample-data/cli.ts', '--tickets-rows', String(rows), '--out', out], { stdio: 'ignore' });
  return join(out, 'tickets.csv');
}

/** The GB18030 twin of a UTF-8 export (BOM dropped, as a GBK system writes none). */
function gb18030Twin(csv: string): string {
  const out = csv.replace(/\.csv$/, '-gb18030.csv');
  execSync(`tail -c +4 ${JSON.stringify(csv)} | iconv -f UTF-8 -t GB18030 > ${JSON.stringify(out)}`);
  return out;
}

/**
 * The first `rows` rows of an export with every township replaced by one the township table does
 * not know (50 made-up names): each row then carries a warning, and the report lists 100,000.
 */
async function messyTwin(csv: string, rows: number): Promise<string> {
  const out = csv.replace(/\.csv$/, `-messy-${rows}.csv`);
  const conn = await nativeConnection(1);
  await conn.run(`CREATE TABLE messy AS SELECT * FROM read_csv(${literal(csv)}, header = true, all_varchar = true) LIMIT ${rows}`);
  await conn.run(`COPY (SELECT * REPLACE ('新开' || (rowid % 50)::VARCHAR || '镇' AS "所属区镇") FROM messy) TO ${literal(out)} (HEADER, DELIMITER ',')`);
  return out;
}

/** The first `rows` data rows of a CSV as an XLSX workbook (SheetJS, compressed). */
function workbookOf(csv: string, rows: number): string {
  const out = csv.replace(/\.csv$/, `-${rows}.xlsx`);
  // As text: the messy twin has no BOM, and SheetJS would take its bytes for another code page.
  const source = XLSX.read(readFileSync(csv, 'utf8'), { type: 'string', raw: true, dense: true });
  const cells = XLSX.utils.sheet_to_json<unknown[]>(source.Sheets[source.SheetNames[0]], { header: 1, raw: true });
  writeFileSync(out, XLSX.write(ticketBook(cells.slice(0, rows + 1)), { type: 'buffer', bookType: 'xlsx', compression: true }));
  return out;
}

/** A workbook of one dense sheet, `tickets`, holding these rows of cells. */
function ticketBook(cells: unknown[][]): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells, { dense: true } as XLSX.AOA2SheetOpts), 'tickets');
  return book;
}

/**
 * A messy export's imports: what the page's thread and the progress meet when every row has a
 * warning. As CSV (the engine path: the report's lists made on the page) and as XLSX (the worker
 * path: the lists sent from the worker).
 */
async function messyImports(big: string, browserRuns: number, emit: (...lines: string[]) => void): Promise<void> {
  const rows = 300_000;
  const messy = await messyTwin(big, rows);
  const workbookRows = 100_000;
  const workbook = workbookOf(messy, workbookRows);
  for (const [label, file, count] of [
    ['CSV', messy, rows],
    ['XLSX', workbook, workbookRows],
  ] as const) {
    const runs: BrowserImport[] = [];
    for (let i = 0; i < browserRuns; i++) {
      phase(`messy ${label} import ${i + 1}/${browserRuns}`);
      runs.push(await browserImport(file, { wasmRead: false }));
    }
    const gap = Math.max(...runs.map((r) => r.longestProgressGapMs));
    emit(`a messy ${label}: ${count.toLocaleString('en')} rows, every one with an unknown township (a warning each), medians of ${browserRuns}`);
    emit(line('file chosen → figures', `${fmtMs(median(runs.map((r) => r.figuresMs)))}`, label === 'CSV' ? `engine path: ${runs.every((r) => r.enginePath)}` : ''));
    emit(line('long main-thread tasks during the import', longTasksText(runs), 'goal 0'));
    emit(line('longest gap between progress updates', fmtMs(gap), `goal ≤ 250 ms ${gap <= 250 ? '(met)' : '(NOT met)'}`));
  }
  rmSync(messy, { force: true });
  rmSync(workbook, { force: true });
}

/** Where the bench is, on stderr: a long run on a shared machine should say what it is doing. */
const phase = (what: string) => process.stderr.write(`[bench import ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

const line = (label: string, value: string, goal = '') => `  ${label.padEnd(52)} ${value.padEnd(26)} ${goal}`;
const verdict = (ratio: number, goal: number) => `goal ≤ ${goal}× ${ratio <= goal ? '(met)' : '(NOT met)'}`;

/** The processes of the Chromium started with `profile`, and all their children (one ps, before the work). */
function chromiumTree(profile: string): number[] {
  const table = execSync('ps -eo pid=,ppid=,args=', { encoding: 'utf8', maxBuffer: 1 << 24 })
    .trim()
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l) ?? ['', '0', '0', ''])
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
  const roots = table.filter((p) => p.args.includes(profile) && !table.some((q) => q.pid === p.ppid && q.args.includes(profile)));
  const inTree = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) if (!inTree.has(p.pid) && inTree.has(p.ppid)) grew = inTree.add(p.pid) !== undefined;
  }
  return [...inTree];
}

/** Resident memory of a Chromium and all its children, sampled while `run` runs. */
async function peakRss<T>(profile: string, run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  // Read from /proc, not by running ps four times a second: a process started each time took CPU
  // from the import being measured (the baseline read had no sampler beside it).
  const pids = chromiumTree(profile);
  const sample = () => {
    let kb = 0;
    for (const pid of pids) {
      try {
        kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        /* the process has ended */
      }
    }
    peak = Math.max(peak, kb / 1024);
  };
  const timer = setInterval(sample, 250);
  try {
    const result = await run();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Installed before the page's own script: long tasks and progress updates, observed from the start. */
function observeImport(): void {
  const w = window as unknown as { __importWatch: { longTasks: [number, number][]; progress: number[] } };
  w.__importWatch = { longTasks: [], progress: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__importWatch.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Progress is something counted changing (bytes, rows, checks: the bar's data-counted), not any
  // change of the page: the seconds shown while a workbook is read whole are not progress.
  let counted: string | null = null;
  new MutationObserver(() => {
    const now = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-counted') ?? null;
    if (now !== null && now !== counted) w.__importWatch.progress.push(performance.now());
    counted = now;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-counted'] });
}

async function openDataPage(page: Page): Promise<void> {
  await page.addInitScript(`(${observeImport.toString()})()`);
  await page.goto(builtSiteUrl(`#/data?bench=1${process.env.BENCH_IMPORT_PAGE_PARAMS ?? ''}`));
  await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 180_000 });
}

interface BrowserImport {
  /** File chosen → saved (the import's end), and → the figures shown (rows committed, save under way). */
  importMs: number;
  figuresMs: number;
  /** Of which: the upsert, and the save into IndexedDB (performance marks of commit.ts). */
  upsertMs: number;
  saveMs: number;
  /** The import worker's scan (and transcoding), and the engine's read and validation. */
  prepareMs: number;
  stageMs: number;
  wasmReadMs: number;
  enginePath: boolean;
  longTasks: number;
  longestTaskMs: number;
  /** When the longest of them began, after the file was chosen (NaN for none). */
  longestTaskAtMs: number;
  longestProgressGapMs: number;
  peakMb: number;
  /** DuckDB's WASM memory at the import's end (it never shrinks, so its peak). */
  heapMb: number;
  message: string | null;
  /** With `reopen`: the page reloaded on the profile the import saved into. */
  reopen?: { dataLoadedMs: number; rows: number };
  /** The engine worker's statements of 20 ms or more between choosing the file and done. */
  statements: StatementTiming[];
}

/** The most long tasks any run saw, and the longest of all with when it began. */
function longTasksText(runs: BrowserImport[]): string {
  const most = Math.max(...runs.map((r) => r.longTasks));
  if (most === 0) return '0';
  const worst = runs.reduce((a, r) => (r.longestTaskMs > a.longestTaskMs ? r : a));
  return `${most} (longest ${fmtMs(worst.longestTaskMs)}, ${fmtMs(worst.longestTaskAtMs)} after the choice)`;
}

/** Wait until the Data page's import ends (confirming a mapping review if one is asked); its final state. */
export async function waitForImport(page: Page): Promise<string> {
  const status = page.getByTestId('import-status');
  for (;;) {
    const state = await status.getAttribute('data-state');
    if (state === 'done' || state === 'error') return state;
    const confirm = page.getByTestId('import-confirm');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    // Not more often: each look is work on the page's thread, on the two cores the import uses
    // (the figures' time is the page's own mark, not when this loop notices).
    await page.waitForTimeout(250);
  }
}

/** Notes when the Data page's file input tells the page of a file (a string: the bundler's helpers do not exist in the page). */
const WATCH_FILE_CHOSEN = `document.addEventListener('change', (event) => {
  if (event.target && event.target.dataset && event.target.dataset.testid === 'import-input') globalThis.__fileChosenAt = performance.now();
}, { capture: true })`;

/** One import through the Data page, with DuckDB-WASM's read_csv of the same file in the same page first. */
export async function browserImport(csv: string, options: { wasmRead: boolean; reopen?: boolean }): Promise<BrowserImport> {
  const { context, close, profile } = await freshContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openDataPage(page);
    let wasmReadMs = Number.NaN;
    if (options.wasmRead) {
      await page.locator('#bench-file').setInputFiles(csv);
      // Twice, the first untimed: a page's first big read also grows the WASM memory, which the
      // import after it would not pay (in Node: 11–17 s cold against 2.5–4.4 s warm).
      await page.evaluate(() => globalThis.__workbenchBench!.timeReadCsv({ delimiter: ',', skip: 1, columns: 28 }));
      const read = await page.evaluate(() => globalThis.__workbenchBench!.timeReadCsv({ delimiter: ',', skip: 1, columns: 28 }));
      wasmReadMs = read.ms;
    }
    const startedAt = (await page.evaluate('performance.now()')) as number;
    await page.evaluate(WATCH_FILE_CHOSEN);
    const { result, peakMb } = await peakRss(profile, async () => {
      const t0 = Date.now();
      await page.getByTestId('import-input').setInputFiles(csv);
      const state = await waitForImport(page);
      return { ms: Date.now() - t0, state };
    });
    const endedAt = (await page.evaluate('performance.now()')) as number;
    const watch = (await page.evaluate('window.__importWatch')) as { longTasks: [number, number][]; progress: number[] };
    // Only what happened between choosing the file and the import being done (the boot has its own bench).
    const during = watch.longTasks.filter(([start]) => start >= startedAt && start <= endedAt);
    const longest = during.reduce<[number, number] | null>((a, t) => (a && a[1] >= t[1] ? a : t), null);
    const gaps = watch.progress.slice(1).map((t, i) => t - watch.progress[i]);
    const message = result.state === 'error' ? await page.getByTestId('import-message').textContent() : null;
    const marks = (await page.evaluate(`(() => {
      const at = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[e.length - 1].startTime : NaN; };
      const engine = performance.getEntriesByName('workbench:import-engine-path');
      return { commit: at('workbench:import-commit'), upserted: at('workbench:import-upserted'), saved: at('workbench:import-saved'), figures: at('workbench:import-figures'),
        prepared: at('workbench:import-prepared'), stageMs: engine.length ? engine[engine.length - 1].detail.ms : NaN };
    })()`)) as { commit: number; upserted: number; saved: number; figures: number; prepared: number; stageMs: number };
    // The clock starts when the page has the file, at the input's change event: Playwright's
    // setInputFiles took 55–107 ms before it (three runs), time a user's choice does not add.
    const chosenAt = (await page.evaluate('globalThis.__fileChosenAt ?? NaN')) as number;
    const fileChosen = Number.isFinite(chosenAt) ? chosenAt : startedAt;
    const statements = (await page.evaluate((since) => globalThis.__workbenchBench!.statementTimings(since), startedAt)) as StatementTiming[];
    const heapMb = Math.max(0, ...statements.map((t) => t.heapAfter)) / 1e6;
    const reopen = options.reopen && !message ? await reopenPage(page) : undefined;
    return {
      heapMb,
      reopen,
      statements,
      importMs: result.ms,
      figuresMs: marks.figures - fileChosen,
      upsertMs: marks.upserted - marks.commit,
      saveMs: marks.saved - marks.figures,
      prepareMs: marks.prepared - fileChosen,
      stageMs: marks.stageMs,
      wasmReadMs,
      enginePath: await page.evaluate(() => performance.getEntriesByName('workbench:import-engine-path').length > 0),
      longTasks: during.length,
      longestTaskMs: longest ? longest[1] : 0,
      longestTaskAtMs: longest ? longest[0] - fileChosen : Number.NaN,
      longestProgressGapMs: Math.max(0, ...gaps),
      peakMb,
      message,
    };
  } finally {
    await close();
  }
}

/**
 * A page's query while the import's save runs, against the same query once saved. The save writes
 * in DuckDB's slices behind the page's queries (engine-service.ts), and a query that arrives waits
 * for the slice under way: how long is the figure. The queries come every 300 ms, longer than the
 * quiet the save waits for (SAVE_QUIET_MS, 200 ms), or the save would wait for them to stop.
 */
export async function queryDuringSave(csv: string): Promise<{ during: number[]; after: number[] }> {
  const { context, close } = await freshContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openDataPage(page);
    await page.getByTestId('import-input').setInputFiles(csv);
    const timed = `(async () => {
      const t0 = performance.now();
      await globalThis.__workbenchBench.queryRows('SELECT township, count(*)::INTEGER AS n FROM tickets GROUP BY 1', []);
      return performance.now() - t0;
    })()`;
    const during = page.evaluate(`(async () => {
      const marked = (name) => performance.getEntriesByName(name).length > 0;
      while (!marked('workbench:import-figures')) await new Promise((r) => setTimeout(r, 20));
      const times = [];
      while (!marked('workbench:import-saved')) {
        times.push(await ${timed});
        await new Promise((r) => setTimeout(r, 300));
      }
      return times;
    })()`) as Promise<number[]>;
    const state = await waitForImport(page);
    if (state !== 'done') throw new Error(`the import for the save's queries ended ${state}`);
    const after: number[] = [];
    for (let i = 0; i < 7; i++) after.push((await page.evaluate(timed)) as number);
    return { during: await during, after };
  } finally {
    await close();
  }
}

/** Reload the page (its profile holds what the import saved): navigation → its data loaded (workbench:data-loaded), and the tickets it holds. */
async function reopenPage(page: Page): Promise<{ dataLoadedMs: number; rows: number }> {
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('workbench:data-loaded').length > 0, null, { timeout: 600_000 });
  await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 60_000 });
  const dataLoadedMs = (await page.evaluate(() => performance.getEntriesByName('workbench:data-loaded')[0].startTime)) as number;
  const rows = Number((await page.evaluate(() => globalThis.__workbenchBench!.queryRows('SELECT count(*)::BIGINT AS n FROM tickets', [])))[0].n);
  return { dataLoadedMs, rows };
}

/** Cancel at `delays` after the file is chosen: time until the page says cancelled, and until the engine answers again. */
export async function cancelLatencies(csv: string, delays: number[]): Promise<{ delay: number; uiMs: number; engineMs: number; leftovers: number }[]> {
  const { context, close } = await freshContext();
  const out: { delay: number; uiMs: number; engineMs: number; leftovers: number }[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openDataPage(page);
    for (const delay of delays) {
      await page.getByTestId('import-input').setInputFiles(csv);
      await page.waitForTimeout(delay);
      // A string, not a function: the bundler's name helpers do not exist in the page.
      const timing = (await page.evaluate(`(async () => {
        const cards = [...document.querySelectorAll('[data-testid="import-file"]')];
        const card = cards.find((c) => c.dataset.state === 'parsing' || c.dataset.state === 'review');
        const button = card && card.querySelector('[data-testid="import-cancel"]');
        if (!card || !button) return null;
        const t0 = performance.now();
        button.click();
        await new Promise((done) => {
          (function check() { card.dataset.state === 'cancelled' ? done() : requestAnimationFrame(check); })();
        });
        const uiMs = performance.now() - t0;
        await globalThis.__workbenchBench.queryRows('SELECT 1 AS one', []);
        return { uiMs, engineMs: performance.now() - t0 };
      })()`)) as { uiMs: number; engineMs: number } | null;
      if (!timing) continue; // the import had already finished
      await page.waitForTimeout(1500);
      const leftovers = (await page.evaluate(() =>
        globalThis.__workbenchBench!.queryRows(
          "SELECT ((SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_\\_import\\_%' ESCAPE '\\') + (SELECT count(*) FROM duckdb_views() WHERE view_name LIKE '\\_\\_import\\_%' ESCAPE '\\'))::INTEGER AS n",
          [],
        ),
      )) as { n: number }[];
      out.push({ delay, ...timing, leftovers: leftovers[0].n });
    }
  } finally {
    await close();
  }
  return out;
}

async function nativeRead(csv: string, runs: number): Promise<number[]> {
  const conn = await nativeConnection(1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await conn.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(${literal(csv)}, header = true, all_varchar = true)`);
    times.push(performance.now() - t0);
  }
  return times;
}

/** The report command's path in Node, against DuckDB-WASM's read_csv of the same bytes in Node. */
async function cliPath(csv: string, runs: number): Promise<{ appMs: number[]; readMs: number[]; enginePath: boolean }> {
  const bytes = new Uint8Array(readFileSync(csv));
  const appMs: number[] = [];
  const readMs: number[] = [];
  let enginePath = false;
  for (let i = 0; i < runs; i++) {
    const engine = await NodeEngine.start();
    try {
      const columns = Array.from({ length: TICKET_COLUMNS }, (_, c) => `${literal(`c${c}`)}: 'VARCHAR'`).join(', ');
      const floor = async () => {
        await engine.registerFile('workbench-files/floor.csv', new Blob([bytes]));
        await engine.exec(trusted(`CREATE TABLE floor AS SELECT * FROM read_csv('workbench-files/floor.csv', auto_detect = false, header = false, delim = ',', quote = '"', escape = '"', skip = 1, columns = {${columns}})`));
        await engine.exec(trusted('DROP TABLE floor'));
        await engine.dropFile('workbench-files/floor.csv');
      };
      // Untimed first: a fresh engine's first big read also grows the WASM memory (measured 11–17 s
      // against 2.5–4.4 s warm), which the import after it would not pay; the floor must not either.
      await floor();
      let t0 = performance.now();
      await floor();
      readMs.push(performance.now() - t0);
      t0 = performance.now();
      const parsed = await parseImportWithEngine(engine, { name: basename(csv), bytes }, { table: 'tickets' });
      await loadParsedImport(engine, parsed);
      appMs.push(performance.now() - t0);
      enginePath = Boolean(parsed.staged);
    } finally {
      engine.close();
    }
  }
  return { appMs, readMs, enginePath };
}

/** SheetJS's floor: read (dense, the options the import uses) and one pass over every cell. */
function sheetFloor(bytes: Uint8Array, html: boolean): number {
  const t0 = performance.now();
  const book = html
    ? XLSX.read(new TextDecoder().decode(bytes), { type: 'string', dense: true, raw: true, cellNF: true })
    : XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, cellNF: true, cellHTML: false, cellFormula: false });
  const data = (book.Sheets[book.SheetNames[0]]['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  let n = 0;
  for (const row of data) if (row) for (const cell of row) if (cell && cell.v !== undefined) n++;
  if (n < 0) console.log(n);
  return performance.now() - t0;
}

async function spreadsheets(csv: string, runs: number, dir: string, emit: (...l: string[]) => void): Promise<void> {
  const lines = { push: emit };
  const source = XLSX.read(readFileSync(csv), { type: 'buffer', raw: true, dense: true });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(source.Sheets[source.SheetNames[0]], { header: 1, raw: true });
  // SheetJS writes text as inline cells unless asked for a shared-string table, which is how Excel
  // and WPS write it: both are measured.
  const kinds: [string, string, number, XLSX.BookType, boolean?][] = [
    ['XLSX', 'xlsx', 100_000, 'xlsx'],
    ['XLSX, shared strings', 'xlsx', 100_000, 'xlsx', true],
    ['.xls (BIFF8 holds 65,536 rows)', 'xls', 65_000, 'biff8'],
    ['HTML-table .xls', 'xls', 100_000, 'html'],
  ];
  for (const [label, ext, count, bookType, bookSST] of kinds) {
    const book = ticketBook(rows.slice(0, count + 1));
    const path = join(dir, `tickets-${bookType}${bookSST ? '-sst' : ''}.${ext}`);
    if (bookType === 'biff8') {
      // SheetJS writes BIFF8 in time quadratic in the rows (96 s for 5,000); LibreOffice converts the XLSX instead.
      const xlsx = join(dir, 'for-xls.xlsx');
      writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
      if (!existsSync('/usr/bin/soffice')) {
        lines.push(line(`${label}`, 'skipped: no LibreOffice to write it'));
        continue;
      }
      try {
        // A profile of its own: another LibreOffice running on the machine would otherwise take the job.
        execFileSync('/usr/bin/soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'xls', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 600_000 });
        execFileSync('mv', [join(dir, 'for-xls.xls'), path]);
      } catch (error) {
        lines.push(line(label, `skipped: LibreOffice did not write it (${String(error).split('\n')[0].slice(0, 80)})`));
        continue;
      }
    } else writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType, compression: true, bookSST }));
    const bytes = new Uint8Array(readFileSync(path));
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      floor.push(sheetFloor(bytes, bookType === 'html'));
      const t0 = performance.now();
      await parseImport({ name: basename(path), bytes }, { table: 'tickets' });
      app.push(performance.now() - t0);
    }
    const ratio = median(app) / median(floor);
    lines.push(line(`${count.toLocaleString('en')} rows, ${label} (${(bytes.length / 1e6).toFixed(1)} MB)`, `app ${fmtMs(median(app))} / floor ${fmtMs(median(floor))}`, ''));
    lines.push(line('  ratio app / SheetJS floor', fmtRatio(ratio), verdict(ratio, 1.5)));
  }
}

export async function benchImport(runs: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const lines: string[] = [];
  // Each figure also goes to stderr as soon as it is known: a long run that dies late still tells.
  const emit = (...more: string[]) => {
    for (const l of more) process.stderr.write(`${l}\n`);
    lines.push(...more);
  };
  try {
    if (process.env.BENCH_IMPORT_ONLY === 'big') {
      await hugeImport(dir, emit);
      return lines;
    }
    if (process.env.BENCH_IMPORT_ONLY === 'sheets') {
      emit(`spreadsheets through the import code (Node) against SheetJS's floor, medians of ${runs}`);
      await spreadsheets(sampleCsv(100_000, dir), runs, dir, emit);
      return lines;
    }
    const bigRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
    const browserRuns = Math.max(1, Math.min(runs, Number(process.env.BENCH_IMPORT_RUNS ?? 3)));
    phase('generating the CSV');
    const big = resolve(sampleCsv(bigRows, dir));
    const mb = statSync(big).size / 1e6;

    if (process.env.BENCH_IMPORT_ONLY === 'messy') {
      await messyImports(big, browserRuns, emit);
      return lines;
    }

    // BENCH_IMPORT_ONLY=gbk: the GB18030 twin alone (the import worker's transcoding and scan), beside native on its UTF-8 twin.
    if (process.env.BENCH_IMPORT_ONLY === 'gbk') {
      phase('GB18030 twin and its imports');
      const gbk = gb18030Twin(big);
      const runs: BrowserImport[] = [];
      for (let i = 0; i < browserRuns; i++) runs.push(await browserImport(gbk, { wasmRead: false }));
      const native = await nativeRead(big, browserRuns);
      // The figure the full run prints (→ figures, as for the UTF-8 file), and the save behind it.
      const ms = median(runs.map((r) => r.figuresMs));
      const ratio = ms / median(native);
      const gap = Math.max(...runs.map((r) => r.longestProgressGapMs));
      emit(`the ${bigRows.toLocaleString('en')}-row ticket CSV as GB18030 (${(statSync(gbk).size / 1e6).toFixed(0)} MB), Data page from file://, medians of ${browserRuns}`);
      emit(line('browser import, file chosen → figures (rows committed)', `${fmtMs(ms)} (${Math.round((bigRows / ms) * 1000).toLocaleString('en')} rows/s)`, `engine path: ${runs.every((r) => r.enginePath)}`));
      emit(line('browser import, file chosen → saved (IndexedDB)', fmtMs(median(runs.map((r) => r.importMs)))));
      emit(line('  of which transcoding + scan / the engine read + validation', `${fmtMs(median(runs.map((r) => r.prepareMs)))} / ${fmtMs(median(runs.map((r) => r.stageMs)))}`));
      emit(line('  of which the upsert / the save into IndexedDB', `${fmtMs(median(runs.map((r) => r.upsertMs)))} / ${fmtMs(median(runs.map((r) => r.saveMs)))}`));
      emit(line('native DuckDB read_csv on the UTF-8 twin, 1 thread', fmtMs(median(native))));
      emit(line('ratio GB18030 browser (→ figures) / native on the UTF-8 twin', fmtRatio(ratio), verdict(ratio, 2.3)));
      emit(line('long main-thread tasks during the import', longTasksText(runs), 'goal 0'));
      emit(line('longest gap between progress updates', fmtMs(gap), `goal ≤ 250 ms ${gap <= 250 ? '(met)' : '(NOT met)'}`));
      return lines;
    }

    const imports: BrowserImport[] = [];
    for (let i = 0; i < browserRuns; i++) {
      phase(`browser import ${i + 1}/${browserRuns}`);
      imports.push(await browserImport(big, { wasmRead: true }));
    }
    phase('native read_csv');
    const native = await nativeRead(big, browserRuns);
    const importMs = median(imports.map((r) => r.importMs));
    // The page shows the imported figures once the rows are committed; the save follows behind it.
    const figuresMs = median(imports.map((r) => r.figuresMs));
    const wasmMs = median(imports.map((r) => r.wasmReadMs));
    emit(`import of a ${bigRows.toLocaleString('en')}-row ticket CSV (${mb.toFixed(0)} MB), Data page from file://, medians of ${browserRuns}`);
    emit(line('browser import, file chosen → figures (rows committed)', `${fmtMs(figuresMs)} (${Math.round((bigRows / figuresMs) * 1000).toLocaleString('en')} rows/s)`, `engine path: ${imports.every((r) => r.enginePath)}`));
    emit(line('browser import, file chosen → saved (IndexedDB)', `${fmtMs(importMs)}`));
    emit(line('  of which the worker scan / the engine read + validation', `${fmtMs(median(imports.map((r) => r.prepareMs)))} / ${fmtMs(median(imports.map((r) => r.stageMs)))}`));
    emit(line('  of which the upsert / figures → saved', `${fmtMs(median(imports.map((r) => r.upsertMs)))} / ${fmtMs(median(imports.map((r) => r.saveMs)))}`));
    emit(line('native DuckDB read_csv, 1 thread, all text', fmtMs(median(native))));
    emit(line('DuckDB-WASM read_csv in the same page, all text', fmtMs(wasmMs)));
    emit(line('ratio browser (→ figures) / native', fmtRatio(figuresMs / median(native)), verdict(figuresMs / median(native), 2)));
    emit(line('ratio browser (→ figures) / DuckDB-WASM read_csv', fmtRatio(figuresMs / wasmMs), verdict(figuresMs / wasmMs, 1.25)));
    emit(line('ratio browser (→ saved) / DuckDB-WASM read_csv', fmtRatio(importMs / wasmMs)));
    emit(line('peak memory (RSS, all Chromium processes)', `${Math.round(median(imports.map((r) => r.peakMb)))} MB`));
    emit(line('long main-thread tasks during the import', longTasksText(imports), 'goal 0'));
    const gap = Math.max(...imports.map((r) => r.longestProgressGapMs));
    emit(line('longest gap between progress updates', fmtMs(gap), `goal ≤ 250 ms ${gap <= 250 ? '(met)' : '(NOT met)'}`));
    // The imports above follow DuckDB's two reads of the same file in their page, which ready its
    // reader, grow its memory and warm the browser's reads of the file. A user's first import of a
    // file has none of that: the same import in a fresh page, the file chosen once the page is ready.
    const firsts: BrowserImport[] = [];
    for (let i = 0; i < browserRuns; i++) {
      phase(`first import in a fresh page ${i + 1}/${browserRuns}`);
      firsts.push(await browserImport(big, { wasmRead: false }));
    }
    const firstMs = median(firsts.map((r) => r.figuresMs));
    emit(line("the same as a page's first read of the file, → figures", fmtMs(firstMs), `engine path: ${firsts.every((r) => r.enginePath)}`));
    emit(line('  ratio to native', fmtRatio(firstMs / median(native))));
    emit(line('  longest gap between progress updates', fmtMs(Math.max(...firsts.map((r) => r.longestProgressGapMs)))));

    phase('a query during the save');
    const save = await queryDuringSave(big);
    const duringP95 = quantile(save.during, 0.95);
    emit(line(`a page query while the import saves (${save.during.length} queries)`, `p95 ${fmtMs(duringP95)}, median ${fmtMs(median(save.during))}`, `once saved: median ${fmtMs(median(save.after))} (p95 during / after ${fmtRatio(duringP95 / median(save.after))})`));

    phase('the same statements in Node');
    emit('engine statements of the import (browser medians; slices = DuckDB pending-query steps, longest = the longest one, pauses = time between them)');
    emit(...statementTable(imports.map((r) => r.statements), await nodeStatements(big)));

    // BENCH_IMPORT_ONLY=utf8 stops here: the main figure alone, for a quick re-measure.
    if (process.env.BENCH_IMPORT_ONLY === 'utf8') return lines;
    phase('GB18030 twin and its imports');
    const gbk = gb18030Twin(big);
    const gbkImports: BrowserImport[] = [];
    for (let i = 0; i < browserRuns; i++) gbkImports.push(await browserImport(gbk, { wasmRead: false }));
    const gbkMs = median(gbkImports.map((r) => r.figuresMs));
    emit(line(`the same rows as GB18030, → figures (${(statSync(gbk).size / 1e6).toFixed(0)} MB)`, `${fmtMs(gbkMs)} (${Math.round((bigRows / gbkMs) * 1000).toLocaleString('en')} rows/s)`, `engine path: ${gbkImports.every((r) => r.enginePath)}`));
    emit(line('  of which transcoding + scan / the engine read + validation', `${fmtMs(median(gbkImports.map((r) => r.prepareMs)))} / ${fmtMs(median(gbkImports.map((r) => r.stageMs)))}`));
    emit(line('ratio GB18030 browser (→ figures) / native on the UTF-8 twin', fmtRatio(gbkMs / median(native)), verdict(gbkMs / median(native), 2.3)));

    await messyImports(big, browserRuns, emit);

    phase('cancel latencies');
    const cancels = await cancelLatencies(big, (process.env.BENCH_IMPORT_CANCEL_DELAYS ?? '300,1000,2000,3500,5000,7000').split(',').map(Number));
    if (cancels.length) {
      const ui = cancels.map((c) => c.uiMs);
      const engine = cancels.map((c) => c.engineMs);
      emit(line(`cancel, ${cancels.length} imports cancelled at ${cancels.map((c) => c.delay).join('/')} ms`, `p95 to the page ${fmtMs(quantile(ui, 0.95))}`, `goal ≤ 200 ms ${quantile(ui, 0.95) <= 200 ? '(met)' : '(NOT met)'}`));
      emit(line('  p95 until the engine answers again', fmtMs(quantile(engine, 0.95)), `goal ≤ 200 ms ${quantile(engine, 0.95) <= 200 ? '(met)' : '(NOT met)'}`));
      emit(line('  staging tables left after a cancel', String(Math.max(...cancels.map((c) => c.leftovers))), 'goal 0'));
    }

    phase('report command path');
    const cli = await cliPath(big, Math.min(2, browserRuns));
    emit(line('report command path (Node): import → loaded', `${fmtMs(median(cli.appMs))}`, `engine path: ${cli.enginePath}`));
    emit(line('  ratio to DuckDB-WASM read_csv in Node', fmtRatio(median(cli.appMs) / median(cli.readMs))));

    await hugeImport(dir, emit);

    phase('spreadsheets');
    const small = sampleCsv(100_000, dir);
    emit(`spreadsheets through the import code (Node) against SheetJS's floor, medians of ${runs}`);
    await spreadsheets(small, runs, dir, emit);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/**
 * The city-sized export (BENCH_IMPORT_BIG_ROWS, 5,000,000 unless told; 0 skips; BENCH_IMPORT_BIG_FILE
 * reuses a file made before), imported once into the sample's place: it completes, with its peak
 * memory and a reopen of what it saved, or is refused with the limit named.
 */
async function hugeImport(dir: string, emit: (...lines: string[]) => void): Promise<void> {
  const hugeRows = Number(process.env.BENCH_IMPORT_BIG_ROWS ?? 5_000_000);
  if (hugeRows <= 0) return;
  phase('the 5M file');
  const given = process.env.BENCH_IMPORT_BIG_FILE;
  const huge = given ? resolve(given) : resolve(sampleCsv(hugeRows, dir));
  try {
    const r = await browserImport(huge, { wasmRead: false, reopen: true });
    const gb = statSync(huge).size / 1e9;
    emit(`${hugeRows.toLocaleString('en')}-row ticket CSV (${gb.toFixed(2)} GB), once, replacing the sample`);
    if (r.message) {
      emit(line('refused', `in ${fmtMs(r.importMs)}`, r.message));
      return;
    }
    const rate = (ms: number) => `${Math.round((hugeRows / ms) * 1000).toLocaleString('en')} rows/s`;
    emit(line('completed: → figures / → saved', `${fmtMs(r.figuresMs)} (${rate(r.figuresMs)}) / ${fmtMs(r.importMs)}`, 'goal: completes or a named refusal (met)'));
    emit(line('  peak memory: all Chromium processes / DuckDB\u2019s heap', `${Math.round(r.peakMb)} MB / ${Math.round(r.heapMb)} MB`, 'the heap at most 4,096 MB'));
    if (r.reopen) emit(line('  reopened: → data loaded / rows restored', `${fmtMs(r.reopen.dataLoadedMs)} / ${r.reopen.rows.toLocaleString('en')}`, r.reopen.rows === hugeRows ? 'all of them' : 'NOT all'));
  } finally {
    if (!given) rmSync(huge, { force: true });
  }
}

/** A statement's label with the names that change from run to run taken out. */
function stableLabel(label: string): string {
  // A file read in parts is one CREATE and then an INSERT per part: one row, summed, beside Node's
  // single read of the whole file. (Labels are cut short: the canonical layout's column list,
  // in-place.ts, can hide the read_csv after it.)
  if (/^(CREATE TABLE raw AS|INSERT INTO raw) SELECT /.test(label)) return "read_csv into raw (the parts' reads summed)";
  return label
    .replace(/import-[a-z0-9]+\.csv/g, 'import.csv')
    .replace(/bench-[a-z0-9]+\.csv/g, 'bench.csv')
    .replace(/__store_([a-z_]+?)_[a-z0-9]+/g, '__store_$1')
    .slice(0, 78);
}

/**
 * The engine path in Node with DuckDB-WASM (the same build), its statements run as the worker runs
 * them: pending queries in slices with a yield between (SyncEngine.run with a signal), so the two
 * columns differ by the browser alone. Warmed first by a read of the file, as the page is.
 */
async function nodeStatements(csv: string): Promise<StatementTiming[]> {
  const bytes = new Uint8Array(readFileSync(csv));
  const engine = await NodeEngine.start();
  try {
    const columns = Array.from({ length: TICKET_COLUMNS }, (_, c) => `${literal(`c${c}`)}: 'VARCHAR'`).join(', ');
    await engine.registerFile('workbench-files/floor.csv', new Blob([bytes]));
    await engine.exec(trusted(`CREATE TABLE floor AS SELECT * FROM read_csv('workbench-files/floor.csv', auto_detect = false, header = false, delim = ',', quote = '"', escape = '"', skip = 1, columns = {${columns}})`));
    await engine.exec(trusted('DROP TABLE floor'));
    await engine.dropFile('workbench-files/floor.csv');
    const signal = new AbortController().signal;
    const paced: Engine = {
      query: async (q) => tableFromIPC(await engine.run(q.text, q.params, signal)),
      exec: async (q) => void (await engine.run(q.text, q.params, signal)),
      insertArrow: (t, ipc, mode) => engine.insertArrow(t, ipc, mode),
      registerFile: (n, f) => engine.registerFile(n, f),
      dropFile: (n) => engine.dropFile(n),
    };
    const since = performance.now();
    const parsed = await parseImportWithEngine(paced, { name: basename(csv), bytes }, { table: 'tickets' });
    await loadParsedImport(paced, parsed);
    return statementTimings(since);
  } finally {
    engine.close();
  }
}

/** Browser statements (medians over the runs) beside the same statements in Node. */
function statementTable(browserRuns: StatementTiming[][], node: StatementTiming[]): string[] {
  const byLabel = (list: StatementTiming[]) => {
    const out = new Map<string, StatementTiming>();
    for (const t of list) {
      const key = stableLabel(t.label);
      const had = out.get(key);
      out.set(key, had ? { ...had, ms: had.ms + t.ms, sliceMs: had.sliceMs + t.sliceMs, paceMs: had.paceMs + t.paceMs, readMs: had.readMs + t.readMs, reads: had.reads + t.reads, readBytes: had.readBytes + t.readBytes, slices: had.slices + t.slices, longestSliceMs: Math.max(had.longestSliceMs, t.longestSliceMs) } : t);
    }
    return out;
  };
  const runs = browserRuns.map(byLabel);
  const nodeBy = byLabel(node);
  const labels = [...new Set(browserRuns.flatMap((r) => r.map((t) => stableLabel(t.label))))];
  const out = [`  ${'browser ms'.padStart(9)} ${'slices'.padStart(6)} ${'longest'.padStart(8)} ${'pauses'.padStart(7)} ${'file reads'.padStart(16)} ${'Node ms'.padStart(9)} ${'÷Node'.padStart(6)}  statement`];
  const totals = { browser: 0, node: 0 };
  for (const label of labels) {
    const seen = runs.map((r) => r.get(label)).filter((t): t is StatementTiming => Boolean(t));
    const m = (f: (t: StatementTiming) => number) => median(seen.map(f));
    const ms = m((t) => t.ms);
    if (ms < 50) continue;
    const n = nodeBy.get(label);
    if (n) {
      totals.browser += ms;
      totals.node += n.ms;
    }
    const reads = m((t) => t.reads) > 0 ? `${Math.round(m((t) => t.reads))}× ${Math.round(m((t) => t.readBytes) / 1e6)} MB ${fmtMs(m((t) => t.readMs))}` : '';
    out.push(
      `  ${fmtMs(ms).padStart(9)} ${String(Math.round(m((t) => t.slices))).padStart(6)} ${fmtMs(m((t) => t.longestSliceMs)).padStart(8)} ${fmtMs(m((t) => t.paceMs)).padStart(7)} ${reads.padStart(16)} ${(n ? fmtMs(n.ms) : '—').padStart(9)} ${(n ? fmtRatio(ms / n.ms) : '').padStart(6)}  ${label}`,
    );
  }
  out.push(`  statements in both: browser ${fmtMs(totals.browser)}, Node ${fmtMs(totals.node)}, ratio ${fmtRatio(totals.browser / totals.node)}`);
  return out;
}
