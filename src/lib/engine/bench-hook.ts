// `npm run bench` times queries inside the real page (worker round trip and Arrow decoding
// included). The hook exists only when the address asks for it (`#/?bench=1`).
import { SqlFragment, type SqlValue } from '$lib/sql';
import type { EngineClient } from './client';

export interface BenchHook {
  timeQuery(sql: string, params: SqlValue[], runs: number): Promise<number[]>;
}

declare global {
  // eslint-disable-next-line no-var
  var __workbenchBench: BenchHook | undefined;
}

export function exposeBenchHook(engine: EngineClient): void {
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
  };
}

export function benchRequested(hash: string): boolean {
  const q = hash.indexOf('?');
  return q >= 0 && new URLSearchParams(hash.slice(q + 1)).get('bench') === '1';
}
