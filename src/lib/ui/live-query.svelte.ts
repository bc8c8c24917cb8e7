// A query whose inputs are reactive: it reruns when they change, keeps the last result while the
// next one loads, ignores a result that a newer run has overtaken, and says which state it is in
// so that every chart and table can show loading, empty and error honestly.
import { untrack } from 'svelte';
import { isSuperseded } from '$lib/engine';

export type QueryStatus = 'idle' | 'loading' | 'ready' | 'error';

export class LiveQuery<T> {
  status = $state<QueryStatus>('idle');
  data = $state.raw<T | null>(null);
  error = $state<string | null>(null);

  /**
   * `job` returns null while the query cannot run yet (engine starting, no data). Its run may
   * answer at once (rows already held in the page): then the result is shown in the same update,
   * without passing through 'loading', so a brushed chart does not flash its loading state.
   */
  constructor(job: () => (() => Promise<T> | T) | null) {
    $effect(() => {
      const run = job();
      if (!run) {
        this.status = 'idle';
        return;
      }
      let current = true;
      let answer: Promise<T> | T;
      try {
        // Only what `job` reads reruns the query. The run's own first steps read state too (the
        // record window read the row count as it chose where to read from): tracked, the count's
        // arrival asked the same 200 rows again, a sort of every ticket.
        answer = untrack(run);
      } catch (error) {
        answer = Promise.reject(error);
      }
      if (!(answer instanceof Promise)) {
        this.data = answer;
        this.error = null;
        this.status = 'ready';
        return;
      }
      this.status = 'loading';
      answer.then(
        (data) => {
          if (!current) return;
          this.data = data;
          this.error = null;
          this.status = 'ready';
        },
        (error: unknown) => {
          if (!current || isSuperseded(error)) return;
          this.error = error instanceof Error ? error.message : String(error);
          this.status = 'error';
        },
      );
      return () => {
        current = false;
      };
    });
  }
}
