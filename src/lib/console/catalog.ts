// What the console lists beside the editor: the loaded tables and their columns, as DuckDB itself
// reports them, so a table created or changed in the console shows up too.
import { sql, type SqlFragment } from '$lib/sql';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
}

/**
 * Every column of every table and view in one schema of the workbench's own database, in
 * declaration order. The catalog filter matters: the embedded sample is an attached database
 * whose tables carry the canonical names too.
 */
export function tableColumnsQuery(schema = 'main'): SqlFragment {
  return sql`SELECT table_name, column_name, data_type
    FROM information_schema.columns
    WHERE table_schema = ${schema} AND table_catalog = current_database()
    ORDER BY table_name, ordinal_position`;
}

/** Rows of tableColumnsQuery → tables, the canonical ones first in `preferred` order. */
export function groupCatalog(
  rows: readonly Readonly<Record<string, unknown>>[],
  preferred: readonly string[] = [],
): CatalogTable[] {
  const tables = new Map<string, CatalogTable>();
  for (const row of rows) {
    const name = String(row.table_name);
    let table = tables.get(name);
    if (!table) tables.set(name, (table = { name, columns: [] }));
    table.columns.push({ name: String(row.column_name), type: String(row.data_type) });
  }
  const rank = (name: string) => {
    const i = preferred.indexOf(name);
    return i < 0 ? preferred.length : i;
  };
  return [...tables.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
