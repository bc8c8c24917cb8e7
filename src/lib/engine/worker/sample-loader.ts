// The embedded default dataset: the seeded generator runs here, in the engine worker, so the
// build carries a few kilobytes of code instead of tens of megabytes of rows, and the page's main
// thread never touches them.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { generateSample } from '../../../../sample-data/generator';
import { columnsToIPC } from '$lib/arrow';
import { TABLES, canonicalTypes, type TableName } from '$lib/schema';
import { sql, ident } from '$lib/sql';
import type { TableSummary } from '../../../../workers/engine-api';

const SAMPLE_TABLES = ['tickets', 'grid_events', 'enterprise_requests'] as const satisfies readonly TableName[];

export interface EncodedSample {
  tables: { name: TableName; rows: number; ipc: Uint8Array }[];
}

/**
 * Generate and encode the sample as Arrow. Pure CPU work in this worker: run while DuckDB's own
 * worker compiles the WASM, the two overlap on two cores instead of adding up.
 */
export function encodeSample(seed?: number): EncodedSample {
  const dataset = generateSample(seed === undefined ? {} : { seed });
  return {
    tables: SAMPLE_TABLES.map((name) => ({
      name,
      rows: dataset[name].length,
      ipc: columnsToIPC(dataset[name], canonicalTypes(TABLES[name])),
    })),
  };
}

export async function insertSample(conn: duckdb.AsyncDuckDBConnection, sample: EncodedSample): Promise<TableSummary[]> {
  const summaries: TableSummary[] = [];
  for (const { name, rows, ipc } of sample.tables) {
    await conn.query(sql`DROP TABLE IF EXISTS ${ident(name)}`.text);
    await conn.insertArrowFromIPCStream(ipc, { name, create: true });
    summaries.push({ table: name, rows });
  }
  return summaries;
}
