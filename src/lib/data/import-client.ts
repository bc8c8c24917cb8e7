// The page's side of the import worker. Each file gets its own worker: cancel is then simply
// terminate (nothing half-parsed can linger), and a parse that runs out of memory kills only
// its own worker, never the page or the engine.
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { scriptWorker, warmScriptWorker } from '$lib/platform/classic-script';
import type { CsvHead } from '$lib/import/engine-csv';
import type { OnHandedPart } from '$lib/import/csv-prepare';
import { unpackIssues } from '$lib/import/issue-chunks';
import { sizedForEnginePath } from '$lib/import/engine-path';
import { SNIFF_BYTES, sniffFormat } from '$lib/import/sniff';
import { READY_GB18030_MESSAGE, type FindingsOutcome, type ImportOutcome, type ImportWorkerApi, type ImportWorkerOptions, type ImportWorkerProgress, type PrepareOutcome } from '../../../workers/import-api';

export interface ImportJob<T = ImportOutcome> {
  outcome: Promise<T>;
  cancel(): void;
}

export function parseInWorker(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): ImportJob {
  const job = inWorker<ImportOutcome>(file, (remote) => remote.parse(file, options, proxy(onProgress)));
  return { ...job, outcome: job.outcome.then(withIssues) };
}

/** The report's lists, sent as text (issue-chunks.ts), put back a chunk per task. */
async function withIssues(outcome: ImportOutcome): Promise<ImportOutcome> {
  if (!outcome.ok || !outcome.issues) return outcome;
  return { ok: true, parsed: { ...outcome.parsed, report: await unpackIssues(outcome.parsed.report, outcome.issues) } };
}

/**
 * Whether a file is for the engine path's worker step (prepareCsv): a CSV of at least
 * engineMinBytes, its encoding not forced. The worker's step says no to anything else at once —
 * but only after a round trip that takes the ready worker with it, so an XLSX's parse then waited
 * about 0.25 s for a new worker to start before its first row. The first 4 KiB tell here.
 */
export async function wantsCsvPreparation(file: File, options: ImportWorkerOptions): Promise<boolean> {
  if (!sizedForEnginePath(file.size, options)) return false;
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    return sniffFormat(file.name, head, file.size).format === 'csv';
  } catch {
    // Unreadable (moved, locked): the worker's parse meets the same and says so in its own words.
    return false;
  }
}

/** The engine path's worker step (ImportWorkerApi.prepareCsv); cancel terminates the worker. */
export function prepareInWorker(
  file: File,
  options: ImportWorkerOptions,
  onProgress: (p: ImportWorkerProgress) => void,
  onHead?: (head: CsvHead, from: 'file' | 'parts') => void,
  onPart?: OnHandedPart,
  lane?: { lane: string; port: MessagePort },
): ImportJob<PrepareOutcome> {
  return inWorker<PrepareOutcome>(file, (remote) => remote.prepareCsv(file, options, proxy(onProgress), onHead && proxy(onHead), onPart && proxy(onPart), lane && transfer(lane, [lane.port])));
}

/**
 * A worker started ahead of the next file: starting one (its script parsed and run) took about
 * 0.25 s after a file was chosen, with nothing to show for it meanwhile.
 */
let spare: Promise<Worker> | null = null;
/** Whether the spare has been asked to ready its GB18030 transcoder (readySpare). */
let spareReadied = false;
/** Holds on the spare (holdSpare): import workers at work, and imports whose engine stage is under way. */
let held = 0;

/**
 * Keep the spare's making and readying for later while a file is read: made during an import,
 * it evaluated its 0.9 MB script (about 0.2 s) on the two cores the import needs, and readied
 * once the worker's pass was done, its GB18030 tables and warm-up ran during DuckDB's last reads.
 * Every import worker holds it while it works; the import queue holds it through the engine's
 * stage too. The last release makes and readies it when the page is next idle.
 */
export function holdSpare(): () => void {
  held++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--held > 0) return;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => warmImportWorker(), { timeout: 5000 });
    else warmImportWorker();
  };
}

/** Ready the import worker while the page is idle (see warmScriptWorker): the next file then starts at once. */
export function warmImportWorker(): void {
  warmScriptWorker('import-worker');
  if (spare || held > 0) return;
  const started = scriptWorker('import-worker');
  spare = started;
  spareReadied = false;
  started.catch(() => {
    if (spare === started) spare = null;
  });
  readySpare();
}

/**
 * Ask the spare to build its GB18030 tables (import.worker.ts), which a GBK file's first progress
 * otherwise waits for. Not while it is held: built during an import, its tables cost that
 * import's scan (0.3–1.1 s longer in three alternating pairs).
 */
function readySpare(): void {
  if (!spare || spareReadied || held > 0) return;
  spareReadied = true;
  spare.then(
    (worker) => worker.postMessage(READY_GB18030_MESSAGE),
    () => undefined,
  );
}

/** The spare worker if there is one (the next is made when the last hold is released), else a new worker. */
function takeWorker(): Promise<Worker> {
  const taken = spare;
  spare = null;
  return taken ?? scriptWorker('import-worker');
}

function inWorker<T extends ImportOutcome | PrepareOutcome>(file: File, call: (remote: Remote<ImportWorkerApi>) => Promise<T>): ImportJob<T> {
  let worker: Worker | null = null;
  let settle: ((outcome: T) => void) | null = null;
  const release = holdSpare();
  const finish = (outcome: T) => {
    if (settle) release();
    settle?.(outcome);
    settle = null;
    worker?.terminate();
  };
  const outcome = new Promise<T>((resolve) => {
    settle = resolve;
  });
  const failed = (zh: string, en: string) => ({ ok: false, probe: null, error: { code: 'load-failed', zh, en, file: file.name } }) as T;
  // The worker started while the page was idle, or one started now (its script loaded on first use).
  takeWorker().then(
    (started) => {
      if (!settle) {
        started.terminate(); // cancelled while the script loaded
        return;
      }
      worker = started;
      worker.addEventListener('error', (e) => {
        console.error(`the import worker for ${file.name} stopped`, e.message);
        finish(failed('解析进程意外终止（可能内存不足），原有数据未受影响', 'the parsing worker stopped unexpectedly (out of memory?); the existing data is unchanged'));
      });
      call(wrap<ImportWorkerApi>(worker)).then(finish, (error: unknown) => {
        console.error(`parsing ${file.name} failed`, error);
        finish(failed('读取文件时出错，原有数据未受影响；详细信息见浏览器控制台（F12）', 'reading the file failed; the existing data is unchanged (details in the browser console, F12)'));
      });
    },
    (error: unknown) => {
      console.error('the import worker could not be started', error);
      finish(failed('无法启动解析进程（工作台文件不完整？），原有数据未受影响', 'the parsing worker could not start (is the workbench folder complete?); the existing data is unchanged'));
    },
  );
  return {
    outcome,
    cancel() {
      finish({ ok: false, probe: null, error: { code: 'cancelled', zh: '导入已取消', en: 'import cancelled', file: file.name } } as T);
    },
  };
}

/**
 * A findings file read in a worker of its own: SheetJS on a hostile workbook then costs a worker,
 * never the page. The worker is ended when the answer comes back.
 */
export async function readFindingsInWorker(file: File, timeoutMs = FINDINGS_READ_TIMEOUT_MS): Promise<FindingsOutcome> {
  const worker = await scriptWorker('import-worker');
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<FindingsOutcome>((resolve, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(e.message)));
      // A reader stuck on a damaged file is stopped: the worker is terminated below.
      timer = setTimeout(() => resolve({ ok: false, problem: 'unreadable' }), timeoutMs);
      wrap<ImportWorkerApi>(worker).readFindings(file).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

/** A findings file is at most 20 MB and reads in well under a second; a minute means stuck. */
export const FINDINGS_READ_TIMEOUT_MS = 60_000;
