// A page's named query, run through the engine once the engine, the data and the saved 口径 are
// ready, rerun when the data or any reactive input of `build` changes. Every page's charts and
// tables go through here; the channel makes a newer run supersede an older one.
import { rowsOf, type EngineClient, type Row } from '$lib/engine';
import { emptyFilters } from '$lib/filters';
import { METRIC_TABLES, prepareMetrics, type MetricSettings } from '$lib/metrics';
import type { SqlFragment } from '$lib/sql';
import { settings } from '$lib/state/settings.svelte';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from '$lib/ui/live-query.svelte';

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
    const current = settings.current;
    const version = workbench.dataVersion;
    return async () => {
      await prepared(engine, current, version);
      return read(rowsOf(await engine.query(q, channel)));
    };
  });
}

/** One prepare per engine, data version and 口径: every page's queries share it. */
const preparedFor = new WeakMap<EngineClient, { key: string; done: Promise<void> }>();

/**
 * What a metric query needs in the engine before it runs (the working-day table under working
 * time), over every table, so that no page depends on another having prepared first.
 */
function prepared(engine: EngineClient, current: MetricSettings, dataVersion: number): Promise<void> {
  if (current.durationMode !== 'working') return Promise.resolve();
  const key = `${dataVersion}|${current.asOf ?? ''}`;
  let entry = preparedFor.get(engine);
  if (entry?.key !== key) {
    entry = { key, done: prepareMetrics(engine, current, METRIC_TABLES, emptyFilters()) };
    preparedFor.set(engine, entry);
  }
  return entry.done;
}
