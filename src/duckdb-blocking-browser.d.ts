// DuckDB-WASM's synchronous bindings for the browser (dist/duckdb-browser-blocking.mjs) are not in
// the package's exports map; scripts/build-workers.mjs aliases this name to that file. Its API
// is the Node blocking build's with the browser runtime.
declare module '@duckdb/duckdb-wasm/blocking-browser' {
  import type { DuckDBBindings, DuckDBBundles, DuckDBRuntime, Logger, LogEntryVariant } from '@duckdb/duckdb-wasm/blocking';
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  export const BROWSER_RUNTIME: DuckDBRuntime;
  export class VoidLogger implements Logger {
    log(entry: LogEntryVariant): void;
  }
}
