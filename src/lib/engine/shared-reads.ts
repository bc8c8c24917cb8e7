// Identical reads asked while one of them is still running share it. Two parts of a page often
// ask the same thing at the same moment (the filter bar and the page each want the data's span);
// the worker runs one statement at a time, so the second copy only delays whatever is queued
// behind it, the first figure included.
//
// A read joins only reads asked since the last write: a read asked after an import or a restore
// must see its rows, even when an identical read asked before it is still waiting in the queue.

interface Running<T> {
  id: number;
  result: Promise<T>;
  /** Callers still waiting for it; when the last one gives up, the request is cancelled. */
  members: number;
}

export interface Membership<T> {
  result: Promise<T>;
  /** Give up this caller's interest (its channel asked something newer). */
  leave(): void;
}

export class SharedReads<T> {
  private readonly running = new Map<string, Running<T>>();

  constructor(
    /** Cancel the request with this id (it is no longer wanted by anyone). */
    private readonly cancel: (id: number) => void,
  ) {}

  /**
   * Join the running read with this key, or start one with `start(id)` under a fresh `id()`.
   * The key must say everything the answer depends on besides the data (SQL text and values).
   */
  join(key: string, id: () => number, start: (id: number) => Promise<T>): Membership<T> {
    let entry = this.running.get(key);
    if (!entry) {
      const requestId = id();
      const created: Running<T> = { id: requestId, result: start(requestId), members: 0 };
      const forget = () => {
        if (this.running.get(key) === created) this.running.delete(key);
      };
      created.result.then(forget, forget);
      this.running.set(key, created);
      entry = created;
    }
    const joined = entry;
    joined.members++;
    let left = false;
    return {
      result: joined.result,
      leave: () => {
        if (left) return;
        left = true;
        if (--joined.members > 0) return;
        if (this.running.get(key) === joined) this.running.delete(key);
        this.cancel(joined.id);
      },
    };
  }

  /** Something may have changed the data: reads asked from now on start afresh. */
  invalidate(): void {
    this.running.clear();
  }

  /** How many distinct reads are running (for tests). */
  get size(): number {
    return this.running.size;
  }
}

/**
 * The key of a read: its SQL text and its values, which together fix the answer. Values are
 * spelled as the worker binds them (as JSON, a BigInt as a number: sync-engine.ts), so two keys
 * are equal exactly when DuckDB would be asked the same thing.
 */
export function readKey(text: string, params: readonly unknown[]): string {
  return JSON.stringify([text, params], (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}
