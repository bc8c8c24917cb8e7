// Runs before every unit test file. The files share worker processes (vitest.config.ts,
// isolate: false) so that Node, vitest's runtime and the big dependencies loaded natively from
// node_modules (DuckDB-WASM's bindings, Arrow, d3) are started once per worker instead of once per
// file. What a process of its own gave each file is restored here:
//  - our own modules are evaluated afresh, so no module-level state (caches, settings, a memoised
//    generator) carries from one file to the next;
//  - DuckDB-WASM's Node runtime is one object per process, and it keeps registered files and a
//    cache of file information by file id. A new database numbers its files from the start again,
//    so a file id of the previous file's engine would resolve to that engine's file (seen: a
//    stored table's .wal asked for in sample-database.test.ts). Its tables are emptied.
import { NODE_RUNTIME } from '@duckdb/duckdb-wasm/blocking';
import { vi } from 'vitest';

vi.resetModules();

for (const value of Object.values(NODE_RUNTIME as unknown as Record<string, unknown>)) {
  if (value instanceof Map) value.clear();
}
