// Where a long statement's time goes inside the engine, for the import bench (issue 12): the
// statement's wall time split into DuckDB's own slices (pollPendingQuery), the pauses between
// them (the event-loop yield that lets a cancel in), and the file reads DuckDB asked of the
// runtime during it (a browser File is read with FileReaderSync, slice by slice), with the WASM
// heap's size before and after. Recording costs two clock reads per slice; only statements of
// at least MIN_LOGGED_MS are kept, and at most MAX_ENTRIES of them.

export interface StatementTiming {
  /** The statement's first words, import table names shortened (`__import_<id>_raw` → `raw`). */
  label: string;
  ms: number;
  /** Slices DuckDB ran (1 for a statement run in one call), and the time inside them. */
  slices: number;
  sliceMs: number;
  /** The longest slice: how long a cancel can wait for the thread. */
  longestSliceMs: number;
  /** Time between slices: the yields to the event loop. */
  paceMs: number;
  /** File reads through the runtime during the statement. */
  reads: number;
  readBytes: number;
  readMs: number;
  /** WASM heap bytes when the statement started and ended. */
  heapBefore: number;
  heapAfter: number;
  /** performance.now() at the start, in the thread that ran it. */
  startedAt: number;
}

const MIN_LOGGED_MS = 20;
const MAX_ENTRIES = 500;

const entries: StatementTiming[] = [];
/** File reads counted by the runtime wrapper (countFileReads), read around each statement. */
const reads = { count: 0, bytes: 0, ms: 0 };
/** What DuckDB has done while a long statement runs (watchEngineWork). */
export interface EngineWork {
  /** Bytes read from files since the watch was set. */
  bytesRead: number;
  /** DuckDB's steps finished in the statement now running (see ROWS_PER_SLICE). */
  slices: number;
}

/**
 * Rows a step of a pending query moves through a scan: DuckDB runs a pipeline task for at most
 * 50 vectors of 2,048 rows before it hands the thread back (PARTIAL_CHUNK_COUNT in its executor).
 * Steps times this is how far a statement scanning a table has got, to within one step.
 */
export const ROWS_PER_SLICE = 50 * 2048;

/** Told after every file read and every step (watchEngineWork); bytes count from when it was set. */
let workWatcher: { listener: (work: EngineWork) => void; base: number } | null = null;

/**
 * Tell `listener` what DuckDB has done since now, after each file read and each step of a
 * statement, from inside the statement (an import's progress while one long statement runs: the
 * bytes of its read_csv, the steps of its checks); null stops.
 */
export function watchEngineWork(listener: ((work: EngineWork) => void) | null): void {
  workWatcher = listener ? { listener, base: reads.bytes } : null;
}

/** The slices of the statement running now (one at a time in a worker: the last one started). */
let runningSlices = 0;

export function statementLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/"__import_[a-z0-9]+_([a-z_0-9]+)"/g, '$1')
    .slice(0, 120);
}

/**
 * A probe for one statement: call `slice` around each DuckDB call, `end` once it is done. A
 * statement run in one call (`watched: false`) is logged but told to no watcher: its single step
 * says nothing about how far a long statement has got, and would reset the count between them.
 */
export function startStatement(text: string, heapBytes: () => number, options: { watched?: boolean } = {}) {
  const watched = options.watched ?? true;
  const t0 = performance.now();
  const readsBefore = { ...reads };
  const heapBefore = heapBytes();
  let slices = 0;
  let sliceMs = 0;
  let longestSliceMs = 0;
  if (watched) runningSlices = 0;
  return {
    slice<T>(step: () => T): T {
      const s = performance.now();
      try {
        return step();
      } finally {
        const took = performance.now() - s;
        slices++;
        if (watched) {
          runningSlices = slices;
          if (workWatcher) workWatcher.listener({ bytesRead: reads.bytes - workWatcher.base, slices });
        }
        sliceMs += took;
        longestSliceMs = Math.max(longestSliceMs, took);
      }
    },
    end(): void {
      const ms = performance.now() - t0;
      if (ms < MIN_LOGGED_MS) return;
      if (entries.length >= MAX_ENTRIES) entries.shift();
      entries.push({
        label: statementLabel(text),
        ms,
        slices,
        sliceMs,
        longestSliceMs,
        paceMs: ms - sliceMs,
        reads: reads.count - readsBefore.count,
        readBytes: reads.bytes - readsBefore.bytes,
        readMs: reads.ms - readsBefore.ms,
        heapBefore,
        heapAfter: heapBytes(),
        startedAt: t0,
      });
    },
  };
}

/** The statements logged since `since` (performance.now() of this thread), oldest first. */
export function statementTimings(since = 0): StatementTiming[] {
  return entries.filter((e) => e.startedAt >= since);
}

/**
 * Count (and time) every file read DuckDB asks of its runtime. The runtime is a plain object of
 * functions (DuckDB-WASM's BROWSER_RUNTIME / NODE_RUNTIME); its readFile is wrapped in place.
 */
export function countFileReads<R extends { readFile: (...args: never[]) => number }>(runtime: R): R {
  const original = runtime.readFile;
  runtime.readFile = ((...args: never[]) => {
    const t0 = performance.now();
    const n = original.apply(runtime, args);
    reads.count++;
    reads.bytes += n;
    reads.ms += performance.now() - t0;
    if (workWatcher) workWatcher.listener({ bytesRead: reads.bytes - workWatcher.base, slices: runningSlices });
    return n;
  }) as R['readFile'];
  return runtime;
}
