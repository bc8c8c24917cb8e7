// Comparison (信息常态比对) of two years of every source: the per-unit figures query in DuckDB-WASM
// inside Chromium (page → worker → decoded rows) against the same SQL in native DuckDB with one
// thread, on the sample's volume and on 5× it (each source copied five times into scaled tables,
// copies 2–5 moved to other house numbers so blocks grow as with real volume rather than repeating).
import { generateSample } from '../sample-data/generator';
import { compareUnitsQuery, defaultCompareSettings, type CompareSources } from '../src/lib/compare';
import { builtSiteUrl, launch } from './support/browser';
import { loadSampleNatively, nativeConnection, timeNative } from './support/native';
import { fmtMs, fmtRatio, median } from './support/stats';

const SCALE = 5;
const SOURCES = ['tickets', 'grid_events', 'police_non_emergency', 'special_population_alerts'] as const;
const KEYS: Record<(typeof SOURCES)[number], string> = {
  tickets: 'ticket_id',
  grid_events: 'event_id',
  police_non_emergency: 'call_id',
  special_population_alerts: 'alert_id',
};
const SCALED: CompareSources = {
  tickets: 'bench_tickets_x5',
  grid_events: 'bench_grid_events_x5',
  police_non_emergency: 'bench_police_x5',
  special_population_alerts: 'bench_alerts_x5',
};

/** Our own fixed SQL: each copy gets its own ids and, after the first, addresses with a copy number appended. */
function scaledTableSql(source: (typeof SOURCES)[number]): string {
  const key = KEYS[source];
  return `CREATE OR REPLACE TABLE "${SCALED[source]}" AS
    SELECT * REPLACE (${key} || '-' || c AS ${key}, CASE WHEN c = 0 THEN address ELSE address || c || '室' END AS address)
    FROM "${source}", range(${SCALE}) r(c)`;
}

export interface CompareTiming {
  name: string;
  wasmMs: number;
  nativeMs: number;
  rows: number;
}

export async function benchCompare(runs: number): Promise<CompareTiming[]> {
  const settings = defaultCompareSettings();
  const queries = [
    { name: `sample (2 years)`, q: compareUnitsQuery({ settings }, 'grid', null) },
    { name: `${SCALE}× the sample`, q: compareUnitsQuery({ settings, from: SCALED }, 'grid', null) },
  ];
  const conn = await nativeConnection(1);
  await loadSampleNatively(conn, generateSample(), SOURCES);
  for (const name of SOURCES) await conn.run(scaledTableSql(name));
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(builtSiteUrl('#/?bench=1'));
  await page.waitForFunction(() => Boolean(globalThis.__workbenchBench), null, { timeout: 120_000 });
  await page.evaluate(
    async (statements) => globalThis.__workbenchBench!.runSequence(statements.map((sql) => ({ sql, params: [] }))),
    SOURCES.map(scaledTableSql),
  );
  const timings: CompareTiming[] = [];
  for (const { name, q } of queries) {
    const params = [...q.params];
    await timeNative(conn, q.text, params, 1);
    const native = await timeNative(conn, q.text, params, runs);
    const rows = (await conn.runAndReadAll(q.text, params as never)).getRows().length;
    const wasm = await page.evaluate(async ([sql, p, n]) => globalThis.__workbenchBench!.timeQuery(sql, p, n), [q.text, params, runs + 1] as const);
    timings.push({ name, wasmMs: median(wasm.slice(1)), nativeMs: median(native), rows });
  }
  await browser.close();
  return timings;
}

export function reportCompare(timings: CompareTiming[], runs: number): string[] {
  const lines = [`comparison, per-grid figures of every source: DuckDB-WASM in Chromium (page → decoded result) vs native DuckDB (threads=1), medians of ${runs}`];
  for (const t of timings) {
    lines.push(`  ${t.name.padEnd(20)} ${String(t.rows).padStart(6)} units  wasm ${fmtMs(t.wasmMs).padStart(9)}  native ${fmtMs(t.nativeMs).padStart(9)}  ratio ${fmtRatio(t.wasmMs / t.nativeMs)}`);
  }
  const [one, five] = timings;
  const ratio = one.wasmMs / one.nativeMs;
  const growth = five.wasmMs / one.wasmMs;
  lines.push(`  sample, WASM/native          ${fmtRatio(ratio)}   goal ≤ 3.00×  ${ratio <= 3 ? 'met' : 'NOT MET'}`);
  lines.push(`  sample in the worker         ${fmtMs(one.wasmMs)}   goal ≤ 3 s (two years compare in seconds)  ${one.wasmMs <= 3000 ? 'met' : 'NOT MET'}`);
  lines.push(`  ${SCALE}× / sample, in the worker   ${fmtRatio(growth)}   goal ≤ ${SCALE + 1}.00× (no worse than linear)  ${growth <= SCALE + 1 ? 'met' : 'NOT MET'}`);
  return lines;
}
