// Native DuckDB (the baseline): the same tables as the browser's sample, loaded from CSV with
// declared types, one thread, so the comparison is engine against engine.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readCanonicalCsvSql } from '../../sample-data/canonical-csv';
import type { TableSpec } from '../../src/lib/schema';

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

export { writeCanonicalCsv } from '../../sample-data/canonical-csv';
