// The data page's imports as reactive state: files are parsed in a worker one after another, in
// the order chosen (a later file wins on a repeated key), shown for review when the mapping is
// not certain, then committed through the workbench. Nothing here touches the DOM.
import { setColumn, type HeaderMapping, type MappingPreset, type TextEncodingName } from '$lib/import';
import type { TableName } from '$lib/schema';
import type { Workbench } from '$lib/state/workbench.svelte';
import type { HeaderProbe, ImportFailure, ImportOutcome, ImportWorkerOptions, ImportWorkerProgress, ParsedFile, PreparedCsv } from '../../../workers/import-api';
import { CommitError, type CommitResult } from './commit';
import { holdSpare, parseInWorker, prepareInWorker, wantsCsvPreparation } from './import-client';
import { discardStaged, PendingEngineImport, type EngineCsvImport } from './engine-import';
import { isImportError } from '$lib/import';
import { cancelled, isOutOfMemory, outOfMemory } from '$lib/import/errors';
import { copyRefusal } from '$lib/import/file-size';
import { paced } from '$lib/ui/paced';
import { stagedInPlace } from '$lib/import/upsert';

/** 'saving': the rows are in DuckDB and the figures show them; IndexedDB is being written. */
export type EntryState = 'queued' | 'parsing' | 'review' | 'loading' | 'saving' | 'done' | 'error' | 'cancelled';

export interface EntryOptions {
  encoding?: TextEncodingName;
  sheet?: string;
  table?: TableName;
}

let nextId = 1;

/**
 * A file's progress is shown at most this often (ui/paced.ts). It comes about 25 times a second
 * from the import worker and the engine; shown each time, the page laid out and painted for each.
 */
const PROGRESS_SHOWN_EVERY_MS = 100;

/** The import core's cancel message (import/errors.ts), as the page keeps a failure. */
function cancelledFailure(entry: ImportEntry): ImportFailure {
  const { code, zh, en } = cancelled(entry.file.name);
  return { code, zh, en, file: entry.file.name };
}

function cancelledOutcome(entry: ImportEntry): ImportOutcome {
  return { ok: false, probe: null, error: cancelledFailure(entry) };
}

export class ImportEntry {
  readonly id = nextId++;
  state = $state<EntryState>('queued');
  progress = $state.raw<ImportWorkerProgress | null>(null);
  parsed = $state.raw<ParsedFile | null>(null);
  /** Header found when the parse stopped for want of a key or required column. */
  probe = $state.raw<HeaderProbe | null>(null);
  /** The mapping on screen, edited by the user. */
  mapping = $state.raw<HeaderMapping | null>(null);
  options = $state.raw<EntryOptions>({});
  error = $state.raw<ImportFailure | null>(null);
  result = $state.raw<CommitResult | null>(null);
  /** True once the user changed a mapping row: the parse must be redone with it. */
  edited = false;
  cancelJob: (() => void) | null = null;
  decide: ((go: boolean) => void) | null = null;

  constructor(
    readonly file: File,
    readonly batch: number,
  ) {}
}

export interface StatusSummary {
  state: 'idle' | 'running' | 'saving' | 'done' | 'error';
  rowsRead: number | null;
  rowsRejected: number | null;
  duplicatesReplaced: number | null;
  message: { file: string; zh: string; en: string } | null;
}

export class ImportQueue {
  entries = $state<ImportEntry[]>([]);
  private batch = 0;
  private running = false;

  constructor(
    private readonly workbench: Workbench,
    private readonly loadPresets: () => Promise<MappingPreset[]>,
    private readonly savePreset: (mapping: HeaderMapping) => Promise<unknown>,
    /** CSVs from this size take the engine path (the default lives in the import worker). */
    private readonly engineMinBytes?: number,
    /** The size of the parts a CSV's UTF-8 is handed on in (csv-prepare.ts PART_BYTES unless told; tests make it small). */
    private readonly partBytes?: number,
  ) {}

  add(files: readonly File[]): void {
    if (files.length === 0) return;
    // Chosen during startup: the parse starts now, the commit waits for the engine, and the
    // sample this import would replace is never loaded.
    this.workbench.noteImportRequested();
    this.batch++;
    for (const file of files) this.entries.push(new ImportEntry(file, this.batch));
    void this.pump();
  }

  get current(): ImportEntry[] {
    return this.entries.filter((e) => e.batch === this.batch);
  }

  /** What the status element says about the latest import (the files chosen together). */
  get status(): StatusSummary {
    const latest = this.current;
    // A file being saved is loaded already: its counts show, and the status says it is saving.
    const done = latest.filter((e) => (e.state === 'done' || e.state === 'saving') && e.result);
    const sum = (f: (r: CommitResult) => number) => (done.length ? done.reduce((s, e) => s + f(e.result!), 0) : null);
    const failed = [...latest].reverse().find((e) => e.state === 'error' || e.state === 'cancelled');
    let state: StatusSummary['state'] = 'idle';
    if (latest.some((e) => e.state === 'queued' || e.state === 'parsing' || e.state === 'loading')) state = 'running';
    else if (latest.some((e) => e.state === 'review')) state = 'idle';
    else if (latest.some((e) => e.state === 'saving')) state = 'saving';
    else if (failed) state = 'error';
    else if (done.length) state = 'done';
    return {
      state,
      rowsRead: sum((r) => r.rowsRead),
      rowsRejected: sum((r) => r.rowsRejected),
      duplicatesReplaced: sum((r) => r.duplicatesReplaced),
      message: failed?.error ? { file: failed.error.file || failed.file.name, zh: failed.error.zh, en: failed.error.en } : null,
    };
  }

  get busy(): boolean {
    return this.entries.some((e) => e.state === 'queued' || e.state === 'parsing' || e.state === 'loading' || e.state === 'saving' || e.state === 'review');
  }

  /** The user accepts the mapping on screen. */
  confirm(entry: ImportEntry): void {
    entry.decide?.(true);
  }

  /** Cancel a file: stops its parse (the worker is terminated) or drops it from review. Loading cannot be interrupted halfway. */
  cancel(entry: ImportEntry): void {
    if (entry.state === 'parsing') entry.cancelJob?.();
    else if (entry.state === 'review') entry.decide?.(false);
    else if (entry.state === 'queued') entry.state = 'cancelled';
  }

  setMapping(entry: ImportEntry, index: number, column: string | null): void {
    if (!entry.mapping) return;
    entry.mapping = setColumn(entry.mapping, index, column);
    entry.edited = true;
  }

  /** A different encoding, sheet or target table: parse again (a loaded file is loaded again; the later import wins). */
  reparse(entry: ImportEntry, change: EntryOptions): void {
    entry.options = { ...entry.options, ...change };
    entry.edited = false;
    entry.mapping = null;
    if (entry.state === 'review') entry.decide?.(false);
    else if (entry.state === 'parsing') entry.cancelJob?.();
    entry.state = 'queued';
    entry.error = null;
    entry.result = null;
    void this.pump();
  }

  remove(entry: ImportEntry): void {
    if (entry.state === 'parsing' || entry.state === 'loading' || entry.state === 'saving' || entry.state === 'review') return;
    this.entries = this.entries.filter((e) => e !== entry);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // The engine's background copies (the sample's, which this import will likely replace) wait
    // until the files are in: they would take the thread from the import.
    const engine = this.workbench.whenEngine();
    void engine.then((e) => e?.importUnderWay(true)).catch(() => undefined);
    try {
      for (;;) {
        const entry = this.entries.find((e) => e.state === 'queued');
        if (!entry) break;
        await this.process(entry);
      }
    } finally {
      this.running = false;
      // Chained on the same promise as `true`, so it cannot overtake it.
      void engine.then((e) => e?.importUnderWay(false)).catch(() => undefined);
    }
  }

  /**
   * Parse one file: a big CSV goes the engine path (the worker decides the header and scans,
   * DuckDB reads and validates); anything else, or a CSV DuckDB would read differently, is parsed
   * in the worker as before. Both give the same result; cancel stops either at once.
   */
  private async parse(entry: ImportEntry, mapping?: HeaderMapping): Promise<ImportOutcome> {
    entry.state = 'parsing';
    entry.progress = { bytesRead: 0, totalBytes: entry.file.size, rows: 0 };
    // Both from IndexedDB, before the worker starts: asked together.
    const [presets, emptyTables] = await Promise.all([this.loadPresets().catch(() => []), this.workbench.emptyTables()]);
    const options = { ...entry.options, mapping, presets, engineMinBytes: this.engineMinBytes, partBytes: this.partBytes, emptyTables };
    const progress = paced((p: ImportWorkerProgress) => (entry.progress = p), PROGRESS_SHOWN_EVERY_MS);
    // No spare worker is made or readied until the file is read (holdSpare).
    const releaseSpare = holdSpare();
    try {
      if (await wantsCsvPreparation(entry.file, options)) {
        const outcome = await this.prepareOnEngine(entry, options, (p) => progress.push(p));
        if (outcome) return outcome;
      }
      const job = parseInWorker(entry.file, options, (p) => progress.push(p));
      entry.cancelJob = job.cancel;
      try {
        return await job.outcome;
      } finally {
        entry.cancelJob = null;
      }
    } finally {
      progress.cancel();
      releaseSpare();
    }
  }

  /**
   * A big CSV scanned in the worker and read by the engine: the outcome, or null when the worker's
   * parse must decide (the file turned out not to suit the engine path).
   */
  private async prepareOnEngine(entry: ImportEntry, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): Promise<ImportOutcome | null> {
    // The engine now, or once it has started: a file chosen during startup is scanned meanwhile.
    const pending = new PendingEngineImport(this.workbench.whenEngine(), entry.file, onProgress);
    // With the engine started, the parts go to it straight from the import worker; during
    // startup they wait on the page (PendingEngineImport) as before.
    const engine = this.workbench.engine;
    const lane = engine?.openPartLane() ?? null;
    try {
      return await this.prepareAndStage(entry, options, pending, lane);
    } finally {
      if (lane) engine?.closeLane(lane.lane);
    }
  }

  private async prepareAndStage(
    entry: ImportEntry,
    options: ImportWorkerOptions,
    pending: PendingEngineImport,
    lane: { lane: string; port: MessagePort } | null,
  ): Promise<ImportOutcome | null> {
    const prepareJob = prepareInWorker(
      entry.file,
      options,
      (p) => pending.workerProgress(p),
      (head, from) => pending.headDecided(head, from),
      (part, last, fileBytes, readable) => pending.partReady(part, last, fileBytes, readable),
      lane ?? undefined,
    );
    entry.cancelJob = () => {
      prepareJob.cancel();
      pending.cancel();
    };
    let prepared;
    try {
      prepared = await prepareJob.outcome;
      // For the bench: how long the worker's scan (and transcoding) took; a UTF-8 file's read began before.
      performance.mark('workbench:import-prepared');
    } finally {
      entry.cancelJob = null;
    }
    if (!(prepared.ok && prepared.prepared) || pending.stopped) void pending.discard();
    if (!prepared.ok && prepared.error.code === 'cancelled') return prepared;
    if (!prepared.ok && prepared.error.code === 'too-large') return prepared;
    if (prepared.ok && prepared.prepared && !pending.stopped) {
      // At once when the engine has started; during startup, once it has.
      entry.cancelJob = () => pending.cancel();
      const engineImport = await pending.ready().finally(() => (entry.cancelJob = null));
      if (!engineImport && pending.stopped) return cancelledOutcome(entry);
      const staged = engineImport && !engineImport.signal.aborted ? await this.stageOnEngine(entry, engineImport, prepared.prepared) : null;
      if (staged) return staged;
    }
    return null;
  }

  /** Stage a scanned CSV in the engine: the outcome, or null when the worker's parse must decide. */
  private async stageOnEngine(entry: ImportEntry, engineImport: EngineCsvImport, prepared: PreparedCsv): Promise<ImportOutcome | null> {
    // Cancel answers at once; the engine interrupts its statement and clears up behind it.
    const aborted = new Promise<'aborted'>((resolve) => engineImport.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    entry.cancelJob = () => engineImport.cancel();
    try {
      const staging = engineImport.stage(prepared);
      staging.catch(() => undefined);
      const parsed = await Promise.race([staging, aborted]);
      if (parsed === 'aborted') throw new Error('cancelled');
      return parsed ? { ok: true, parsed } : null;
    } catch (error) {
      if (engineImport.signal.aborted) return cancelledOutcome(entry);
      // Past DuckDB's memory the worker's parse would hold even more: the file is too large here.
      if (isOutOfMemory(error)) {
        console.warn(`import of ${entry.file.name} ran out of memory`, error);
        const { code, zh, en } = outOfMemory();
        return { ok: false, error: { code, zh, en, file: entry.file.name }, probe: null };
      }
      // An engine failure is no verdict on the file: the worker's parse decides.
      if (!isImportError(error)) console.warn('engine path failed; parsing in the worker', error);
      return null;
    } finally {
      entry.cancelJob = null;
    }
  }

  private async process(entry: ImportEntry): Promise<void> {
    let outcome = await this.parse(entry);
    if (entry.state !== 'parsing') {
      // Re-queued by a change of options meanwhile.
      if (outcome.ok) discardStaged(this.workbench.engine, outcome.parsed.staged);
      return;
    }
    if (!outcome.ok) {
      entry.error = outcome.error;
      entry.probe = outcome.probe;
      if (!outcome.probe) {
        entry.state = outcome.error.code === 'cancelled' ? 'cancelled' : 'error';
        return;
      }
      entry.mapping = outcome.probe.mapping;
    } else {
      entry.parsed = outcome.parsed;
      entry.probe = null;
      entry.mapping = outcome.parsed.mapping;
    }

    const mustReview = !outcome.ok || outcome.parsed.needsReview;
    if (mustReview) {
      entry.state = 'review';
      const go = await new Promise<boolean>((resolve) => (entry.decide = resolve));
      entry.decide = null;
      if (entry.state !== 'review') return; // re-queued
      if (!go) {
        if (outcome.ok) discardStaged(this.workbench.engine, outcome.parsed.staged);
        entry.state = 'cancelled';
        entry.error = cancelledFailure(entry);
        return;
      }
      entry.error = null;
      if (entry.edited || !outcome.ok) {
        // The rows were coerced under the old mapping: parse again under the confirmed one.
        if (outcome.ok) discardStaged(this.workbench.engine, outcome.parsed.staged);
        outcome = await this.parse(entry, $state.snapshot(entry.mapping!) as HeaderMapping);
        if ((entry.state as EntryState) !== 'parsing') return;
        if (!outcome.ok) {
          entry.error = outcome.error;
          entry.state = outcome.error.code === 'cancelled' ? 'cancelled' : 'error';
          return;
        }
        entry.parsed = outcome.parsed;
        entry.mapping = outcome.parsed.mapping;
      }
      await this.savePreset(entry.mapping!).catch((e) => console.warn('saving the mapping preset failed', e));
    }
    if (!outcome.ok) return;
    const parsed = outcome.parsed;

    if (parsed.report.rowsLoaded === 0) {
      // Nothing loadable: the loaded data (the sample included) stays exactly as it is.
      discardStaged(this.workbench.engine, parsed.staged);
      const first = parsed.report.rejected[0];
      entry.state = 'error';
      entry.error = {
        code: 'load-failed',
        file: parsed.file,
        zh: parsed.report.rowsRead === 0 ? '文件中没有数据行' : `${parsed.report.rowsRejected} 行全部无法导入${first ? `（如第 ${first.row} 行：${first.zh}）` : ''}`,
        en: parsed.report.rowsRead === 0 ? 'the file has no data rows' : `all ${parsed.report.rowsRejected} rows were rejected${first ? ` (e.g. row ${first.row}: ${first.en})` : ''}`,
      };
      return;
    }

    const refusal = copyRefusal(parsed.file, parsed.size, Boolean(parsed.staged && stagedInPlace(parsed.staged)));
    if (refusal) {
      discardStaged(this.workbench.engine, parsed.staged);
      entry.state = 'error';
      entry.error = refusal;
      return;
    }

    entry.state = 'loading';
    try {
      entry.result = await this.workbench.commit(parsed, (committed) => {
        entry.result = committed;
        entry.state = 'saving';
      });
      entry.state = 'done';
    } catch (error) {
      entry.state = 'error';
      if (!(error instanceof CommitError)) console.error(`importing ${parsed.file} failed`, error);
      entry.error =
        error instanceof CommitError
          ? { code: 'load-failed', zh: error.zh, en: error.en, file: parsed.file }
          : { code: 'load-failed', zh: '导入失败，原有数据未受影响；详细信息见浏览器控制台（F12）', en: 'the import failed; the existing data is unchanged (details in the browser console, F12)', file: parsed.file };
    } finally {
      // The batches were handed to the engine worker; drop the emptied views.
      entry.parsed = { ...parsed, batches: [], extraBatches: [] };
    }
  }
}
