// A table to IndexedDB and back, as the engine worker does it, over DuckDB-WASM in Node and a
// Map-backed store: the rows come back exactly, in pieces; a save that fails part-way or a
// restore with a missing piece changes nothing that was there before.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { datasetStore, mergeMeta, type DatasetRecord } from '$lib/data/datasets';
import { persistTable, restoreTable, restoreTableAttached } from '$lib/data/stored-tables';
import type { DatabaseRecord } from '$lib/data/datasets';
import type { KvLike } from '$lib/data/kv-like';
import { createExtraValuesSql, createTableSql } from '$lib/import/upsert';
import { ident, sql } from '$lib/sql';

function fakeKv(failWritesAfter = Infinity): KvLike & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  let writes = 0;
  return {
    map,
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async <T>(k: string, v: T) => {
      if (++writes > failWritesAfter) throw Object.assign(new Error('quota'), { name: 'StorageFull' });
      map.set(k, v);
    },
    delete: async (k: string) => void map.delete(k),
    keys: async () => [...map.keys()],
  };
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const meta = (rows: number) => mergeMeta(undefined, 'tickets', rows, [], new Date(Date.UTC(2024, 0, 1)));

/** 3,000 tickets: enough for several 2,048-row batches, so small pieces really split. */
async function fillTickets(): Promise<void> {
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident('tickets')}`);
  await engine.exec(createTableSql('tickets'));
  await engine.exec(sql`INSERT INTO tickets (ticket_id, received_at, township, satisfaction, returned_count, reopened)
    SELECT 'T' || range, TIMESTAMP '2024-03-01 08:00:00' + to_minutes(range), CASE WHEN range % 3 = 0 THEN '海门街道' ELSE NULL END,
           CASE WHEN range % 2 = 0 THEN '满意' ELSE '不满意' END, (range % 4)::INTEGER, range % 5 = 0
    FROM range(3000)`);
  await engine.exec(createExtraValuesSql());
  await engine.exec(sql`DELETE FROM import_extra_values`);
  await engine.exec(sql`INSERT INTO import_extra_values VALUES ('tickets', 'T1', '备注', '加急'), ('grid_events', 'E1', '备注', '别的表')`);
}

const summary = async () =>
  (
    await engine.query(sql`SELECT count(*)::INTEGER AS n, count(township)::INTEGER AS towns, sum(returned_count)::INTEGER AS returned,
      count(*) FILTER (WHERE reopened)::INTEGER AS reopened, min(received_at) AS first, max(ticket_id) AS last FROM tickets`)
  ).toArray()[0].toJSON();

// Hand-computed for fillTickets: 1,000 multiples of 3; returned 0+1+2+3 repeated 750 times; 600 multiples of 5.
const FILLED = { n: 3000, towns: 1000, returned: 4500, reopened: 600, first: Date.UTC(2024, 2, 1, 8), last: 'T999' };

describe('persistTable + restoreTable, Arrow pieces (the layout before database files)', () => {
  beforeEach(fillTickets);

  it('writes pieces then the record naming them, and restores the same rows and extras', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    const bytes = await persistTable(engine, store, meta(3000), 20_000, 'arrow');
    const record = (await store.load('tickets')) as DatasetRecord;
    expect(record.version).toBe(2);
    expect(record.parts).toBeGreaterThan(1);
    expect(record.extrasParts).toBe(1);
    expect(record.bytes).toBe(bytes);
    expect([...kv.map.keys()].filter((k) => k.startsWith('tickets@'))).toHaveLength(record.parts + record.extrasParts);

    await engine.exec(sql`DELETE FROM tickets`);
    await engine.exec(sql`DELETE FROM import_extra_values WHERE table_name = 'tickets'`);
    expect(await restoreTable(engine, store, record)).toBe(3000);
    expect(await summary()).toEqual(FILLED);
    const extras = await engine.query(sql`SELECT table_name, record_key, header, value FROM import_extra_values ORDER BY table_name`);
    expect(extras.toArray().map((r) => r.toJSON())).toEqual([
      { table_name: 'grid_events', record_key: 'E1', header: '备注', value: '别的表' },
      { table_name: 'tickets', record_key: 'T1', header: '备注', value: '加急' },
    ]);
    const types = await engine.query(sql`SELECT data_type FROM duckdb_columns() WHERE table_name = 'tickets' AND column_name IN ('received_at', 'returned_count', 'reopened') ORDER BY column_name`);
    expect(types.toArray().map((r) => r.data_type)).toEqual(['TIMESTAMP', 'BOOLEAN', 'INTEGER']);
  });

  it('a second save replaces the first generation and deletes its pieces', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await persistTable(engine, store, meta(3000), 20_000, 'arrow');
    const first = (await store.load('tickets')) as DatasetRecord;
    await engine.exec(sql`DELETE FROM tickets WHERE ticket_id = 'T0'`);
    await persistTable(engine, store, meta(2999), 20_000, 'arrow');
    const second = (await store.load('tickets')) as DatasetRecord;
    expect(second.generation).not.toBe(first.generation);
    expect([...kv.map.keys()].some((k) => k.startsWith(`tickets@${first.generation}:`))).toBe(false);
    expect(await restoreTable(engine, store, second)).toBe(2999);
  });

  it('a save that fails part-way leaves the previous record and its pieces, and no stray pieces', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await persistTable(engine, store, meta(3000), 20_000, 'arrow');
    const before = new Map(kv.map);
    const failing = datasetStore(Object.assign(fakeKv(1), { map: kv.map, get: kv.get, keys: kv.keys, delete: kv.delete }));
    await expect(persistTable(engine, failing, meta(3000), 20_000, 'arrow')).rejects.toThrow('quota');
    expect([...kv.map.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('a restore with a missing piece fails and leaves the table as it was', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await persistTable(engine, store, meta(3000), 20_000, 'arrow');
    const record = (await store.load('tickets')) as DatasetRecord;
    kv.map.delete(`tickets@${record.generation}:rows:1`);
    await expect(restoreTable(engine, store, record)).rejects.toThrow(`tickets@${record.generation}:rows:1`);
    expect(await summary()).toEqual(FILLED);
  });

  it('restores the single-buffer layout of version 1 into the declared column types', async () => {
    const ipc = tableToIPC(tableFromArrays({ ticket_id: ['A', 'B'], township: ['悦来镇', null] }), 'stream');
    const store = datasetStore(fakeKv());
    expect(await restoreTable(engine, store, { version: 1, meta: meta(2), ipc, extras: null })).toBe(2);
    const rows = await engine.query(sql`SELECT ticket_id, township, received_at FROM tickets ORDER BY ticket_id`);
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { ticket_id: 'A', township: '悦来镇', received_at: null },
      { ticket_id: 'B', township: null, received_at: null },
    ]);
  });
});

describe('persistTable + restoreTable, a DuckDB database file', () => {
  beforeEach(fillTickets);

  const kindOf = async (name: string) =>
    (await engine.query(sql`SELECT 'TABLE' AS k FROM duckdb_tables() WHERE table_name = ${name} AND database_name = current_database() UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE view_name = ${name} AND database_name = current_database() AND NOT internal`)).toArray()[0]?.k;
  const attachments = async () =>
    (await engine.query(sql`SELECT database_name FROM duckdb_databases() WHERE starts_with(database_name, '__st') ORDER BY 1`)).toArray().map((r) => r.database_name);

  it('writes the file in pieces, then the record; restores the same rows, extras and column types', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    const bytes = await persistTable(engine, store, meta(3000), 64 * 1024);
    const record = (await store.load('tickets')) as DatabaseRecord;
    expect(record.version).toBe(3);
    expect(record.bytes).toBe(bytes);
    expect(record.parts).toBe(Math.ceil(bytes / (64 * 1024)));
    expect([...kv.map.keys()].filter((k) => k.startsWith('tickets@'))).toHaveLength(record.parts);
    const first = kv.map.get(`tickets@${record.generation}:database:0`) as Uint8Array;
    expect(new TextDecoder().decode(first.subarray(8, 12))).toBe('DUCK');
    // Nothing the write attached stays attached.
    expect(await attachments()).toEqual([]);

    await engine.exec(sql`DELETE FROM tickets`);
    await engine.exec(sql`DELETE FROM import_extra_values WHERE table_name = 'tickets'`);
    expect(await restoreTable(engine, store, record)).toBe(3000);
    expect(await summary()).toEqual(FILLED);
    expect(await kindOf('tickets')).toBe('TABLE');
    expect(await attachments()).toEqual([]);
    const extras = await engine.query(sql`SELECT table_name, record_key, header, value FROM import_extra_values ORDER BY table_name`);
    expect(extras.toArray().map((r) => r.toJSON())).toEqual([
      { table_name: 'grid_events', record_key: 'E1', header: '备注', value: '别的表' },
      { table_name: 'tickets', record_key: 'T1', header: '备注', value: '加急' },
    ]);
    const types = await engine.query(sql`SELECT data_type FROM duckdb_columns() WHERE table_name = 'tickets' AND column_name IN ('received_at', 'returned_count', 'reopened') ORDER BY column_name`);
    expect(types.toArray().map((r) => r.data_type)).toEqual(['TIMESTAMP', 'BOOLEAN', 'INTEGER']);
  });

  it('writes Blob pieces to a store that does not seal, byte pieces to one that does; both restore the same rows', async () => {
    for (const seals of [false, true]) {
      const kv = { ...fakeKv(), seals: () => seals };
      const store = datasetStore(kv);
      await persistTable(engine, store, meta(3000), 64 * 1024);
      const record = (await store.load('tickets')) as DatabaseRecord;
      const pieces = [...kv.map.entries()].filter(([k]) => k.startsWith('tickets@')).map(([, v]) => v);
      expect(pieces.length).toBe(record.parts);
      expect(pieces.every((p) => (seals ? p instanceof Uint8Array : p instanceof Blob))).toBe(true);
      expect(pieces.reduce((n: number, p) => n + (p instanceof Blob ? p.size : (p as Uint8Array).length), 0)).toBe(record.bytes);
      // The 'duckdb-bytes' form (what was written before) is byte pieces whatever the store.
      await engine.exec(sql`DELETE FROM tickets`);
      await engine.exec(sql`DELETE FROM import_extra_values WHERE table_name = 'tickets'`);
      // Node cannot read a Blob synchronously: the pieces are read whole first, then attached.
      expect(await restoreTable(engine, store, record)).toBe(3000);
      expect(await summary()).toEqual(FILLED);
      expect(await attachments()).toEqual([]);
    }
    const kv = { ...fakeKv(), seals: () => false };
    await persistTable(engine, datasetStore(kv), meta(3000), 64 * 1024, 'duckdb-bytes');
    expect([...kv.map.entries()].filter(([k]) => k.startsWith('tickets@')).every(([, v]) => v instanceof Uint8Array)).toBe(true);
  });

  it('restoring first binds the name to the attached file (no copy), and the copy swaps in later', async () => {
    const store = datasetStore(fakeKv());
    await persistTable(engine, store, meta(3000));
    await engine.exec(sql`DELETE FROM tickets`);
    const restored = await restoreTableAttached(engine, store, (await store.load('tickets'))!);
    expect(restored.rows).toBe(3000);
    expect(restored.attached).not.toBeNull();
    expect(await kindOf('tickets')).toBe('VIEW');
    expect(await summary()).toEqual(FILLED);
    const { copyAttachedSql, swapInCopy } = await import('$lib/data/stored-database');
    await engine.exec(copyAttachedSql(restored.attached!));
    expect(await swapInCopy(engine, restored.attached!, true)).toBe(true);
    expect(await kindOf('tickets')).toBe('TABLE');
    expect(await summary()).toEqual(FILLED);
    expect(await attachments()).toEqual([]);
  });

  it('binds over the empty table without asking the catalog; over a view it rolls back and binds the careful way', async () => {
    const store = datasetStore(fakeKv());
    await persistTable(engine, store, meta(3000));
    const record = (await store.load('tickets'))!;
    // The name is a table (what the engine makes at start): one try, no duckdb_tables()/duckdb_views().
    await engine.exec(sql`DELETE FROM tickets`);
    const statements: string[] = [];
    const recorded = Object.create(engine) as NodeEngine;
    recorded.query = (q) => (statements.push(q.text), engine.query(q));
    recorded.exec = (q) => (statements.push(q.text), engine.exec(q));
    const first = await restoreTableAttached(recorded, store, record);
    expect(statements.filter((s) => /duckdb_(tables|views)/.test(s))).toEqual([]);
    expect(statements.filter((s) => s === 'BEGIN TRANSACTION')).toHaveLength(1);
    expect(await kindOf('tickets')).toBe('VIEW');
    expect(await summary()).toEqual(FILLED);

    // Restored again while the name is still the view over the first attachment: DuckDB refuses
    // to drop a view as a table, so the first try is rolled back and the catalog decides.
    statements.length = 0;
    await engine.exec(sql`DELETE FROM import_extra_values WHERE table_name = 'tickets'`);
    const second = await restoreTableAttached(recorded, store, record);
    expect(statements.filter((s) => s === 'BEGIN TRANSACTION')).toHaveLength(2);
    expect(statements.filter((s) => s === 'ROLLBACK')).toHaveLength(1);
    expect(statements.some((s) => s.includes('duckdb_views'))).toBe(true);
    expect(second.rows).toBe(3000);
    expect(await summary()).toEqual(FILLED);
    // The rolled-back try left nothing half done: the extras are there once, not twice or none.
    const extras = await engine.query(sql`SELECT count(*)::INTEGER AS n FROM import_extra_values WHERE table_name = 'tickets'`);
    expect(extras.toArray()[0].n).toBe(1);
    const { detachTable } = await import('$lib/data/stored-database');
    await engine.exec(sql`DROP VIEW tickets`);
    await engine.exec(createTableSql('tickets'));
    for (const r of [first, second]) await detachTable(engine, r.attached!);
    expect(await attachments()).toEqual([]);
  });

  it('a copy that arrives after the table was replaced is dropped, and the file detached', async () => {
    const store = datasetStore(fakeKv());
    await persistTable(engine, store, meta(3000));
    const restored = await restoreTableAttached(engine, store, (await store.load('tickets'))!);
    const { copyAttachedSql, swapInCopy, storedCopyName } = await import('$lib/data/stored-database');
    await engine.exec(copyAttachedSql(restored.attached!));
    // An import replaced the table meanwhile: the name is a table again, with other rows.
    await engine.exec(sql`DROP VIEW tickets`);
    await engine.exec(sql`CREATE TABLE tickets AS SELECT 'X' AS ticket_id`);
    expect(await swapInCopy(engine, restored.attached!, true)).toBe(false);
    expect((await engine.query(sql`SELECT ticket_id FROM tickets`)).toArray().map((r) => r.ticket_id)).toEqual(['X']);
    expect(await kindOf(storedCopyName(restored.attached!))).toBeUndefined();
    expect(await attachments()).toEqual([]);
  });

  it('a damaged file fails to restore and leaves the table as it was, nothing attached', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await persistTable(engine, store, meta(3000), 64 * 1024);
    const record = (await store.load('tickets')) as DatabaseRecord;
    const key = `tickets@${record.generation}:database:0`;
    const damaged = (kv.map.get(key) as Uint8Array).slice();
    damaged.fill(0, 0, 4096);
    kv.map.set(key, damaged);
    await expect(restoreTable(engine, store, record)).rejects.toThrow();
    expect(await summary()).toEqual(FILLED);
    expect(await attachments()).toEqual([]);
    kv.map.delete(key);
    await expect(restoreTable(engine, store, record)).rejects.toThrow(key);
    expect(await summary()).toEqual(FILLED);
  });

  it('a file written before a column was declared restores by name, the new column empty', async () => {
    const store = datasetStore(fakeKv());
    await engine.exec(sql`ALTER TABLE tickets DROP COLUMN township`);
    await persistTable(engine, store, meta(3000));
    await fillTickets();
    await engine.exec(sql`UPDATE tickets SET township = 'x'`);
    expect(await restoreTable(engine, store, (await store.load('tickets'))!)).toBe(3000);
    expect(await summary()).toEqual({ ...FILLED, towns: 0 });
  });
});
