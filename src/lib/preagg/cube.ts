// The index's partial tables held in the page as typed arrays, so that a brush step is summed in
// memory instead of queried. Measured at 1.02M tickets in Chromium (bench/brush.ts): the step query
// costs ≈ 17–23 ms median in DuckDB-WASM plus the round trip to the worker, while the same sums
// here take well under a millisecond (running totals per grouping key: two binary searches a key;
// histogram rows of the brushed days added into one dense array per key). The partials are small
// (one row per grouping key and received day, one per histogram bin and day): ≈ 180,000 rows,
// a few MB, at a million tickets.
//
// Exactness: the same integer partials the step query (stepSql) adds up, summed in doubles (exact
// far below 2^53), over the same rows (days in range; for overdue, deadline day ≤ the range's
// end), and handed on in the same form (StepSums), so viewRows finishes both the same way.
import type { Table } from 'apache-arrow';
import type { Engine } from '$lib/engine/types';
import { ident, join, sql, type SqlFragment } from '$lib/sql';
import type { IndexPlan } from './plan';
import { epochDay, SUMMED, type DayRange, type GroupData, type Histogram, type KeyDictionary, type StepSums, type Sums } from './read';

/**
 * Partial rows (all tables together) beyond which the index stays in the engine and every step is
 * a query: at 16 four-byte columns, 4M rows would be ≈ 250 MB of page memory.
 */
export const MAX_HELD_ROWS = 4_000_000;

const MAIN_KEYS = ['g', 'key_id', 'day'] as const;
const OPEN_COLUMNS = ['g', 'key_id', 'day', 'deadline_day', 'n'] as const;
const HIST_COLUMNS = ['measure', 'g', 'key_id', 'day', 'bin', 'n'] as const;

/** First index in [start, end) whose value is ≥ `value`, in an ascending run of an array. */
function lowerBound(sorted: Int32Array, value: number, start = 0, end = sorted.length): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows [start, end) whose day lies in `range` (all rows without one), in a day-sorted table. */
function dayRun(days: Int32Array, range: { from: number; to: number } | null): [number, number] {
  if (!range) return [0, days.length];
  return [lowerBound(days, range.from), lowerBound(days, range.to + 1)];
}

/** A result's INTEGER columns as typed arrays (no copy when a column is one contiguous buffer). */
function int32Columns(table: Table, names: readonly string[]): Int32Array[] {
  return names.map((name) => {
    const column = table.getChild(name);
    if (!column) throw new Error(`the partial table has no column ${name}`);
    // The builder writes no NULLs into these columns; a NULL here would read as a random count.
    if (column.nullCount > 0) throw new Error(`the partial column ${name} holds NULLs`);
    const values: unknown = column.toArray();
    return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
  });
}

const selectAll = (table: string, columns: readonly string[]): SqlFragment =>
  sql`SELECT ${join(columns.map((c) => ident(c)), ', ')} FROM ${ident(table)} ORDER BY day`;

/**
 * The main partials regrouped by cell (days ascending within each, as the table is sorted by
 * day), with running totals: cell c's rows are start[c] … start[c + 1] − 1, and row i's sums up to
 * and including its day are cumulative[i·width …]. Integer counts added in doubles stay exact.
 */
interface PrefixSums {
  start: Int32Array;
  day: Int32Array;
  cumulative: Float64Array;
}

function prefixSums(cellCount: number, cellOf: Int32Array, day: Int32Array, sums: Int32Array[]): PrefixSums {
  const width = sums.length;
  const start = new Int32Array(cellCount + 1);
  for (let i = 0; i < cellOf.length; i++) start[cellOf[i] + 1] += 1;
  for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
  const next = start.slice(0, cellCount);
  const order = new Int32Array(cellOf.length);
  for (let i = 0; i < cellOf.length; i++) order[next[cellOf[i]]++] = i;
  const byCellDay = new Int32Array(cellOf.length);
  const cumulative = new Float64Array(cellOf.length * width);
  for (let c = 0; c < cellCount; c++) {
    for (let j = start[c]; j < start[c + 1]; j++) {
      const i = order[j];
      byCellDay[j] = day[i];
      for (let k = 0; k < width; k++) cumulative[j * width + k] = sums[k][i] + (j > start[c] ? cumulative[(j - 1) * width + k] : 0);
    }
  }
  return { start, day: byCellDay, cumulative };
}

/** Which (grouping, key) cell each key of the dictionary is: cells of grouping g follow those of g − 1. */
class Cells {
  readonly base = new Map<number, number>();
  /** Per cell: its grouping and key id. */
  readonly g: number[] = [];
  readonly keyId: number[] = [];

  constructor(keys: KeyDictionary) {
    for (const g of [...keys.keys()].sort((a, b) => a - b)) {
      const ids = [...keys.get(g)!.keys()];
      // key_id numbers a grouping's keys 1…K (dense_rank), so a cell is base + key_id − 1.
      const count = Math.max(0, ...ids);
      this.base.set(g, this.g.length);
      for (let k = 1; k <= count; k++) {
        this.g.push(g);
        this.keyId.push(k);
      }
    }
  }

  get count(): number {
    return this.g.length;
  }

  of(g: Int32Array, keyId: Int32Array): Int32Array {
    const out = new Int32Array(g.length);
    for (let i = 0; i < g.length; i++) {
      const base = this.base.get(g[i]);
      if (base === undefined) throw new Error(`grouping ${g[i]} is not in the key dictionary`);
      out[i] = base + keyId[i] - 1;
    }
    return out;
  }
}

export class PartialCube {
  // Buffers every step reuses (zeroed as they are read), so dragging allocates next to nothing.
  private readonly totals: Float64Array;
  private readonly present: Uint8Array;
  private readonly overdue: Float64Array;
  private readonly overduePresent: Uint8Array;
  /** Per (measure, cell): counts by bin rank, made the first time a step touches it. */
  private readonly histCounts: (Float64Array | undefined)[];
  private readonly histTouched: Uint8Array;
  private readonly measures: number;

  private constructor(
    private readonly cells: Cells,
    private readonly main: PrefixSums,
    private readonly open: { day: Int32Array; cell: Int32Array; deadlineDay: Int32Array; n: Int32Array } | null,
    private readonly hist: { day: Int32Array; cell: Int32Array; measure: Int32Array; bin: Int32Array; n: Int32Array; bins: Int32Array } | null,
    /** Partial rows held, all tables together. */
    readonly rows: number,
  ) {
    this.totals = new Float64Array(cells.count * SUMMED.length);
    this.present = new Uint8Array(cells.count);
    this.overdue = new Float64Array(cells.count);
    this.overduePresent = new Uint8Array(cells.count);
    this.measures = hist && hist.measure.length ? Math.max(...new Set(hist.measure)) + 1 : 0;
    this.histCounts = new Array(this.measures * cells.count);
    this.histTouched = new Uint8Array(this.measures * cells.count);
  }

  /** Rows the index's partial tables hold, to decide whether to hold them here. */
  static async countRows(engine: Engine, plan: IndexPlan): Promise<number> {
    const tables = [plan.table.main, plan.table.open, plan.table.hist].filter((t): t is string => t !== null);
    const counts = join(
      tables.map((t) => sql`(SELECT count(*) FROM ${ident(t)})`),
      ' + ',
    );
    const result = await engine.query(sql`SELECT CAST(${counts} AS DOUBLE) AS n`);
    return Number(result.getChild('n')?.get(0) ?? 0);
  }

  /** Read the index's partial tables out of the engine (three queries, once per build). */
  static async load(engine: Engine, plan: IndexPlan, keys: KeyDictionary): Promise<PartialCube> {
    const main = await engine.query(selectAll(plan.table.main, [...MAIN_KEYS, ...SUMMED]));
    const open = plan.table.open ? await engine.query(selectAll(plan.table.open, OPEN_COLUMNS)) : null;
    const hist = plan.table.hist ? await engine.query(selectAll(plan.table.hist, HIST_COLUMNS)) : null;
    return PartialCube.from(keys, main, open, hist);
  }

  /** From the partial tables' rows (each sorted by day), as PartialCube.load reads them. */
  static from(keys: KeyDictionary, mainTable: Table, openTable: Table | null, histTable: Table | null): PartialCube {
    const cells = new Cells(keys);
    const [g, keyId, day, ...sums] = int32Columns(mainTable, [...MAIN_KEYS, ...SUMMED]);
    const main = prefixSums(cells.count, cells.of(g, keyId), day, sums);
    let open = null;
    if (openTable) {
      const [og, oKey, oDay, deadlineDay, n] = int32Columns(openTable, OPEN_COLUMNS);
      open = { day: oDay, cell: cells.of(og, oKey), deadlineDay, n };
    }
    let hist = null;
    if (histTable) {
      const [measure, hg, hKey, hDay, rawBin, n] = int32Columns(histTable, HIST_COLUMNS);
      // Bins become ranks among the distinct bins, so a step adds into one short dense array per
      // (measure, key) whatever the spread of the closure times (a year-long outlier included).
      const bins = Int32Array.from(new Set(rawBin)).sort();
      const rank = new Map<number, number>();
      bins.forEach((b, i) => rank.set(b, i));
      const bin = rawBin.map((b) => rank.get(b)!);
      hist = { day: hDay, cell: cells.of(hg, hKey), measure, bin, n, bins };
    }
    const rows = main.day.length + (open?.day.length ?? 0) + (hist?.day.length ?? 0);
    return new PartialCube(cells, main, open, hist, rows);
  }

  /**
   * The partial sums of a brush step (null: no brush, every day), as `collect` makes them from the
   * step query's rows: sums per key with tickets in range; overdue only for a range (moving as-of,
   * when the index keeps open tickets); histogram bins ascending, only those with tickets.
   */
  sums(range: DayRange | null): StepSums {
    const days = range ? { from: epochDay(range.from), to: epochDay(range.to) } : null;
    const cellCount = this.cells.count;
    const width = SUMMED.length;
    const { totals, present, overdue, overduePresent } = this;
    totals.fill(0);
    present.fill(0);

    // Per cell, the sums over a run of days are two prefix sums apart: a step costs two binary
    // searches per grouping key, however many days it spans.
    const { start: cellStart, day: cellDay, cumulative } = this.main;
    for (let c = 0; c < cellCount; c++) {
      const first = cellStart[c];
      const end = cellStart[c + 1];
      const lo = days ? lowerBound(cellDay, days.from, first, end) : first;
      const hi = days ? lowerBound(cellDay, days.to + 1, lo, end) : end;
      if (hi <= lo) continue;
      present[c] = 1;
      for (let k = 0; k < width; k++) {
        totals[c * width + k] = cumulative[(hi - 1) * width + k] - (lo > first ? cumulative[(lo - 1) * width + k] : 0);
      }
    }

    const withOverdue = this.open !== null && days !== null;
    if (this.open && days) {
      overdue.fill(0);
      overduePresent.fill(0);
      const { day, cell, deadlineDay, n } = this.open;
      const [a, b] = dayRun(day, days);
      for (let j = a; j < b; j++) {
        if (deadlineDay[j] > days.to) continue;
        overdue[cell[j]] += n[j];
        overduePresent[cell[j]] = 1;
      }
    }

    if (this.hist) {
      const { day, cell, measure, bin, n, bins } = this.hist;
      const [a, b] = dayRun(day, days);
      for (let j = a; j < b; j++) {
        const h = measure[j] * cellCount + cell[j];
        let counts = this.histCounts[h];
        if (!counts) this.histCounts[h] = counts = new Float64Array(bins.length);
        counts[bin[j]] += n[j];
        this.histTouched[h] = 1;
      }
    }

    const out: StepSums = new Map();
    const group = (g: number): GroupData => {
      let d = out.get(g);
      if (!d) out.set(g, (d = { sums: new Map(), overdue: new Map(), hist: new Map() }));
      return d;
    };
    for (let c = 0; c < cellCount; c++) {
      const g = this.cells.g[c];
      const keyId = this.cells.keyId[c];
      if (present[c]) {
        const s = {} as Sums;
        for (let k = 0; k < width; k++) s[SUMMED[k]] = totals[c * width + k];
        group(g).sums.set(keyId, s);
      }
      if (withOverdue && overduePresent[c]) group(g).overdue.set(keyId, overdue[c]);
    }
    for (let h = 0; h < this.histTouched.length; h++) {
      if (!this.histTouched[h]) continue;
      this.histTouched[h] = 0;
      const counts = this.histCounts[h]!;
      const binValues = this.hist!.bins;
      const histogram: Histogram = [];
      for (let r = 0; r < counts.length; r++) {
        if (counts[r] === 0) continue;
        histogram.push([binValues[r], counts[r]]);
        counts[r] = 0;
      }
      const m = Math.floor(h / cellCount);
      const c = h % cellCount;
      const d = group(this.cells.g[c]);
      let byKey = d.hist.get(m);
      if (!byKey) d.hist.set(m, (byKey = new Map()));
      byKey.set(this.cells.keyId[c], histogram);
    }
    return out;
  }
}
