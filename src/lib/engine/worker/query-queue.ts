// One DuckDB connection runs one statement at a time. Requests wait here in arrival order; a
// request cancelled while it waits is dropped without ever running, which is how a superseded
// brush query disappears instead of building a backlog.

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

  /** `run` receives a signal that aborts when the request is cancelled while running. */
  enqueue<T>(id: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ id, run, resolve, reject, controller: new AbortController() } as Pending<unknown>);
      void this.pump();
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

  private async pump(): Promise<void> {
    if (this.running) return;
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
      void this.pump();
    }
  }
}
