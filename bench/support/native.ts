// Native DuckDB (the baseline): the same tables as the browser's sample, loaded from CSV with
// declared types, one thread, so the comparison is engine against engine.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCanonicalCsvSql, writeCanonicalCsv } from '../../sample-data/canonical-csv';
import type { SampleDataset } from '../../sample-data/generator';
import { TABLES, type TableName, type TableSpec } from '../../src/lib/schema';

export async function nativeConnection(threads: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  return instance.connect();
}

export async function loadCanonicalCsv(conn: DuckDBConnection, path: string, spec: TableSpec): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE "${spec.name}" AS SELECT * FROM ${readCanonicalCsvSql(path, spec)}`);
}

export async function timeNative(conn: DuckDBConnection, sql: string, params: unknown[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await conn.runAndReadAll(sql, params as never);
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * The sample's `tables` into native DuckDB, each through a canonical CSV in a folder of its own
 * that is removed once they are loaded (the tickets alone are 142 MB).
 */
export async function loadSampleNatively(conn: DuckDBConnection, sample: SampleDataset, tables: readonly TableName[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-native-'));
  try {
    for (const name of tables) {
      const path = join(dir, `${name}.csv`);
      await writeCanonicalCsv(path, TABLES[name], sample[name]);
      await loadCanonicalCsv(conn, path, TABLES[name]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
