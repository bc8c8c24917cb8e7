// The page's side of a CSV import on the engine path: the import worker decides the header and
// scans (and, for GBK, transcodes) the file; here DuckDB reads it and validates it in SQL
// (import/staged-csv.ts), each statement cancellable. DuckDB starts reading as soon as the worker
// has decided the header, beside the worker's scan (two threads): part by part as the worker hands
// the file's UTF-8 on (import/csv-parts.ts), or the file itself when it comes whole (a UTF-8 file
// over 1 GiB); the scan's findings are checked once it ends. Null from `stage` means "not this way": the
// caller then parses in the worker as before, whose result the engine path reproduces exactly.
import type { EngineClient } from '$lib/engine';
import type { Engine } from '$lib/engine/types';
import { ROWS_PER_SLICE } from '$lib/engine/statement-log';
import { cancelled } from '$lib/import/errors';
import { dataRecordsOf, type OnHandedPart } from '$lib/import/csv-prepare';
import { discardEarlyRead, parsedFromStage, stageRegistered, startEarlyRead, type CsvHead, type EarlyRead, type ReadAs } from '$lib/import/engine-csv';
import { CsvPartsRead, type HandedPart } from '$lib/import/csv-parts';
import { dropImportTables } from '$lib/import/staged-csv';
import { importId } from '$lib/import/raw-read';
import { dropStaged, type StagedTables } from '$lib/import/upsert';
import type { ImportWorkerProgress, ParsedFile, PreparedCsv } from '../../../workers/import-api';

export class EngineCsvImport {
  readonly id = importId();
  /** The relations staging has named (made, or about to be): what a cancel leaves is dropped by name. */
  private readonly named = new Set<string>();
  private readonly controller = new AbortController();
  private readonly engine: Engine;
  private early: Promise<EarlyRead | null> | null = null;
  /** Bytes DuckDB has read of the file, once it reads; the worker's rows scanned meanwhile. */
  private engineBytes: number | null = null;
  private rows = 0;
  private watching = false;
  /** Once DuckDB has read the rows: its checks done, about how many there are, and the rows each goes through. */
  private checks: { step: number; steps: number; total: number; rows: number } | null = null;
  /** The file's UTF-8 read part by part, and parts that came before its header decision. */
  private parts: CsvPartsRead | null = null;
  private readonly partsWaiting: Parameters<OnHandedPart>[] = [];
  /**
   * Where each part ends, in the UTF-8 DuckDB reads and in the file: DuckDB's bytes are told in
   * the file's bytes, as the worker's are, so the bar never jumps back (a transcoding's differ).
   */
  private readonly partEnds: { utf8: number; file: number }[] = [];
  private partsComplete: () => void = () => undefined;
  /** Resolves once every part is in (or the import is cancelled). */
  private readonly allParts = new Promise<void>((resolve) => (this.partsComplete = resolve));

  constructor(
    private readonly client: EngineClient,
    private readonly file: File,
    private readonly onProgress: (p: ImportWorkerProgress) => void,
  ) {
    this.engine = client.cancellable(this.controller.signal);
    this.controller.signal.addEventListener('abort', () => this.partsComplete(), { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Cancel: the running statement is interrupted; `stage` then rejects and clears what it made. */
  cancel(): void {
    this.controller.abort();
  }

  /** The worker's progress: its bytes until DuckDB reads, after that DuckDB's bytes and the worker's rows. */
  workerProgress(p: ImportWorkerProgress): void {
    this.rows = p.rows;
    this.onProgress(this.engineBytes === null ? p : { ...p, bytesRead: Math.min(this.fileBytesRead(this.engineBytes), p.totalBytes), rowsScanned: true });
  }

  /** DuckDB's bytes read as bytes of the file: the same for a UTF-8 file read whole; for parts, through their ends. */
  private fileBytesRead(engineBytes: number): number {
    if (!this.parts) return engineBytes;
    let before = { utf8: 0, file: 0 };
    for (const end of this.partEnds) {
      if (engineBytes <= end.utf8) {
        const within = end.utf8 > before.utf8 ? (engineBytes - before.utf8) / (end.utf8 - before.utf8) : 1;
        return Math.round(before.file + within * (end.file - before.file));
      }
      before = end;
    }
    return before.file;
  }

  /**
   * The header is decided: DuckDB starts reading now, while the worker scans on: the parts of the
   * file's UTF-8 as they come (partReady), or the file itself.
   */
  headDecided(head: CsvHead, from: 'file' | 'parts' = 'file'): void {
    if (this.early || this.controller.signal.aborted) return;
    if (from === 'parts') {
      const watched = this.watchWork(this.file.size);
      // The client itself registers the parts' files: on a lane, or moved from here.
      const parts = new CsvPartsRead(this.client, () => this.client.transaction(this.controller.signal), head, this.id);
      this.parts = parts;
      for (const waiting of this.partsWaiting.splice(0)) this.partReady(...waiting);
      this.early = watched.then(() => parts);
    } else {
      this.early = this.watchWork(this.file.size).then(() => startEarlyRead(this.engine, this.file, head, this.id));
    }
    this.early.catch(() => undefined);
  }

  /** The next part of the file's UTF-8 (import worker's onPart) and the file's bytes it came from, in order. */
  partReady(part: HandedPart, last: boolean, fileBytes: number, readable: ReadAs[]): void {
    if (this.controller.signal.aborted) return;
    if (!this.parts) {
      this.partsWaiting.push([part, last, fileBytes, readable]);
      return;
    }
    this.parts.add(part, last, readable);
    this.partEnds.push({ utf8: this.parts.totalBytes, file: fileBytes });
    if (last) this.partsComplete();
  }

  /**
   * The worker's scan is done: stage the rows (reading them, unless an early read did). Null when
   * DuckDB's reading is not ours: parse in the worker instead.
   */
  async stage(prepared: PreparedCsv, options: { townshipAliases?: ReadonlyMap<string, string> } = {}): Promise<ParsedFile | null> {
    const t0 = performance.now();
    this.rows = dataRecordsOf(prepared.scan.records, prepared.head);
    try {
      // The worker has handed on every part; their messages may still be on their way.
      if (prepared.parts) await this.allParts;
      const totalBytes = prepared.parts ? this.file.size : prepared.utf8 instanceof Blob ? prepared.utf8.size : prepared.utf8.reduce((n, p) => n + p.length, 0);
      const early = (await this.early) ?? undefined;
      if (prepared.parts && !early) return null;
      if (!early) {
        this.onProgress({ bytesRead: 0, totalBytes, rows: this.rows, rowsScanned: true });
        await this.watchWork(totalBytes);
      }
      const result = await stageRegistered(this.engine, prepared.utf8, prepared.head, prepared.scan, {
        file: this.file.name,
        townshipAliases: options.townshipAliases,
        id: this.id,
        named: this.named,
        early,
        onFallback: (reason) => console.info(`import of ${this.file.name}: the JavaScript path reads it (${reason})`),
        // DuckDB has read the rows: its checks, statement by statement (and within one, step by step: watchWork).
        onStep: (step, steps, rows) => {
          this.checks = { step, steps, total: totalBytes, rows };
          this.checkProgress(0);
        },
        // The page's own work within a check (the report's issue lists): the same display.
        onStepRows: (passed) => this.checkProgress(passed),
      });
      if (!result) return null;
      const { delimiter: _delimiter, ...parsed } = parsedFromStage(this.file.name, prepared.encoding, result);
      performance.mark('workbench:import-engine-path', { detail: { file: this.file.name, ms: performance.now() - t0 } });
      return { ...parsed, size: this.file.size, parseMs: performance.now() - t0 };
    } catch (error) {
      // The interrupted statements could not clean up after themselves: nothing may stay half-made.
      void dropImportTables(this.client, this.id, this.named).catch(() => undefined);
      if (this.controller.signal.aborted) throw cancelled(this.file.name);
      throw error;
    } finally {
      this.stopWatching();
    }
  }

  /** The worker's step failed, was cancelled or found the file not for the engine: drop an early read. */
  async discard(): Promise<void> {
    this.stopWatching();
    this.controller.abort();
    const early = await this.early?.catch(() => null);
    // Cleared with an engine that is not cancelled (the interrupted read could not).
    if (early) await discardEarlyRead(this.client, early);
    await dropImportTables(this.client, this.id, this.named).catch(() => undefined);
  }

  /**
   * DuckDB's work, told as progress from now on: the bytes of the file it has read, then, once
   * its checks begin, how far the running check has got through the rows (its steps; see
   * ROWS_PER_SLICE), so that a check of several seconds still moves the bar.
   */
  private async watchWork(total: number): Promise<void> {
    this.watching = true;
    this.engineBytes = 0;
    await this.client.watchEngineWork((work) => {
      if (!this.watching) return;
      if (this.checks) {
        this.checkProgress(work.slices * ROWS_PER_SLICE);
        return;
      }
      this.engineBytes = work.bytesRead;
      this.onProgress({ bytesRead: Math.min(this.fileBytesRead(work.bytesRead), total), totalBytes: total, rows: this.rows, rowsScanned: true });
    });
  }

  /** The running check has got through this many of the rows (capped to them). */
  private checkProgress(rowsPassed: number): void {
    if (!this.checks) return;
    const { step, steps, total, rows } = this.checks;
    this.onProgress({ bytesRead: total, totalBytes: total, rows, step, steps, stepRows: Math.max(0, Math.min(rows, rowsPassed)) });
  }

  private stopWatching(): void {
    if (!this.watching) return;
    this.watching = false;
    void this.client.watchEngineWork(null).catch(() => undefined);
  }
}

/** Staging tables of a parse that will not be loaded (cancelled at review, parsed again, nothing loadable). */
export function discardStaged(engine: EngineClient | null, staged: StagedTables | null | undefined): void {
  if (engine && staged) void dropStaged(engine, staged);
}

/**
 * The engine path for a file chosen before the engine has started (or while it starts): the
 * worker scans at once, the header it decides is handed to DuckDB when the engine comes, and the
 * file is staged there. Without this such a file took the JavaScript path: a 1M-row CSV chosen
 * the moment #/data opened was saved after 34.8 s, against 22.0 s when chosen once it was ready.
 */
export class PendingEngineImport {
  private current: EngineCsvImport | null = null;
  private head: [CsvHead, 'file' | 'parts'] | null = null;
  private readonly parts: Parameters<OnHandedPart>[] = [];
  private over = false;
  private release: () => void = () => undefined;
  private readonly released = new Promise<null>((resolve) => (this.release = () => resolve(null)));
  private readonly joined: Promise<EngineCsvImport | null>;

  constructor(
    engine: Promise<EngineClient | null>,
    file: File,
    private readonly onProgress: (p: ImportWorkerProgress) => void,
  ) {
    this.joined = engine.then(
      (client) => {
        if (!client || this.over) return null;
        this.current = new EngineCsvImport(client, file, onProgress);
        if (this.head) this.current.headDecided(...this.head);
        for (const waiting of this.parts.splice(0)) this.current.partReady(...waiting);
        return this.current;
      },
      () => null,
    );
  }

  /** Cancelled or discarded: no engine import is made any more, and `ready` answers null. */
  get stopped(): boolean {
    return this.over;
  }

  workerProgress(p: ImportWorkerProgress): void {
    if (this.current) this.current.workerProgress(p);
    else this.onProgress(p);
  }

  headDecided(head: CsvHead, from: 'file' | 'parts' = 'file'): void {
    if (this.current) this.current.headDecided(head, from);
    else this.head = [head, from];
  }

  /** Parts of the file's UTF-8 wait here, in memory, while the engine starts. */
  partReady(part: HandedPart, last: boolean, fileBytes: number, readable: ReadAs[]): void {
    if (this.current) this.current.partReady(part, last, fileBytes, readable);
    else if (!this.over) this.parts.push([part, last, fileBytes, readable]);
  }

  /** The engine import once the engine has started (at once if it has); null if it cannot start, or once stopped. */
  ready(): Promise<EngineCsvImport | null> {
    return Promise.race([this.joined, this.released]);
  }

  cancel(): void {
    this.over = true;
    this.parts.length = 0;
    this.current?.cancel();
    this.release();
  }

  /** The file does not go the engine path after all: drop whatever was begun there. */
  async discard(): Promise<void> {
    this.over = true;
    this.release();
    await this.current?.discard();
  }
}
