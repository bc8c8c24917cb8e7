// One DuckDB connection runs one statement at a time. Requests wait here in arrival order; a
// request cancelled while it waits is dropped without ever running, which is how a superseded
// brush query disappears instead of building a backlog. DuckDB runs synchronously in this thread,
// so before each waiting job the queue yields to the event loop: cancel messages that arrived
// meanwhile are handled first.
import { nextTask } from '$lib/platform/next-task';

export class QueryCancelled extends Error {
  constructor(id: number) {
    super(`query ${id} was cancelled`);
    this.name = 'QueryCancelled';
  }
}

interface Pending<T> {
  id: number;
  run: (signal: AbortSignal) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  controller: AbortController;
}

export class QueryQueue {
  private readonly waiting: Pending<unknown>[] = [];
  private running: Pending<unknown> | null = null;
  /** A yield before the next job is under way: a new job waits for it rather than jumping ahead. */
  private pumping = false;
  /** When a job last arrived or finished (performance.now()). */
  private lastActive = -Infinity;

  /** `run` receives a signal that aborts when the request is cancelled while running. */
  enqueue<T>(id: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.lastActive = performance.now();
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ id, run, resolve, reject, controller: new AbortController() } as Pending<unknown>);
      if (!this.pumping) void this.pump();
    });
  }

  cancel(id: number): boolean {
    const index = this.waiting.findIndex((p) => p.id === id);
    if (index >= 0) {
      const [dropped] = this.waiting.splice(index, 1);
      dropped.reject(new QueryCancelled(id));
      return true;
    }
    if (this.running?.id === id) {
      this.running.controller.abort();
      return true;
    }
    return false;
  }

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /**
   * Resolves once nothing has waited or run here for `ms`: background work on another connection
   * (copying a table into memory) paces itself by this, so a page's burst of queries — the first
   * figures — never shares the thread with it.
   */
  async idleFor(ms: number): Promise<void> {
    for (;;) {
      const quiet = performance.now() - this.lastActive;
      if (this.size === 0 && quiet >= ms) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms - (this.size === 0 ? quiet : 0))));
    }
  }

  private async pump(yieldFirst = false): Promise<void> {
    if (this.running) return;
    if (yieldFirst && this.waiting.length > 0) {
      this.pumping = true;
      await nextTask();
      this.pumping = false;
      if (this.running) return;
    }
    const next = this.waiting.shift();
    if (!next) return;
    this.running = next;
    try {
      const value = await next.run(next.controller.signal);
      if (next.controller.signal.aborted) next.reject(new QueryCancelled(next.id));
      else next.resolve(value);
    } catch (error) {
      next.reject(next.controller.signal.aborted ? new QueryCancelled(next.id) : error);
    } finally {
      this.running = null;
      this.lastActive = performance.now();
      void this.pump(true);
    }
  }
}
