// Jumping anywhere in a long record list. LIMIT … OFFSET k makes DuckDB sort (a top-N of k rows)
// every row again for every window: 1–3 s for a jump to row 500,000 of 1M. Instead, once per
// order (the filter, search, sort and data a window is asked for), the matching rows' list
// columns are copied in that order into a TEMP table, and every window is a rowid range of it.
//
// Measured side by side at 1.02M tickets in DuckDB-WASM (bench/records.ts): LIMIT/OFFSET 1–3 s
// a jump; a row-number index of keys joined back to the tickets 12–490 ms (a join scans every key
// when a window's keys are spread over the table, e.g. sorted by phone); the same index read as a
// range of sort keys 200–450 ms; the ordered copy 5–30 ms. The copy costs memory (the list
// columns once more, ≈ 320 MB at 1M tickets) and a build of a few seconds, so it is made only for
// lists long enough to need it, only once the user goes deep into one (that first deep window is
// still read with LIMIT/OFFSET, ahead of the build), and dropped as soon as the order changes or
// the table leaves the page.
import type { Table } from 'apache-arrow';
import type { SqlFragment } from '$lib/sql';
import type { QueryOptions } from '$lib/engine';
import { dropOrderedCopyQuery, orderedCopyQuery, type RecordQuery } from './query';
import type { RecordSort } from './sort';

/** Lists this short are windowed with LIMIT/OFFSET: a sort of them is cheap. */
export const COPY_MIN_ROWS = 20_000;
/** Windows ending this near the top use LIMIT/OFFSET while no copy is ready (a short top-N). */
export const NEAR_TOP_ROWS = 2_000;

export interface CopyEngine {
  query(q: SqlFragment, channel?: string, options?: QueryOptions): Promise<Table>;
}

interface Held {
  key: string;
  name: string;
  /** The copy's name once built; null when the build failed or was replaced. */
  built: Promise<string | null>;
  ready: boolean;
}

let sequence = 0;

/**
 * Where a window is read from: the copy when it is built; LIMIT/OFFSET near the top or in a short
 * list; the copy once its build (under way) ends; or LIMIT/OFFSET now with the build started right
 * behind it (the first deep window of an order).
 */
export type WindowSource = { kind: 'copy'; name: string } | { kind: 'offset' } | { kind: 'await-copy' } | { kind: 'offset-then-copy' };

/** Whether a list of `matching` rows (null: not counted yet) is long enough to copy. */
export function worthCopying(matching: number | null): boolean {
  return matching === null || matching > COPY_MIN_ROWS;
}

export function windowSource(copy: { ready: string | null; building: boolean }, offset: number, limit: number, matching: number | null): WindowSource {
  if (copy.ready) return { kind: 'copy', name: copy.ready };
  if (!worthCopying(matching) || offset + limit <= NEAR_TOP_ROWS) return { kind: 'offset' };
  return copy.building ? { kind: 'await-copy' } : { kind: 'offset-then-copy' };
}

export type CopyState = 'none' | 'building' | 'ready';

/** The ordered copy of one record table on screen: at most one at a time. */
export class OrderedCopy {
  private held: Held | null = null;
  private readonly prefix: string;

  constructor(
    readonly engine: CopyEngine,
    /** Builds on this channel: a newer build supersedes an older one still waiting to run. */
    private readonly channel: string,
    /** Told the state of the copy held whenever it changes (the table shows it as data-copy). */
    private readonly onchange: (key: string | null, state: CopyState) => void = () => undefined,
  ) {
    sequence += 1;
    this.prefix = `records_copy_${sequence}_${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  }

  /** The copy's table name when the copy for `key` is built; else null. */
  readyFor(key: string): string | null {
    return this.held?.key === key && this.held.ready ? this.held.name : null;
  }

  /** What is known of the copy for `key`, as windowSource asks it. */
  stateFor(key: string): { ready: string | null; building: boolean } {
    const mine = this.held?.key === key ? this.held : null;
    return { ready: mine?.ready ? mine.name : null, building: mine !== null && !mine.ready };
  }

  /** Build the copy for `key` (or wait for the build under way); the copy of another key is dropped first. */
  ensure(key: string, q: RecordQuery, sort: RecordSort): Promise<string | null> {
    if (this.held?.key === key) return this.held.built;
    this.release();
    sequence += 1;
    const name = `${this.prefix}_${sequence}`;
    const held: Held = { key, name, built: Promise.resolve(null), ready: false };
    // In the background as the table's windows are (records/live.svelte.ts), and so after the
    // window that set it off: asked in the foreground, it went ahead of that window.
    held.built = this.engine.query(orderedCopyQuery(name, q, sort), this.channel, { background: true }).then(
      () => {
        if (this.held !== held) {
          void this.drop(name);
          return null;
        }
        held.ready = true;
        this.onchange(key, 'ready');
        return name;
      },
      (error: unknown) => {
        // The list still works from LIMIT/OFFSET; only the fast jumps are lost.
        if ((error as Error)?.name !== 'QuerySuperseded') console.warn('record list copy failed', error);
        if (this.held === held) {
          this.held = null;
          this.onchange(null, 'none');
        }
        void this.drop(name);
        return null;
      },
    );
    this.held = held;
    this.onchange(key, 'building');
    return held.built;
  }

  /** Drop the copy unless it is the one for `key` (the order changed: its memory goes at once). */
  keepOnly(key: string): void {
    if (this.held && this.held.key !== key) this.release();
  }

  /** Drop whatever copy is held (the table left the page). */
  release(): void {
    const held = this.held;
    this.held = null;
    if (held) this.onchange(null, 'none');
    // A build still running drops its own table when it ends (it is no longer held).
    if (held?.ready) void this.drop(held.name);
  }

  private drop(name: string): Promise<void> {
    return this.engine.query(dropOrderedCopyQuery(name)).then(
      () => undefined,
      () => undefined,
    );
  }
}
