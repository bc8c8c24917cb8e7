// The embedded sample: a DuckDB database file written at build time from the seeded generator
// (scripts/build-sample.ts). Opening it is an ATTACH of bytes already in memory, read-only; the
// canonical names become views over its tables. No row is generated, encoded or inserted at open.
import { payloadBytes } from '$lib/platform/base64';
import { dropRelation, dropRelationSql, relationKindQuery, sampleViewSql } from '$lib/data/relations';
import { createTableSql } from '$lib/import/upsert';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { ident, literal, sql, trusted } from '$lib/sql';
import type { SamplePayload, TableSummary } from '../../../../workers/engine-api';
import type { SyncEngine } from '../sync-engine';
import { SAMPLE_FILE } from '../types';

export const SAMPLE_DATABASE = 'sample';

/** The in-memory copy of a sample table (engine-service.ts materializeSample). */
export function sampleCopyName(table: TableName): string {
  return `__sample_copy_${table}`;
}

export class SampleDatabase {
  private bytes: Promise<Uint8Array> | null = null;
  private attached = false;

  /** Start decoding and gunzipping now (the page calls this while DuckDB still compiles). */
  provide(payload: SamplePayload): void {
    performance.mark('engine:sample-provided');
    this.bytes = payloadBytes(payload).then((bytes) => {
      performance.mark('engine:sample-decoded');
      return bytes;
    });
    // A failure surfaces when the sample is used; until then it is not an error.
    this.bytes.catch(() => undefined);
  }

  get provided(): boolean {
    return this.bytes !== null;
  }

  /** Bind every canonical name to the sample's table (an empty table where the sample has none). */
  async use(engine: SyncEngine): Promise<TableSummary[]> {
    if (!this.attached) {
      if (!this.bytes) throw new Error('the sample database was not provided');
      const bytes = await this.bytes;
      performance.mark('engine:sample-attach');
      engine.registerBuffer(SAMPLE_FILE, bytes);
      // ATTACH takes no parameters; the file name is our own constant.
      await engine.exec(sql`ATTACH ${trusted(literal(SAMPLE_FILE))} AS ${ident(SAMPLE_DATABASE)} (READ_ONLY)`);
      this.attached = true;
    }
    const present = new Set(
      (await engine.query(sql`SELECT table_name FROM duckdb_tables() WHERE database_name = ${SAMPLE_DATABASE}`)).toArray().map((r) => String(r.table_name)),
    );
    const summaries: TableSummary[] = [];
    for (const table of TABLE_NAMES) {
      await dropRelation(engine, table);
      if (present.has(table)) {
        await engine.exec(sampleViewSql(SAMPLE_DATABASE, table));
        const n = (await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`)).toArray()[0]?.n;
        summaries.push({ table, rows: Number(n ?? 0) });
      } else {
        // Views of the comparison sources query their tables whatever the dataset: give them empty ones.
        await engine.exec(createTableSql(table));
      }
    }
    return summaries;
  }

  /** The bytes are no longer needed (the session shows the user's own data). */
  async discard(engine: SyncEngine): Promise<void> {
    this.bytes = null;
    if (this.attached) {
      for (const table of TABLE_NAMES) {
        const kind = (await engine.query(relationKindQuery(table))).toArray()[0]?.kind;
        if (kind === 'VIEW') await engine.exec(dropRelationSql(table, 'VIEW'));
      }
      for (const table of TABLE_NAMES) await engine.exec(sql`DROP TABLE IF EXISTS ${ident(sampleCopyName(table))}`);
      await engine.exec(sql`DETACH ${ident(SAMPLE_DATABASE)}`);
      await engine.dropFile(SAMPLE_FILE);
      this.attached = false;
    }
  }
}
