// The embedded default dataset: the seeded generator runs here, in the engine worker, so the
// build carries a few kilobytes of code instead of tens of megabytes of rows, and the page's main
// thread never touches them.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { generateSample } from '../../../../sample-data/generator';
import { columnsToIPC } from '$lib/arrow';
import { TABLES, type TableName } from '$lib/schema';
import { sql, ident } from '$lib/sql';
import type { TableSummary } from '../../../../workers/engine-api';
import { canonicalTypes } from '$lib/schema/columns';

const SAMPLE_TABLES: TableName[] = ['tickets', 'grid_events', 'enterprise_requests'];

export async function loadSampleTables(conn: duckdb.AsyncDuckDBConnection, seed?: number): Promise<TableSummary[]> {
  const dataset = generateSample(seed === undefined ? {} : { seed });
  const summaries: TableSummary[] = [];
  for (const name of SAMPLE_TABLES) {
    const spec = TABLES[name];
    const table = dataset[name as keyof typeof dataset] as Parameters<typeof columnsToIPC>[0];
    const ipc = columnsToIPC(table, canonicalTypes(spec));
    await conn.query(sql`DROP TABLE IF EXISTS ${ident(name)}`.text);
    await conn.insertArrowFromIPCStream(ipc, { name, create: true });
    summaries.push({ table: name, rows: table.length });
  }
  return summaries;
}
