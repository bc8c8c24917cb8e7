// `npm run bench` times queries inside the real page (worker round trip and Arrow decoding
// included). The hook exists only when the address asks for it (`#/?bench=1`).
import { tableToIPC } from 'apache-arrow';
import { ident, sql, SqlFragment, type SqlValue } from '$lib/sql';
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
  /** Write a table to IndexedDB as the user's stored dataset (the reopen benchmark's setup). */
  persistTable(table: string, rows: number): Promise<{ bytes: number; ms: number }>;
  /**
   * The other way the sample could ship: each table as Arrow IPC inserted in one call. Times the
   * insert of the tables' rows (encoded here, not timed) into fresh tables; the bytes are the
   * uncompressed IPC.
   */
  timeArrowInsert(tables: string[]): Promise<{ ms: number; bytes: number }>;
  /** The engine worker's marks, in this page's time. */
  workerMarks(): Promise<{ name: string; startTime: number }[]>;
}

declare global {
  // eslint-disable-next-line no-var
  var __workbenchBench: BenchHook | undefined;
}

export function exposeBenchHook(engine: EngineClient): void {
  globalThis.__workbenchBench = {
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
      let longestTaskMs = 0;
      let longTasks = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          longTasks += 1;
          longestTaskMs = Math.max(longestTaskMs, entry.duration);
        }
      });
      observer.observe({ type: 'longtask' });
      const times: number[] = [];
      for (const step of steps) {
        const t0 = performance.now();
        await Promise.all(step.map(async (s) => rowsOf(await engine.query(new SqlFragment(s.sql, s.params)))));
        times.push(performance.now() - t0);
      }
      // Long-task entries are delivered asynchronously: let the last ones arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      return { times, longestTaskMs, longTasks };
    },
    async queryRows(text, params) {
      return rowsOf(await engine.query(new SqlFragment(text, params)));
    },
    workerMarks() {
      return engine.workerMarks();
    },
    persistTable(table, rows) {
      return engine.persistTable({ table, rows, sourceFiles: [], updatedAt: new Date().toISOString() });
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
  };
}

export function benchRequested(hash: string): boolean {
  const q = hash.indexOf('?');
  return q >= 0 && new URLSearchParams(hash.slice(q + 1)).get('bench') === '1';
}
