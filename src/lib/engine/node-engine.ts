// DuckDB-WASM in Node (the blocking build, the same WASM as the browser's): the engine of the
// report command and the unit tests. Node-only; the browser never imports this file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { trusted } from '$lib/sql';
import { withMemoryFiles } from './memory-file';
import { SyncEngine } from './sync-engine';
import type { BytePieces } from './pieces-file';
import { ENGINE_OPEN_CONFIG, ENGINE_STARTUP_SQL } from './types';

export class NodeEngine extends SyncEngine {
  /** `settings`: SET statements run before the configuration is locked (a test's memory limit). */
  static async start(options: { settings?: readonly string[] } = {}): Promise<NodeEngine> {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const bindings = (await duckdb.createDuckDB(
      {
        mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
        eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
      },
      new duckdb.VoidLogger(),
      // Memory files (stored databases) work here as in the browser's worker.
      withMemoryFiles(duckdb.NODE_RUNTIME as unknown as Parameters<typeof withMemoryFiles>[0]) as unknown as typeof duckdb.NODE_RUNTIME,
    )) as unknown as DuckDBBindings;
    await bindings.instantiate(() => undefined);
    bindings.open(ENGINE_OPEN_CONFIG);
    const connection = bindings.connect().useUnsafe((_, id) => id);
    const engine = new NodeEngine(bindings, connection);
    for (const statement of [...(options.settings ?? []), ...ENGINE_STARTUP_SQL]) await engine.exec(trusted(statement));
    return engine;
  }

  /** A second connection to the same database (what the engine worker moves tables on). */
  connectAgain(): SyncEngine {
    return SyncEngine.connect(this.bindings);
  }

  /**
   * Node has no lazy File reader in DuckDB-WASM (its NODE_FS handles proved unreliable in the
   * blocking build), so the bytes are handed over as a buffer; the report command holds the
   * file in memory anyway.
   */
  override async registerFile(name: string, file: Blob | BytePieces): Promise<void> {
    if (!(file instanceof Blob)) return super.registerFile(name, file);
    this.registerBuffer(name, new Uint8Array(await file.arrayBuffer()));
  }

  close(): void {
    this.bindings.disconnect(this.connection);
    this.bindings.reset();
  }
}
