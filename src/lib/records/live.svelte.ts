// The record table's two live queries: how many rows match, and the window of rows on screen.
// Each result carries the key of the view it was asked for, so rows of a previous filter or
// order are never shown under the new one; each has its own engine channel, so a window that
// scrolled out of view is dropped rather than queued behind the next. Both are asked in the
// background (engine QueryOptions): a record table sits below the page's figures, which go first.
import { rowsOf, type QueryOptions, type Row } from '$lib/engine';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from '$lib/ui/live-query.svelte';
import { windowSource, type CopyEngine, type OrderedCopy } from './ordered-copy';
import { orderedWindowQuery, recordCountQuery, recordWindowQuery, type RecordQuery } from './query';
import type { RecordSort } from './sort';

const BEHIND_FIGURES: QueryOptions = { background: true };

export interface CountResult {
  key: string;
  n: number;
}

export interface WindowResult {
  key: string;
  offset: number;
  rows: Row[];
}

/** A stable text for the rows a query matches (a fragment's text and its parameters). */
export function matchKey(q: RecordQuery, dataVersion: number): string {
  const params = q.where.params.map((p) => (typeof p === 'bigint' ? p.toString() : p));
  return JSON.stringify([q.table, q.where.text, params, q.search.trim(), q.showPersonal, dataVersion]);
}

export function liveRecordCount(workbench: Workbench, channel: string, input: () => { q: RecordQuery; key: string }): LiveQuery<CountResult> {
  return new LiveQuery(() => {
    const engine = workbench.engine;
    if (!engine || !workbench.ready) return null;
    const { q, key } = input();
    const query = recordCountQuery(q);
    return async () => ({ key, n: Number(rowsOf(await engine.query(query, channel, BEHIND_FIGURES))[0]?.n ?? 0) });
  });
}

/**
 * The window of rows on screen. Near the top of a list, or in a short one, it is LIMIT/OFFSET;
 * further down a long list it is a rowid range of the list's ordered copy (./ordered-copy), built
 * once per order behind the first deep window (itself still LIMIT/OFFSET) and awaited by a deep
 * window asked while it builds. `matching` says how many rows match, once the count is known.
 */
export function liveRecordWindow(
  workbench: Workbench,
  channel: string,
  copyFor: (engine: CopyEngine) => OrderedCopy,
  matching: () => number | null,
  input: () => { q: RecordQuery; sort: RecordSort; key: string; offset: number; limit: number } | null,
): LiveQuery<WindowResult> {
  return new LiveQuery(() => {
    const engine = workbench.engine;
    if (!engine || !workbench.ready) return null;
    const args = input();
    if (!args || args.limit <= 0) return null;
    const { key, offset, limit } = args;
    const copy = copyFor(engine);
    return async () => {
      const source = windowSource(copy.stateFor(key), offset, limit, matching());
      if (source.kind === 'copy') return { key, offset, rows: rowsOf(await engine.query(orderedWindowQuery(source.name, args.q.table, offset, limit), channel, BEHIND_FIGURES)) };
      if (source.kind === 'await-copy') {
        const name = await copy.ensure(key, args.q, args.sort);
        const query = name ? orderedWindowQuery(name, args.q.table, offset, limit) : recordWindowQuery(args.q, args.sort, offset, limit);
        return { key, offset, rows: rowsOf(await engine.query(query, channel, BEHIND_FIGURES)) };
      }
      // This window first, by LIMIT/OFFSET; the first deep one of an order starts the copy behind it.
      const rows = engine.query(recordWindowQuery(args.q, args.sort, offset, limit), channel, BEHIND_FIGURES);
      if (source.kind === 'offset-then-copy') void copy.ensure(key, args.q, args.sort);
      return { key, offset, rows: rowsOf(await rows) };
    };
  });
}

/** The row at `index` if the window holds it for the view `key`. */
export function rowAt(result: WindowResult | null, key: string, index: number): Row | null {
  if (!result || result.key !== key) return null;
  const i = index - result.offset;
  return i >= 0 && i < result.rows.length ? result.rows[i] : null;
}
