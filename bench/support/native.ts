// Native DuckDB (the baseline): the same tables as the browser's sample, loaded from CSV with
// declared types, one thread, so the comparison is engine against engine.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ColumnarTable } from '../../src/lib/arrow';
import type { TableSpec } from '../../src/lib/schema';

function cell(value: string | number | boolean | null, type: string): string {
  if (value === null) return '';
  if (type === 'TIMESTAMP') return new Date(value as number).toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'string') return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return String(value);
}

export async function writeCanonicalCsv(path: string, spec: TableSpec, table: ColumnarTable): Promise<void> {
  const out = createWriteStream(path);
  out.write(spec.columns.map((c) => c.name).join(',') + '\n');
  const cols = spec.columns.map((c) => ({ values: table.columns[c.name] as (string | number | boolean | null)[], type: c.type }));
  let chunk = '';
  for (let i = 0; i < table.length; i++) {
    chunk += cols.map((c) => cell(c.values[i], c.type)).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

export async function nativeConnection(threads: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  return instance.connect();
}

export async function loadCanonicalCsv(conn: DuckDBConnection, path: string, spec: TableSpec): Promise<void> {
  const columns = spec.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE "${spec.name}" AS SELECT * FROM read_csv('${path}', header = true, columns = {${columns}}, timestampformat = '%Y-%m-%d %H:%M:%S.%g')`);
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
