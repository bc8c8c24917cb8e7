// The engine worker's implementation of the contract in workers/engine-api.ts.
import * as duckdb from '@duckdb/duckdb-wasm';
import { transfer } from 'comlink';
import { Table, tableToIPC, type RecordBatch, type Schema } from 'apache-arrow';
import type {
  EngineInfo,
  EngineStartOptions,
  EngineWorkerApi,
  QueryRequest,
  StagedUpsertRequest,
  TableSummary,
  UpsertCounts,
  UpsertRequest,
} from '../../../../workers/engine-api';
import { upsertFromStaging, upsertInto } from '$lib/import/upsert';
import type { TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';
import type { Engine } from '../types';
import { ENGINE_STARTUP_SQL } from '../types';
import { bootDuckDB } from './duckdb-boot';
import { QueryQueue } from './query-queue';
import { insertSample, prepareSample, type PreparedSample } from './sample-loader';

export class EngineService implements EngineWorkerApi {
  private db: duckdb.AsyncDuckDB | null = null;
  private conn: duckdb.AsyncDuckDBConnection | null = null;
  private readonly queue = new QueryQueue();
  /** The sample, generated while DuckDB instantiated, waiting for loadSample(). */
  private preparedSample: PreparedSample | null = null;

  async start(options: EngineStartOptions): Promise<EngineInfo> {
    if (this.conn) throw new Error('engine already started');
    const booting = bootDuckDB(options);
    if (options.prepareSample) {
      // Once DuckDB compiles in its own worker, this one is free: build the sample meanwhile, so
      // the two overlap on two cores instead of adding up. (Before that point, blocking this
      // worker would delay the nested worker's start.)
      await Promise.race([booting.compiling, booting.booted]);
      this.preparedSample = prepareSample();
    }
    const booted = await booting.booted;
    const t0 = performance.now();
    this.db = booted.db;
    this.conn = await booted.db.connect();
    for (const statement of ENGINE_STARTUP_SQL) await this.conn.query(statement);
    return {
      duckdbVersion: await booted.db.getVersion(),
      timings: {
        decodeMs: booted.decodeMs,
        instantiateMs: await Promise.race([booting.instantiatedMs, Promise.resolve(booted.instantiateMs)]),
        connectMs: performance.now() - t0,
      },
    };
  }

  query(request: QueryRequest): Promise<Uint8Array> {
    return this.queue.enqueue(request.id, async (signal) => {
      const bytes = tableToIPC(await this.collect(request, signal), 'stream');
      return transfer(bytes, [bytes.buffer]);
    });
  }

  queryBlob(request: QueryRequest): Promise<Blob> {
    return this.queue.enqueue(request.id, async (signal) => new Blob([tableToIPC(await this.collect(request, signal), 'stream') as Uint8Array<ArrayBuffer>]));
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

  upsert(request: UpsertRequest): Promise<UpsertCounts> {
    return this.queue.enqueue(-1, () =>
      upsertInto(this.direct(), request.table as TableName, request.batches, { extras: request.extras }),
    );
  }

  upsertStaged(request: StagedUpsertRequest): Promise<UpsertCounts> {
    return this.queue.enqueue(-1, () => upsertFromStaging(this.direct(), request.table as TableName, request.rows, request.extras));
  }

  async registerFile(name: string, file: Blob): Promise<void> {
    await this.database().registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  }

  async dropFile(name: string): Promise<void> {
    await this.database().dropFile(name);
  }

  private database(): duckdb.AsyncDuckDB {
    if (!this.db) throw new Error('engine not started');
    return this.db;
  }

  restoreTable(table: string, ipc: Uint8Array, createSql: string | null): Promise<number> {
    return this.queue.enqueue(-1, async () => {
      const conn = this.connection();
      const staging = `__restore_${table}_${Date.now().toString(36)}`;
      await conn.query('BEGIN TRANSACTION');
      try {
        await conn.query(sql`DROP TABLE IF EXISTS ${ident(table)}`.text);
        if (createSql) {
          await conn.query(createSql);
          await conn.insertArrowFromIPCStream(ipc, { name: staging, create: true });
          await conn.query(sql`INSERT INTO ${ident(table)} BY NAME SELECT * FROM ${ident(staging)}`.text);
          await conn.query(sql`DROP TABLE ${ident(staging)}`.text);
        } else {
          await conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
        }
        await conn.query('COMMIT');
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      const count = await conn.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`.text);
      return Number(count.toArray()[0]?.n ?? 0);
    });
  }

  /** The Engine interface straight on the connection, for work already inside one queued job. */
  private direct(): Engine {
    const run = async (q: SqlFragment): Promise<Table> => {
      const conn = this.connection();
      if (q.params.length === 0) return conn.query(q.text);
      const statement = await conn.prepare(q.text);
      try {
        return await statement.query(...q.params);
      } finally {
        await statement.close();
      }
    };
    return {
      query: run,
      exec: async (q) => void (await run(q)),
      insertArrow: async (table, ipc, mode) => {
        await this.connection().insertArrowFromIPCStream(ipc, { name: table, create: mode === 'create' });
      },
      registerFile: (name, file) => this.registerFile(name, file),
      dropFile: (name) => this.dropFile(name),
    };
  }

  loadSample(seed?: number): Promise<TableSummary[]> {
    return this.queue.enqueue(-1, () => {
      const sample = seed === undefined && this.preparedSample ? this.preparedSample : prepareSample(seed);
      this.preparedSample = null;
      return insertSample(this.connection(), sample);
    });
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
