// The embedded sample: a DuckDB database file written at build time from the seeded generator
// (scripts/build-sample.ts). Opening it is an ATTACH of bytes already in memory, read-only; the
// canonical names become views over its tables. No row is generated, encoded or inserted at open.
import { payloadBytes } from '$lib/platform/base64';
import { dropRelationSql, dropSampleCopiesSql, sampleCopyName, sampleViewSql, type RelationKind } from '$lib/data/relations';
import { createTableSql } from '$lib/import/upsert';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { ident, literal, sql, trusted } from '$lib/sql';
import type { SamplePayload, TableSummary } from '../../../../workers/engine-api';
import type { SyncEngine } from '../sync-engine';
import { MemoryFile } from '../memory-file';
import { SAMPLE_FILE } from '../types';

export const SAMPLE_DATABASE = 'sample';

/**
 * Point `table`'s name at the sample table's copy in memory if the name is still the sample's
 * view; otherwise (a user's import bound it to a table, or nothing holds it) drop the copy. True
 * when the copy took the name's place. One transaction whose DROP VIEW DuckDB refuses unless a
 * view holds the name, rather than a question to the catalog: a session's first catalog query
 * cost 82–108 ms of DuckDB compiling its code on the engine thread, and the tickets' copy is
 * swapped in about when a user picks a first file (three cancel timelines, .probe/canceltl.mts).
 */
export async function bindSampleCopy(engine: Pick<SyncEngine, 'exec'>, table: TableName): Promise<boolean> {
  const copy = ident(sampleCopyName(table));
  await engine.exec(sql`BEGIN TRANSACTION`);
  try {
    await engine.exec(sql`DROP VIEW ${ident(table)}`);
    await engine.exec(sql`CREATE VIEW ${ident(table)} AS SELECT * FROM ${copy}`);
    await engine.exec(sql`COMMIT`);
    return true;
  } catch {
    await engine.exec(sql`ROLLBACK`);
    await engine.exec(sql`DROP TABLE IF EXISTS ${copy}`);
    return false;
  }
}

export class SampleDatabase {
  private bytes: Promise<Uint8Array> | null = null;
  /** Row counts per table as the build wrote them beside the bytes (none from an older build). */
  private rows: ReadonlyMap<string, number> | null = null;
  private attached = false;

  /** Start decoding and gunzipping now (the page calls this while DuckDB still compiles). */
  provide(payload: SamplePayload): void {
    performance.mark('engine:sample-provided');
    const counts = payload.facts?.rows;
    this.rows = counts ? new Map(Object.entries(counts).filter(([, n]) => Number.isSafeInteger(n) && n >= 0)) : null;
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

  /**
   * Bind every canonical name to the sample's table (an empty table where the sample has none).
   * Few statements, because each costs the first figure. With the build's row counts and every
   * table in the sample, that is one view per table and no question to the catalog: the first
   * catalog query of a session cost 200–300 ms, most of it V8 compiling DuckDB's code for it on
   * first use. Otherwise (an older sample, or a name already bound to a table) the careful way:
   * one listing of what the main database binds, one of the sample's tables, one statement each.
   */
  async use(engine: SyncEngine): Promise<TableSummary[]> {
    if (!this.attached) {
      if (!this.bytes) throw new Error('the sample database was not provided');
      const bytes = await this.bytes;
      performance.mark('engine:sample-attach');
      // A memory file, not registerFileBuffer: DuckDB reads the bytes where they are. Copying
      // 40 MB into the WASM heap (which then never shrinks) took most of the attach (≈0.6 s of
      // ≈0.8 s in Node, .probe/attach-split.mts); reading through the handle costs the queries
      // nothing measurable.
      engine.registerMemoryFile(SAMPLE_FILE, MemoryFile.of(bytes));
      // ATTACH takes no parameters; the file name is our own constant.
      await engine.exec(sql`ATTACH ${trusted(literal(SAMPLE_FILE))} AS ${ident(SAMPLE_DATABASE)} (READ_ONLY)`);
      this.attached = true;
    }
    return (await this.bindKnown(engine)) ?? this.bindListed(engine);
  }

  /** Views over every table with the build's counts, or null when that cannot be the whole story. */
  private async bindKnown(engine: SyncEngine): Promise<TableSummary[] | null> {
    const rows = this.rows;
    if (!rows || !TABLE_NAMES.every((table) => rows.has(table))) return null;
    try {
      // CREATE OR REPLACE replaces a view in place, and fails where a table holds the name.
      for (const table of TABLE_NAMES) await engine.exec(sampleViewSql(SAMPLE_DATABASE, table));
    } catch {
      return null;
    }
    return TABLE_NAMES.map((table) => ({ table, rows: rows.get(table)! }));
  }

  private async bindListed(engine: SyncEngine): Promise<TableSummary[]> {
    // The build writes each table once and deletes nothing, so DuckDB's stored row count is exact
    // (scripts/build-sample.ts checks it against the generator's rows): no count(*) per table.
    const rows = new Map(
      (await engine.query(sql`SELECT table_name, estimated_size::BIGINT AS n FROM duckdb_tables() WHERE database_name = ${SAMPLE_DATABASE} AND schema_name = 'main'`))
        .toArray()
        .map((r) => [String(r.table_name), Number(r.n)] as const),
    );
    const bound = await boundRelations(engine);
    const summaries: TableSummary[] = [];
    for (const table of TABLE_NAMES) {
      const kind = bound.get(table);
      const n = rows.get(table);
      if (n !== undefined) {
        // CREATE OR REPLACE replaces a view in place; only a table has to go first.
        if (kind === 'TABLE') await engine.exec(dropRelationSql(table, kind));
        await engine.exec(sampleViewSql(SAMPLE_DATABASE, table));
        summaries.push({ table, rows: n });
      } else {
        if (kind) await engine.exec(dropRelationSql(table, kind));
        // Views of the comparison sources query their tables whatever the dataset: give them empty ones.
        await engine.exec(createTableSql(table));
      }
    }
    return summaries;
  }

  /** Drop the bytes (decoded or not); a later `provide` brings new ones. */
  forget(): void {
    this.bytes = null;
    this.rows = null;
  }

  /** Unbind any name still reading the sample, drop its copies, detach its database and file. */
  async detach(engine: SyncEngine): Promise<void> {
    if (this.attached) {
      // DROP VIEW, which DuckDB refuses where a table holds the name (as it does after an import),
      // rather than a question to the catalog per name (bindSampleCopy, relations.ts dropBound).
      for (const table of TABLE_NAMES) await engine.exec(dropRelationSql(table, 'VIEW')).catch(() => undefined);
      await engine.exec(dropSampleCopiesSql(TABLE_NAMES));
      await engine.exec(sql`DETACH ${ident(SAMPLE_DATABASE)}`);
      await engine.dropFile(SAMPLE_FILE);
      this.attached = false;
    }
  }
}

/** What each name in the main database is bound to, in one query (what relationKindQuery asks of one name, for every name). */
async function boundRelations(engine: SyncEngine): Promise<Map<string, RelationKind>> {
  const t = await engine.query(
    sql`SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
      UNION ALL
      SELECT view_name AS name, 'VIEW' AS kind FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`,
  );
  return new Map(t.toArray().map((r) => [String(r.name), String(r.kind) as RelationKind]));
}
