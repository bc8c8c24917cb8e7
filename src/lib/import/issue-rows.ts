// The validation report's issue lists, read from the engine's answer on the page's thread. A
// report lists up to 100,000 issues of each kind: a row object per row (rowsOf) took one 540 ms
// task for a 300,000-row export whose every row had an unknown township, and a single record
// batch can hold all of them; so the columns are read a value at a time, straight from their
// buffers (arrow/read.ts), and the thread is given back every few milliseconds.
import type { Table } from 'apache-arrow';
import { numberReader, textReader } from '$lib/arrow';
import { nextTask } from '$lib/platform/next-task';
import type { RowIssue } from './issues';

/** One row of the issues table as the report lists it (staged-csv.ts reportOf). */
export interface IssueRow {
  row: number;
  col: number;
  code: string;
  shown: string | null;
  detail: number | null;
}

/** Give the thread back after this long: no task of an import may pass 50 ms. */
const SLICE_MS = 8;

export interface IssuesOfOptions {
  sliceMs?: number;
  pause?: () => Promise<void>;
  /** Told the last issue made before each pause: the listing runs in row order, so its row is how far it has got. */
  onSlice?: (last: RowIssue) => void;
}

/**
 * Every row of `table` (columns row, col, code, shown, detail) through `toIssue`, in order,
 * awaiting `pause` whenever a slice has run `sliceMs`.
 */
export async function issuesOf(
  table: Table,
  toIssue: (row: IssueRow) => RowIssue,
  { sliceMs = SLICE_MS, pause = nextTask, onSlice }: IssuesOfOptions = {},
): Promise<RowIssue[]> {
  const out: RowIssue[] = [];
  let sliceStart = performance.now();
  let n = 0;
  for (const batch of table.batches) {
    const column = (name: keyof IssueRow) => {
      const vector = batch.getChild(name);
      if (!vector) throw new Error(`the issue listing has no column ${name}`);
      return vector;
    };
    const [rows, cols, details] = (['row', 'col', 'detail'] as const).map((name) => numberReader(column(name)));
    const [codes, shown] = (['code', 'shown'] as const).map((name) => textReader(column(name)));
    for (let i = 0; i < batch.numRows; i++) {
      out.push(toIssue({ row: rows(i)!, col: cols(i)!, code: codes(i)!, shown: shown(i), detail: details(i) }));
      // The clock every 256 rows, counted across batches (a listing's batches can be short).
      if ((++n & 255) === 0 && performance.now() - sliceStart >= sliceMs) {
        onSlice?.(out[out.length - 1]);
        await pause();
        sliceStart = performance.now();
      }
    }
  }
  return out;
}
