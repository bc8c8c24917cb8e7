// DuckDB's own out-of-memory error, as the import sees it: recognised by isOutOfMemory (a DuckDB
// upgrade that reworded it would fail here, not on a user's 2 GB file), with the engine still
// answering and its tables as they were, which is what lets an import report it and lose nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { isOutOfMemory } from '$lib/import/errors';
import { trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  // The browser's limit is 3.1 GiB; a small one makes the same error from a small table.
  engine = await NodeEngine.start({ settings: ["SET memory_limit = '64MB'"] });
}, 60_000);
afterAll(() => engine?.close());

const count = async (sql: string) => Number((await engine.query(trusted(sql))).toArray()[0].n);

describe("DuckDB's out-of-memory error", () => {
  it('is recognised, and leaves the engine answering and the tables as they were', async () => {
    await engine.exec(trusted('CREATE TABLE kept AS SELECT range AS i FROM range(1000)'));
    const failure = await engine.exec(trusted("CREATE TABLE big AS SELECT range AS i, repeat('x', 200) || range::VARCHAR AS s FROM range(2000000)")).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).not.toBeNull();
    expect(isOutOfMemory(failure)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM kept')).toBe(1000);
    expect(await count("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'big'")).toBe(0);
  });
});
