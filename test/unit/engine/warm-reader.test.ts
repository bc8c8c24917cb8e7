// Readying DuckDB's CSV reader before the first import (warm-reader.ts): the made-up export is
// read by the import's own raw read, every row and cell as written, and nothing of it stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { warmCsv, warmCsvReader } from '$lib/engine/worker/warm-reader';
import { readRawTable } from '$lib/import/raw-read';
import { trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 60_000);
afterAll(() => engine?.close());

const tablesAndFiles = async () => ({
  tables: (await engine.query(trusted('SELECT table_name AS t FROM duckdb_tables() ORDER BY ALL'))).toArray().map((r) => String(r.t)),
  files: (await engine.query(trusted("SELECT count(*)::INTEGER AS n FROM glob('workbench-files/*')"))).toArray()[0].n,
});

describe('the made-up export', () => {
  it('is read by the raw read as written: its rows, its quoted cells with commas, quotes and line breaks', async () => {
    await engine.registerFile('workbench-files/warm-test.csv', [warmCsv(3, 6)]);
    try {
      expect(await readRawTable(engine, 'warm_test', { engineFile: 'workbench-files/warm-test.csv', delimiter: ',', skip: 1, width: 6 })).toBeNull();
      const rows = (await engine.query(trusted('SELECT * FROM warm_test ORDER BY rowid'))).toArray().map((r) => r.toJSON());
      expect(rows).toEqual([
        { c0: '2025-01-10 00:10:00', c1: '海门街道0', c2: '内容,"0"\n第二行', c3: '3', c4: null, c5: '2025-01-10 00:15:00' },
        { c0: '2025-02-11 01:10:00', c1: '海门街道1', c2: '内容,"1"\n第二行', c3: '10', c4: null, c5: '2025-02-11 01:15:00' },
        { c0: '2025-03-12 02:10:00', c1: '海门街道2', c2: '内容,"2"\n第二行', c3: '17', c4: null, c5: '2025-03-12 02:15:00' },
      ]);
    } finally {
      await engine.exec(trusted('DROP TABLE IF EXISTS warm_test'));
      await engine.dropFile('workbench-files/warm-test.csv');
    }
  });
});

describe('warmCsvReader', () => {
  it('reads it, twice as an import in parts does, and leaves no table and no file behind', async () => {
    const before = await tablesAndFiles();
    const ms = await warmCsvReader(engine);
    expect(ms).toBeGreaterThan(0);
    expect(await tablesAndFiles()).toEqual(before);
  });
});
