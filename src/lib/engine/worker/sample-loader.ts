// The embedded default dataset: the seeded generator runs here, in the engine worker, so the
// build carries a few kilobytes of code instead of tens of megabytes of rows, and the page's main
// thread never touches them. Work is pipelined across the two workers: while DuckDB's worker
// inserts one table, this one generates the next.
import type * as duckdb from '@duckdb/duckdb-wasm';
import { sampleGenerator, type SampleGenerator } from '../../../../sample-data/generator';
import { columnsToIPC, type ColumnarTable } from '$lib/arrow';
import { TABLES, canonicalTypes, type TableName } from '$lib/schema';
import { sql, ident } from '$lib/sql';
import type { TableSummary } from '../../../../workers/engine-api';

interface EncodedTable {
  name: TableName;
  rows: number;
  ipc: Uint8Array;
}

export interface PreparedSample {
  generator: SampleGenerator;
  /** Generated and encoded ahead (while DuckDB compiled): the table the overview needs first. */
  tickets: EncodedTable;
}

function encode(name: TableName, table: ColumnarTable): EncodedTable {
  return { name, rows: table.length, ipc: columnsToIPC(table, canonicalTypes(TABLES[name])) };
}

export function prepareSample(seed?: number): PreparedSample {
  const generator = sampleGenerator(seed === undefined ? {} : { seed });
  return { generator, tickets: encode('tickets', generator.tickets()) };
}

/** Both statements are posted at once, so DuckDB's worker starts on them before this one is free again. */
function insertTable(conn: duckdb.AsyncDuckDBConnection, table: EncodedTable): Promise<TableSummary> {
  const dropped = conn.query(sql`DROP TABLE IF EXISTS ${ident(table.name)}`.text);
  const inserted = conn.insertArrowFromIPCStream(table.ipc, { name: table.name, create: true });
  return Promise.all([dropped, inserted]).then(() => ({ table: table.name, rows: table.rows }));
}

export async function insertSample(conn: duckdb.AsyncDuckDBConnection, prepared: PreparedSample): Promise<TableSummary[]> {
  const summaries: TableSummary[] = [];
  let inserting = insertTable(conn, prepared.tickets);
  for (const name of ['grid_events', 'enterprise_requests'] as const) {
    const next = encode(name, prepared.generator[name]());
    summaries.push(await inserting);
    inserting = insertTable(conn, next);
  }
  summaries.push(await inserting);
  return summaries;
}
