// `npm run bench` times queries inside the real page (worker round trip and Arrow decoding
// included). The hook exists only when the address asks for it (`#/?bench=1`).
import { SqlFragment, type SqlValue } from '$lib/sql';
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
  globalThis.__workbenchBench = {
    async timeQuery(sql, params, runs) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await engine.query(new SqlFragment(sql, params));
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
    async queryRows(sql, params) {
      return rowsOf(await engine.query(new SqlFragment(sql, params)));
    },
    dataChanged,
  };
}

export function benchRequested(hash: string): boolean {
  const q = hash.indexOf('?');
  return q >= 0 && new URLSearchParams(hash.slice(q + 1)).get('bench') === '1';
}
