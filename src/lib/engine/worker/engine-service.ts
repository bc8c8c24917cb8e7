// The engine worker's implementation of the contract in workers/engine-api.ts.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { transfer } from 'comlink';
import { Table, tableToIPC, type RecordBatch, type Schema } from 'apache-arrow';
import type {
  EngineInfo,
  EngineStartOptions,
  EngineWorkerApi,
  QueryRequest,
  TableSummary,
} from '../../../../workers/engine-api';
import { ENGINE_STARTUP_SQL } from '../types';
import { bootDuckDB } from './duckdb-boot';
import { QueryQueue } from './query-queue';
import { loadSampleTables } from './sample-loader';

export class EngineService implements EngineWorkerApi {
  private db: duckdb.AsyncDuckDB | null = null;
  private conn: duckdb.AsyncDuckDBConnection | null = null;
  private readonly queue = new QueryQueue();

  async start(options: EngineStartOptions): Promise<EngineInfo> {
    if (this.conn) throw new Error('engine already started');
    const booted = await bootDuckDB(options);
    const t0 = performance.now();
    this.db = booted.db;
    this.conn = await booted.db.connect();
    for (const statement of ENGINE_STARTUP_SQL) await this.conn.query(statement);
    return {
      duckdbVersion: await booted.db.getVersion(),
      timings: { decodeMs: booted.decodeMs, instantiateMs: booted.instantiateMs, connectMs: performance.now() - t0 },
    };
  }

  query(request: QueryRequest): Promise<Uint8Array> {
    return this.queue.enqueue(request.id, async (signal) => {
      const bytes = tableToIPC(await this.collect(request, signal), 'stream');
      return transfer(bytes, [bytes.buffer]);
    });
  }

  runUserSql(request: QueryRequest, options: { allowWrites: boolean }): Promise<Uint8Array> {
    return this.queue.enqueue(request.id, async () => {
      const conn = this.connection();
      if (!options.allowWrites) await conn.query('BEGIN TRANSACTION');
      try {
        const statement = await conn.prepare(request.sql);
        try {
          const bytes = tableToIPC(await statement.query(...request.params), 'stream');
          return transfer(bytes, [bytes.buffer]);
        } finally {
          await statement.close();
        }
      } finally {
        // Whatever the statement did (even COMMIT), nothing it wrote survives this.
        if (!options.allowWrites) await conn.query('ROLLBACK').catch(() => undefined);
      }
    });
  }

  async exec(request: QueryRequest): Promise<void> {
    await this.queue.enqueue(request.id, (signal) => this.collect(request, signal));
  }

  insertArrow(table: string, ipc: Uint8Array, mode: 'create' | 'append'): Promise<void> {
    return this.queue.enqueue(-1, async () => {
      await this.connection().insertArrowFromIPCStream(ipc, { name: table, create: mode === 'create' });
    });
  }

  async cancel(id: number): Promise<boolean> {
    return this.queue.cancel(id);
  }

  loadSample(seed?: number): Promise<TableSummary[]> {
    return this.queue.enqueue(-1, () => loadSampleTables(this.connection(), seed));
  }

  private connection(): duckdb.AsyncDuckDBConnection {
    if (!this.conn) throw new Error('engine not started');
    return this.conn;
  }

  private async collect(request: QueryRequest, signal: AbortSignal): Promise<Table> {
    const conn = this.connection();
    const onAbort = () => void conn.cancelSent();
    signal.addEventListener('abort', onAbort);
    try {
      if (request.params.length === 0) {
        // send() runs as a pending query polled step by step, so cancelSent() can interrupt it.
        const reader = await conn.send(request.sql, true);
        const batches: RecordBatch[] = [];
        for await (const batch of reader) batches.push(batch);
        // The schema travels even when no row does, so an empty result still decodes.
        return new Table(reader.schema as Schema, batches);
      }
      const statement = await conn.prepare(request.sql);
      try {
        return await statement.query(...request.params);
      } finally {
        await statement.close();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
