// A page's named query, run through the engine once the engine, the data and the saved 口径 are
// ready, rerun when the data or any reactive input of `build` changes. Every page's charts and
// tables go through here; the channel makes a newer run supersede an older one.
import { rowsOf, type Row } from '$lib/engine';
import type { SqlFragment } from '$lib/sql';
import { settings } from '$lib/state/settings.svelte';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from './live-query.svelte';

export function viewQuery<T>(workbench: Workbench, channel: string, build: () => SqlFragment | null, read: (rows: Row[]) => T): LiveQuery<T> {
  return new LiveQuery<T>(() => {
    const engine = workbench.engine;
    void workbench.dataVersion;
    // Wait for the saved 口径 so no figure is first computed under rules the user replaced.
    if (!engine || !workbench.ready || !settings.loaded) return null;
    const q = build();
    if (!q) return null;
    // A stored table still being restored (tickets come first, the others after) would answer as
    // empty: wait for it instead. Every table name reaches SQL quoted by ident(), so the quoted
    // name in the text is the reference.
    for (const table of workbench.restoring) if (q.text.includes(`"${table}"`)) return null;
    return async () => read(rowsOf(await engine.query(q, channel)));
  });
}
