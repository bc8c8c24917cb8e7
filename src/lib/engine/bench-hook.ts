// `npm run bench` times queries inside the real page (worker round trip and Arrow decoding
// included). The hook exists only when the address asks for it (`#/?bench=1`).
import { tableToIPC } from 'apache-arrow';
import { ident, literal, sql, SqlFragment, trusted, type SqlValue } from '$lib/sql';
import { ENGINE_FILE_PREFIX } from './types';
import type { EngineClient } from './client';
import { rowsOf, type Row } from './rows';

export interface BenchStatement {
  sql: string;
  params: SqlValue[];
}

export interface BenchHook {
  timeQuery(sql: string, params: SqlValue[], runs: number): Promise<number[]>;
  /** Statements one after another (an index build); each one's time. */
  runSequence(statements: BenchStatement[]): Promise<number[]>;
  /**
   * Each step's queries issued together, as a page's linked views are, and timed until every
   * result is decoded into rows; with the longest main-thread task seen during the steps.
   */
  timeSteps(steps: BenchStatement[][]): Promise<{ times: number[]; longestTaskMs: number; longTasks: number }>;
  /** A query's rows, for checking that two ways of answering agree. */
  queryRows(sql: string, params: SqlValue[]): Promise<Row[]>;
  /** Write a table to IndexedDB as the user's stored dataset (the reopen benchmark's setup), in either stored format. */
  persistTable(table: string, rows: number, format?: 'duckdb' | 'duckdb-bytes' | 'arrow'): Promise<{ bytes: number; ms: number }>;
  /** What reading the restored table's Blob pieces has cost so far (engine-api.ts lazyReads). */
  lazyReads(table: string): Promise<{ sliceReads: number; sliceBytes: number; sliceMs: number; piecesLoaded: number } | null>;
  /**
   * The other way the sample could ship: each table as Arrow IPC inserted in one call. Times the
   * insert of the tables' rows (encoded here, not timed) into fresh tables; the bytes are the
   * uncompressed IPC.
   */
  timeArrowInsert(tables: string[]): Promise<{ ms: number; bytes: number }>;
  /** The engine worker's marks, in this page's time. */
  workerMarks(): Promise<{ name: string; startTime: number; detail?: unknown }[]>;
  /**
   * DuckDB-WASM's own read_csv of the file chosen in the hidden input #bench-file (created here),
   * all columns as text into a table, as the import's floor: milliseconds, and the rows read.
   */
  timeReadCsv(options: { delimiter: string; skip: number; columns: number; bufferBytes?: number }): Promise<{ ms: number; rows: number }>;
  /** The engine worker's statements of 20 ms or more since `since` (this page's performance.now()). */
  statementTimings(since: number): ReturnType<EngineClient['statementTimings']>;
  /** Tell the page that statements run through this hook changed its tables: every view re-reads. */
  dataChanged(): void;
}

declare global {
  // eslint-disable-next-line no-var
  var __workbenchBench: BenchHook | undefined;
}

/** Count main-thread tasks over 50 ms from now until the returned function is called (and has let the last entries arrive). */
export function watchLongTasks(): () => Promise<{ longTasks: number; longestTaskMs: number }> {
  let longestTaskMs = 0;
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks += 1;
      longestTaskMs = Math.max(longestTaskMs, entry.duration);
    }
  });
  observer.observe({ type: 'longtask' });
  return async () => {
    // Long-task entries are delivered asynchronously: let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { longTasks, longestTaskMs };
  };
}

export function exposeBenchHook(engine: EngineClient, dataChanged: () => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'bench-file';
  input.hidden = true;
  document.body.append(input);
  globalThis.__workbenchBench = {
    async timeReadCsv({ delimiter, skip, columns, bufferBytes }) {
      const file = input.files?.[0];
      if (!file) throw new Error('no file in #bench-file');
      const name = `${ENGINE_FILE_PREFIX}bench-${Date.now().toString(36)}.csv`;
      const spec = Array.from({ length: columns }, (_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
      const t0 = performance.now();
      await engine.registerFile(name, file);
      await engine.exec(
        trusted(`CREATE OR REPLACE TABLE __bench_read AS SELECT * FROM read_csv(${literal(name)}, auto_detect = false, header = false,
          delim = ${literal(delimiter)}, quote = '"', escape = '"', skip = ${skip}, columns = {${spec}}${bufferBytes ? `, buffer_size = ${bufferBytes}` : ''})`),
      );
      const ms = performance.now() - t0;
      const rows = rowsOf(await engine.query(trusted('SELECT count(*)::INTEGER AS n FROM __bench_read')))[0].n as number;
      await engine.exec(trusted('DROP TABLE __bench_read'));
      await engine.dropFile(name);
      return { ms, rows };
    },
    async timeQuery(text, params, runs) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await engine.query(new SqlFragment(text, params));
        times.push(performance.now() - t0);
      }
      return times;
    },
    async runSequence(statements) {
      const times: number[] = [];
      for (const s of statements) {
        const t0 = performance.now();
        await engine.query(new SqlFragment(s.sql, s.params));
        times.push(performance.now() - t0);
      }
      return times;
    },
    async timeSteps(steps) {
      const stop = watchLongTasks();
      const times: number[] = [];
      for (const step of steps) {
        const t0 = performance.now();
        await Promise.all(step.map(async (s) => rowsOf(await engine.query(new SqlFragment(s.sql, s.params)))));
        times.push(performance.now() - t0);
      }
      return { times, ...(await stop()) };
    },
    async queryRows(text, params) {
      return rowsOf(await engine.query(new SqlFragment(text, params)));
    },
    statementTimings(since) {
      return engine.statementTimings(since);
    },
    workerMarks() {
      return engine.workerMarks();
    },
    lazyReads(table) {
      return engine.lazyReads(table);
    },
    persistTable(table, rows, format) {
      return engine.persistTable({ table, rows, sourceFiles: [], updatedAt: new Date().toISOString() }, format);
    },
    async timeArrowInsert(tables) {
      let ms = 0;
      let bytes = 0;
      for (const table of tables) {
        const ipc = tableToIPC(await engine.query(sql`SELECT * FROM ${ident(table)}`), 'stream');
        bytes += ipc.length;
        const t0 = performance.now();
        await engine.insertArrow(`__bench_arrow_${table}`, ipc, 'create');
        ms += performance.now() - t0;
        await engine.exec(sql`DROP TABLE ${ident(`__bench_arrow_${table}`)}`);
      }
      return { ms, bytes };
    },
    dataChanged,
  };
}

export function benchRequested(hash: string): boolean {
  const q = hash.indexOf('?');
  return q >= 0 && new URLSearchParams(hash.slice(q + 1)).get('bench') === '1';
}
