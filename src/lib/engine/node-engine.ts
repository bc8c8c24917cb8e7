// DuckDB-WASM in Node (the blocking build): the engine of the report command and the unit tests.
// Node-only; the browser never imports this file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import type { SqlFragment } from '$lib/sql';
import { ENGINE_STARTUP_SQL, type Engine } from './types';

export class NodeEngine implements Engine {
  private constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly conn: duckdb.DuckDBConnection,
  ) {}

  static async start(): Promise<NodeEngine> {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const db = await duckdb.createDuckDB(
      {
        mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
        eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
      },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await db.instantiate();
    const conn = db.connect();
    for (const statement of ENGINE_STARTUP_SQL) conn.query(statement);
    return new NodeEngine(db, conn);
  }

  async query(q: SqlFragment): Promise<Table> {
    if (q.params.length === 0) return this.conn.query(q.text);
    const statement = this.conn.prepare(q.text);
    try {
      return statement.query(...q.params);
    } finally {
      statement.close();
    }
  }

  async exec(q: SqlFragment): Promise<void> {
    await this.query(q);
  }

  async insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    this.conn.insertArrowFromIPCStream(ipc, { name: table, create: mode === 'create' });
  }

  /**
   * Node has no lazy File reader in DuckDB-WASM (its NODE_FS handles proved unreliable in the
   * blocking build), so the bytes are handed over as a buffer; the report command holds the
   * file in memory anyway.
   */
  async registerFile(name: string, file: Blob): Promise<void> {
    this.db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(name);
  }

  close(): void {
    this.conn.close();
    this.db.reset();
  }
}
