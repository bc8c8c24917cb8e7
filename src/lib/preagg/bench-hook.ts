// `npm run bench` (bench/brush.ts) times the ticket page's own brush index inside the page, so the
// figures are those of what the page runs: the same views, the same index, the same code. The
// hook exists only when the address asks for it (`?bench=1`).
import { watchLongTasks } from '$lib/engine/bench-hook';
import type { Row } from '$lib/engine/rows';
import type { DayRange } from './read';

/** What the page's indexed source offers the bench. */
export interface BrushBenchSource {
  /** Every indexed view's rows for a step, summed from the partials held in the page. */
  answerAll(range: DayRange | null): Record<string, Row[]>;
  /** The same by one step query to the engine (decoded, finished the same way). */
  queryAll(range: DayRange | null): Promise<Record<string, Row[]>>;
  /** Every indexed view's rows by the page's view names, in the shape of each view's exact query. */
  viewsAt(range: DayRange | null): Record<string, Row[]>;
}

export interface BrushBenchState {
  source: BrushBenchSource | null;
  /** The page's index status (TicketBrushIndexer.status). */
  status: string;
  buildMs: number | null;
  /** Partial rows held in the page; 0 when the index stays in the engine. */
  heldRows: number;
}

export interface BrushBenchHook {
  state(): Omit<BrushBenchState, 'source'>;
  /**
   * Each range answered for every indexed view, one step per task as a drag's frames would ask:
   * 'held' sums the partials in the page, 'query' runs the step query through the engine.
   */
  timeSteps(ranges: DayRange[], mode: 'held' | 'query'): Promise<{ times: number[]; longTasks: number; longestTaskMs: number }>;
  /** Every indexed view's rows for a range by the page's view names, to check against the exact queries. */
  rows(range: DayRange | null): Record<string, Row[]>;
}

declare global {
  // eslint-disable-next-line no-var
  var __ticketBrushBench: BrushBenchHook | undefined;
}

export function exposeBrushBench(current: () => BrushBenchState): void {
  const source = (): BrushBenchSource => {
    const s = current().source;
    if (!s) throw new Error('the page has no brush index yet');
    return s;
  };
  globalThis.__ticketBrushBench = {
    state() {
      const { status, buildMs, heldRows } = current();
      return { status, buildMs, heldRows };
    },
    async timeSteps(ranges, mode) {
      const s = source();
      const stop = watchLongTasks();
      const times: number[] = [];
      for (const range of ranges) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const t0 = performance.now();
        if (mode === 'held') s.answerAll(range);
        else await s.queryAll(range);
        times.push(performance.now() - t0);
      }
      return { times, ...(await stop()) };
    },
    rows(range) {
      return source().viewsAt(range);
    },
  };
}
