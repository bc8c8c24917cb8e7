// The order a page's queries reach the engine in: a query asked in the background (what sits below
// the figures, a record table) is sent only once none of the page's other queries waits for its
// answer. The engine answers one query at a time in the order asked, so whatever is asked first is
// what the user waits behind; on #/tickets the record table's first window (a sort of every
// ticket, 450-500 ms) was asked before the headline, whose figure it held back by as much.

import { nextTask } from '$lib/platform/next-task';

export class ForegroundGate {
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  /** A foreground request is under way until the returned function is called (once is enough). */
  enter(): () => void {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.inFlight === 0) for (const go of this.waiters.splice(0)) go();
    };
  }

  /**
   * Resolves once no foreground request is under way, a task after the last one ended: an answer
   * sets off the page's next update, and the queries that update asks come in that task.
   */
  async quiet(): Promise<void> {
    do {
      await nextTask();
      while (this.inFlight > 0) await new Promise<void>((go) => this.waiters.push(go));
      await nextTask();
    } while (this.inFlight > 0);
  }
}
