// A canonical name is bound either to a base table (the user's data) or to a view over the
// attached sample database. DuckDB refuses to DROP TABLE a view and vice versa, so whoever
// rebinds a name asks which it is first.
import type { Table } from 'apache-arrow';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';

export type RelationKind = 'TABLE' | 'VIEW';

/** One row `kind` ('TABLE' | 'VIEW') when `name` exists in the main database, none otherwise. */
export function relationKindQuery(name: string): SqlFragment {
  return sql`SELECT 'TABLE' AS kind FROM duckdb_tables() WHERE table_name = ${name} AND database_name = current_database() AND schema_name = 'main'
    UNION ALL
    SELECT 'VIEW' AS kind FROM duckdb_views() WHERE view_name = ${name} AND database_name = current_database() AND schema_name = 'main' AND NOT internal`;
}

export function dropRelationSql(name: string, kind: RelationKind): SqlFragment {
  return sql`DROP ${trusted(kind)} IF EXISTS ${ident(name)}`;
}

/**
 * The in-memory copy of a sample table, which the name's view reads once the copy is made
 * (engine-service.ts materializeSample). Dropped with the sample's views when a user's data
 * replaces the sample (dataset-sync.ts resetToEmpty).
 */
export function sampleCopyName(table: string): string {
  return `__sample_copy_${table}`;
}

/** Drops of every sample table's copy in memory, as one statement list. */
export function dropSampleCopiesSql(tables: readonly string[]): SqlFragment {
  return join(
    tables.map((table) => sql`DROP TABLE IF EXISTS ${ident(sampleCopyName(table))}`),
    '; ',
  );
}

/** The name bound to the attached sample's table of the same name. */
export function sampleViewSql(database: string, table: string): SqlFragment {
  return sql`CREATE OR REPLACE VIEW ${ident(table)} AS SELECT * FROM ${ident(database)}.${ident('main')}.${ident(table)}`;
}

/**
 * Drop whatever is bound to `name` without asking the catalog: as `likely` first and, should
 * DuckDB refuse because the name is bound to the other kind, as that. The first query of
 * duckdb_tables()/duckdb_views() in a session costs DuckDB the compile of its catalog code
 * (0.3–0.5 s on the bench), and the import that replaces the sample waited for it before its
 * upsert. Outside a transaction only: inside one, DuckDB's refusal would abort it.
 */
export async function dropBound(engine: { exec(q: SqlFragment): Promise<void> }, name: string, likely: RelationKind): Promise<void> {
  try {
    await engine.exec(dropRelationSql(name, likely));
  } catch {
    await engine.exec(dropRelationSql(name, likely === 'VIEW' ? 'TABLE' : 'VIEW'));
  }
}

/** Drop whatever is bound to `name` in the main database (a table or a view); nothing when unbound. */
export async function dropRelation(engine: { query(q: SqlFragment): Promise<Table>; exec(q: SqlFragment): Promise<void> }, name: string): Promise<RelationKind | null> {
  const kind = (await engine.query(relationKindQuery(name))).toArray()[0]?.kind as RelationKind | undefined;
  if (kind) await engine.exec(dropRelationSql(name, kind));
  return kind ?? null;
}
