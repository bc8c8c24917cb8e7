// A file chosen while the engine starts: the header the worker decides meanwhile is handed to
// DuckDB once the engine comes (its early read begins then), a cancel while waiting answers at
// once, and an engine that cannot start leaves the file to the worker's parse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import type { EngineClient } from '$lib/engine';
import { PendingEngineImport } from '$lib/data/engine-import';
import { prepareCsvBytes } from '$lib/import/csv-prepare';
import type { CsvHead } from '$lib/import/engine-csv';
import { trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 60_000);
afterAll(() => engine?.close());

/** The page's client as far as an engine-path import uses it, over the Node engine. */
function client(): EngineClient {
  return {
    cancellable: () => engine,
    watchEngineWork: async () => undefined,
    query: (q: Parameters<NodeEngine['query']>[0]) => engine.query(q),
    exec: (q: Parameters<NodeEngine['exec']>[0]) => engine.exec(q),
    dropFile: (name: string) => engine.dropFile(name),
  } as unknown as EngineClient;
}

const text = ['工单编号,受理时间,所属区镇', ...Array.from({ length: 2000 }, (_, i) => `HM${i},2024-01-01 08:00:00,海门街道`)].join('\n') + '\n';
const bytes = new TextEncoder().encode(text);
const file = new File([bytes], 't.csv');

async function headOf(): Promise<CsvHead> {
  const heads: CsvHead[] = [];
  async function* chunks() {
    yield bytes;
  }
  await prepareCsvBytes({ name: 't.csv', file, chunks: () => chunks(), encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false }, tabSeparated: false, choice: { table: 'tickets' }, onHead: (h) => heads.push(h) });
  return heads[0];
}

const importTables = async () =>
  (
    await engine.query(
      trusted("SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, '__import_') UNION ALL SELECT view_name FROM duckdb_views() WHERE starts_with(view_name, '__import_')"),
    )
  )
    .toArray()
    .map((r) => String(r.name));

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PendingEngineImport', () => {
  it('hands the header decided before the engine started to DuckDB once it has, and discards cleanly', async () => {
    const started = deferred<EngineClient | null>();
    const progress: number[] = [];
    const pending = new PendingEngineImport(started.promise, file, (p) => progress.push(p.bytesRead));
    pending.workerProgress({ bytesRead: 10, totalBytes: bytes.length, rows: 1 });
    pending.headDecided(await headOf());
    expect(progress).toEqual([10]);
    expect(await importTables()).toEqual([]);
    started.resolve(client());
    const engineImport = await pending.ready();
    expect(engineImport).not.toBeNull();
    // The early read began with the engine: the raw table is made.
    await expect.poll(importTables).toHaveLength(1);
    await pending.discard();
    expect(await importTables()).toEqual([]);
  });

  it('answers a cancel while it waits at once, and makes nothing when the engine comes after', async () => {
    const started = deferred<EngineClient | null>();
    const pending = new PendingEngineImport(started.promise, file, () => undefined);
    pending.headDecided(await headOf());
    const ready = pending.ready();
    pending.cancel();
    expect(await ready).toBeNull();
    expect(pending.stopped).toBe(true);
    started.resolve(client());
    await new Promise((r) => setTimeout(r, 50));
    expect(await importTables()).toEqual([]);
  });

  it('answers null, not stopped, when the engine cannot start: the worker parses instead', async () => {
    const pending = new PendingEngineImport(Promise.resolve(null), file, () => undefined);
    expect(await pending.ready()).toBeNull();
    expect(pending.stopped).toBe(false);
  });
});
