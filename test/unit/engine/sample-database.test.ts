// The embedded sample as the engine worker opens it: a DuckDB file (written here by native DuckDB
// in the format of the DuckDB inside DuckDB-WASM, as scripts/build-sample.ts does) attached
// read-only, the canonical names bound to its tables as views, and unbound again for user data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NodeEngine } from '$lib/engine/node-engine';
import { SampleDatabase, bindSampleCopy } from '$lib/engine/worker/sample';
import { resetToEmpty } from '$lib/data/dataset-sync';
import { relationKindQuery, sampleCopyName } from '$lib/data/relations';
import { ident, sql } from '$lib/sql';
import type { DataEngine } from '$lib/data/dataset-sync';

let engine: NodeEngine;
let bytes: Buffer;
/** A sample holding every canonical table, as the build writes it. */
let fullBytes: Buffer;
const FULL_ROWS = { tickets: 3, grid_events: 1, enterprise_requests: 2, police_non_emergency: 1, special_population_alerts: 1 };
beforeAll(async () => {
  engine = await NodeEngine.start();
  const dir = mkdtempSync(join(tmpdir(), 'sample-db-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`ATTACH '${join(dir, 's.duckdb')}' AS s (STORAGE_VERSION 'v1.4.0')`);
  await conn.run(`CREATE TABLE s.tickets AS SELECT 'T1' AS ticket_id, TIMESTAMP '2024-01-05 13:05:00' AS received_at UNION ALL SELECT 'T2', TIMESTAMP '2024-02-01 00:00:00'`);
  await conn.run(`CREATE TABLE s.grid_events AS SELECT 'E1' AS event_id`);
  await conn.run('DETACH s');
  bytes = readFileSync(join(dir, 's.duckdb'));
  await conn.run(`ATTACH '${join(dir, 'full.duckdb')}' AS f (STORAGE_VERSION 'v1.4.0')`);
  for (const [table, n] of Object.entries(FULL_ROWS)) await conn.run(`CREATE TABLE f.${table} AS SELECT range AS id FROM range(${n})`);
  await conn.run('DETACH f');
  fullBytes = readFileSync(join(dir, 'full.duckdb'));
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => engine.close());

/** An engine, with every statement it is asked recorded. */
function recording(of: NodeEngine): { engine: NodeEngine; statements: string[] } {
  const statements: string[] = [];
  const wrapped = Object.create(of) as NodeEngine;
  wrapped.query = (q) => (statements.push(q.text), of.query(q));
  wrapped.exec = (q) => (statements.push(q.text), of.exec(q));
  return { engine: wrapped, statements };
}

const kind = async (name: string) => (await engine.query(relationKindQuery(name))).toArray()[0]?.kind ?? null;

describe('SampleDatabase', () => {
  it('binds the sample tables as views, gives the others empty tables, and counts rows', async () => {
    const sample = new SampleDatabase();
    sample.provide({ encoding: 'gzip', base64: gzipSync(bytes).toString('base64') });
    const summaries = await sample.use(engine);
    expect(summaries).toEqual([
      { table: 'tickets', rows: 2 },
      { table: 'grid_events', rows: 1 },
    ]);
    expect(await kind('tickets')).toBe('VIEW');
    expect(await kind('enterprise_requests')).toBe('TABLE');
    const t = await engine.query(sql`SELECT ticket_id, received_at FROM ${ident('tickets')} ORDER BY ticket_id`);
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      { ticket_id: 'T1', received_at: Date.UTC(2024, 0, 5, 13, 5) },
      { ticket_id: 'T2', received_at: Date.UTC(2024, 1, 1) },
    ]);
    // Read-only: the sample cannot be changed through its view.
    await expect(engine.exec(sql`INSERT INTO ${ident('tickets')} VALUES ('T3', NULL)`)).rejects.toThrow();

    // A user session replaces the views by empty base tables; the sample can come back after.
    await resetToEmpty(engine as unknown as DataEngine);
    expect(await kind('tickets')).toBe('TABLE');
    expect((await engine.query(sql`SELECT count(*)::INTEGER AS n FROM tickets`)).toArray()[0].n).toBe(0);
    expect(await sample.use(engine)).toContainEqual({ table: 'tickets', rows: 2 });
    sample.forget();
    await sample.detach(engine);
    expect(await kind('tickets')).toBeNull();
    expect(await kind('enterprise_requests')).toBe('TABLE');
  });

  it('with the build\'s row counts, binds every table by views alone: no question to the catalog', async () => {
    // A fresh engine, as at a cold open: nothing bound yet.
    const fresh = await NodeEngine.start();
    try {
      const kindIn = async (name: string) => (await fresh.query(relationKindQuery(name))).toArray()[0]?.kind ?? null;
      const sample = new SampleDatabase();
      sample.provide({ encoding: 'gzip', base64: gzipSync(fullBytes).toString('base64'), facts: { rows: FULL_ROWS } });
      const first = recording(fresh);
      expect(await sample.use(first.engine as never)).toEqual(Object.entries(FULL_ROWS).map(([table, rows]) => ({ table, rows })));
      expect(first.statements.filter((s) => /duckdb_(tables|views)/.test(s))).toEqual([]);
      expect(first.statements.filter((s) => s.startsWith('CREATE OR REPLACE VIEW'))).toHaveLength(5);
      expect((await fresh.query(sql`SELECT count(*)::INTEGER AS n FROM enterprise_requests`)).toArray()[0].n).toBe(2);

      // A name held by a table (a user session) cannot take a view in place: the careful way
      // binds it, and its counts are DuckDB's own.
      await resetToEmpty(fresh as unknown as DataEngine);
      expect(await kindIn('tickets')).toBe('TABLE');
      const again = recording(fresh);
      expect(await sample.use(again.engine as never)).toEqual(Object.entries(FULL_ROWS).map(([table, rows]) => ({ table, rows })));
      expect(again.statements.some((s) => s.includes('duckdb_tables'))).toBe(true);
      expect(await kindIn('tickets')).toBe('VIEW');
    } finally {
      fresh.close();
    }
  });

  it('says plainly when it is used before its bytes were provided', async () => {
    await expect(new SampleDatabase().use(engine)).rejects.toThrow('not provided');
  });

  it('let go after an import replaced it: forgotten, detached; provided again, it binds again', async () => {
    const fresh = await NodeEngine.start();
    try {
      const databases = async () =>
        (await fresh.query(sql`SELECT coalesce(list(database_name ORDER BY database_name), []) AS names FROM duckdb_databases() WHERE NOT internal`)).toArray()[0].names.toArray();
      const payload = { encoding: 'gzip' as const, base64: gzipSync(fullBytes).toString('base64'), facts: { rows: FULL_ROWS } };
      const sample = new SampleDatabase();
      sample.provide(payload);
      await sample.use(fresh);
      expect(await databases()).toEqual(['memory', 'sample']);
      // An import replaces it (its names become tables), then the engine lets it go.
      await resetToEmpty(fresh as unknown as DataEngine);
      sample.forget();
      expect(sample.provided).toBe(false);
      // Names that tables hold now are left alone, and the catalog is not asked (DuckDB's refusal is the check).
      const detaching = recording(fresh);
      await sample.detach(detaching.engine);
      expect(detaching.statements.filter((s) => /duckdb_(tables|views)/.test(s))).toEqual([]);
      expect(await databases()).toEqual(['memory']);
      expect((await fresh.query(relationKindQuery('tickets'))).toArray()[0]?.kind).toBe('TABLE');
      await expect(sample.use(fresh)).rejects.toThrow('not provided');
      // The user goes back to the sample: its bytes come again, and it is what it was.
      sample.provide(payload);
      expect(await sample.use(fresh)).toEqual(Object.entries(FULL_ROWS).map(([table, rows]) => ({ table, rows })));
      expect(await databases()).toEqual(['memory', 'sample']);
      expect((await fresh.query(sql`SELECT count(*)::INTEGER AS n FROM tickets`)).toArray()[0].n).toBe(FULL_ROWS.tickets);
    } finally {
      fresh.close();
    }
  });

  it("swaps a sample view for its copy in memory, without asking the catalog; a name the sample no longer holds keeps what it has, and the copy goes", async () => {
    const fresh = await NodeEngine.start();
    try {
      const kindIn = async (name: string) => (await fresh.query(relationKindQuery(name))).toArray()[0]?.kind ?? null;
      const copyOf = (table: 'tickets' | 'grid_events' | 'enterprise_requests') =>
        fresh.exec(sql`CREATE TABLE ${ident(sampleCopyName(table))} AS SELECT 'copy' AS source, range AS id FROM range(4)`);
      await fresh.exec(sql`CREATE TABLE original AS SELECT 'file' AS source`);
      // The sample's view (the attached file's table in the worker), a user's table, and nothing.
      await fresh.exec(sql`CREATE VIEW tickets AS SELECT * FROM original`);
      await fresh.exec(sql`CREATE TABLE grid_events AS SELECT 'user' AS source`);
      for (const table of ['tickets', 'grid_events', 'enterprise_requests'] as const) await copyOf(table);

      const swap = recording(fresh);
      expect(await bindSampleCopy(swap.engine, 'tickets')).toBe(true);
      expect(await bindSampleCopy(swap.engine, 'grid_events')).toBe(false);
      expect(await bindSampleCopy(swap.engine, 'enterprise_requests')).toBe(false);
      expect(swap.statements.filter((s) => /duckdb_(tables|views)/.test(s))).toEqual([]);

      expect(await kindIn('tickets')).toBe('VIEW');
      expect((await fresh.query(sql`SELECT source, count(*)::INTEGER AS n FROM tickets GROUP BY ALL`)).toArray().map((r) => r.toJSON())).toEqual([{ source: 'copy', n: 4 }]);
      expect(await kindIn(sampleCopyName('tickets'))).toBe('TABLE');
      expect((await fresh.query(sql`SELECT source FROM grid_events`)).toArray().map((r) => r.source)).toEqual(['user']);
      expect(await kindIn('enterprise_requests')).toBeNull();
      expect(await kindIn(sampleCopyName('grid_events'))).toBeNull();
      expect(await kindIn(sampleCopyName('enterprise_requests'))).toBeNull();
      // No transaction is left open on the connection.
      await fresh.exec(sql`BEGIN TRANSACTION`);
      await fresh.exec(sql`COMMIT`);
    } finally {
      fresh.close();
    }
  });
});
