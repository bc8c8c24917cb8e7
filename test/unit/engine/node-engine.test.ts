import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { ident, sql } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('NodeEngine', () => {
  it('binds parameters instead of pasting them', async () => {
    const hostile = "x'); DROP TABLE t; --";
    const result = await engine.query(sql`SELECT ${hostile} AS s, ${41} + 1 AS n`);
    expect(result.toArray()[0].toJSON()).toEqual({ s: hostile, n: 42 });
  });

  it('creates a table from Arrow IPC and appends to it', async () => {
    const ipc = tableToIPC(tableFromArrays({ id: ['a', 'b'], n: Int32Array.from([1, 2]) }), 'stream');
    await engine.insertArrow('arrow_in', ipc, 'create');
    await engine.insertArrow('arrow_in', ipc, 'append');
    const result = await engine.query(sql`SELECT count(*)::INTEGER AS c, sum(n)::INTEGER AS s FROM ${ident('arrow_in')}`);
    expect(result.toArray()[0].toJSON()).toEqual({ c: 4, s: 6 });
  });

  it('refuses extensions cleanly instead of trying to download them', async () => {
    // With autoloading off DuckDB names the extension and stops; with it on, it would try to fetch
    // the extension and fail with a network or file error instead.
    await expect(engine.query(sql`SELECT * FROM read_parquet('nothing.parquet')`)).rejects.toThrow(
      /^Catalog Error: Table Function with name "read_parquet" is not in the catalog, but it exists in the parquet extension\./,
    );
  });
});
