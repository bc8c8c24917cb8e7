// The sample as plain CSV with the canonical column names, values as DuckDB reads them with the
// declared types (`read_csv(..., columns = {...})`): how the build writes the sample database and
// how the benchmark loads the same rows into native DuckDB.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ColumnarTable } from '$lib/arrow';
import type { TableSpec } from '$lib/schema/tables';

type Value = string | number | boolean | null;

function cell(value: Value, type: string): string {
  if (value === null || value === undefined) return '';
  if (type === 'TIMESTAMP') return new Date(value as number).toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'string') return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
  return String(value);
}

export async function writeCanonicalCsv(path: string, spec: TableSpec, table: ColumnarTable): Promise<void> {
  const out = createWriteStream(path);
  out.write(spec.columns.map((c) => c.name).join(',') + '\n');
  const cols = spec.columns.map((c) => ({ values: table.columns[c.name] as Value[], type: c.type }));
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

/** DuckDB's read_csv of a file written by writeCanonicalCsv, with the declared column types. */
export function readCanonicalCsvSql(path: string, spec: TableSpec): string {
  const columns = spec.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  return `read_csv('${path.replace(/'/g, "''")}', header = true, columns = {${columns}}, timestampformat = '%Y-%m-%d %H:%M:%S.%g', quote = '"', escape = '"', allow_quoted_nulls = false)`;
}
