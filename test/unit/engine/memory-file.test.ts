// A database written by DuckDB-WASM into a MemoryFile comes back out as bytes that attach
// read-only with the same rows — the form the user's stored tables take (data/stored-database.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { MemoryFile } from '$lib/engine/memory-file';
import { sql, trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('MemoryFile', () => {
  it('reads what was written, grows past its capacity, truncates', () => {
    const f = new MemoryFile(4);
    expect(f.write(new Uint8Array([1, 2, 3]), { at: 2 })).toBe(3);
    expect(f.getSize()).toBe(5);
    expect([...f.bytes()]).toEqual([0, 0, 1, 2, 3]);
    const into = new Uint8Array(4);
    expect(f.read(into, { at: 3 })).toBe(2);
    expect([...into]).toEqual([2, 3, 0, 0]);
    f.truncate(3);
    expect([...f.bytes()]).toEqual([0, 0, 1]);
    expect(f.read(new Uint8Array(4), { at: 9 })).toBe(0);
  });

  it('holds a database DuckDB-WASM writes, which attaches read-only elsewhere with the same rows', async () => {
    const file = new MemoryFile();
    const wal = new MemoryFile();
    engine.registerMemoryFile('workbench-files/t1.duckdb', file);
    engine.registerMemoryFile('workbench-files/t1.duckdb.wal', wal);
    await engine.exec(trusted(`ATTACH 'workbench-files/t1.duckdb' AS w1`));
    await engine.exec(trusted(`CREATE TABLE w1.t AS SELECT range AS id, 'r' || (range % 7) AS s FROM range(5000)`));
    await engine.exec(trusted(`DETACH w1`));
    await engine.dropFile('workbench-files/t1.duckdb');
    await engine.dropFile('workbench-files/t1.duckdb.wal');
    const bytes = file.bytes();
    // "DUCK" at offset 8: DuckDB's magic bytes.
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('DUCK');

    engine.registerBuffer('workbench-files/t1-read.duckdb', bytes);
    await engine.exec(trusted(`ATTACH 'workbench-files/t1-read.duckdb' AS r1 (READ_ONLY)`));
    const row = (await engine.query(sql`SELECT count(*)::INTEGER AS n, sum(id)::DOUBLE AS total, count(DISTINCT s)::INTEGER AS kinds FROM r1.t`)).toArray()[0].toJSON();
    // 0 + 1 + … + 4999 = 4999 · 5000 / 2
    expect(row).toEqual({ n: 5000, total: 12_497_500, kinds: 7 });
    await engine.exec(trusted(`DETACH r1`));
    await engine.dropFile('workbench-files/t1-read.duckdb');
  });
});
