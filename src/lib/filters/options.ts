// The choices a filter control offers: the distinct values of each list column in the loaded
// data, with how many rows carry each, so a filter never offers a value that selects nothing.
import { TABLES, TOWNSHIPS, type TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { LIST_FILTER_COLUMNS, type ListFilterColumn } from './state';

export interface FilterOption {
  value: string;
  rows: number;
}

export type FilterOptions = Partial<Record<ListFilterColumn, FilterOption[]>>;

/** The list columns `table` has (grid events have no channel or department). */
export function filterColumnsOf(table: TableName): ListFilterColumn[] {
  return LIST_FILTER_COLUMNS.filter((c) => TABLES[table].columns.some((spec) => spec.name === c));
}

/** One query for all columns: rows (column, value, rows), NULL and blank values left out. */
export function filterOptionsQuery(table: TableName, columns: readonly ListFilterColumn[] = filterColumnsOf(table)): SqlFragment | null {
  const usable = columns.filter((c) => filterColumnsOf(table).includes(c));
  if (usable.length === 0) return null;
  const parts = usable.map(
    (c) => sql`SELECT ${c} AS "column", CAST(${ident(c)} AS VARCHAR) AS value, count(*)::INTEGER AS "rows"
FROM ${ident(table)} WHERE NULLIF(trim(CAST(${ident(c)} AS VARCHAR)), '') IS NOT NULL GROUP BY 2`,
  );
  return sql`${join(parts, '\nUNION ALL\n')}${trusted('\nORDER BY 1, 3 DESC, 2')}`;
}

const TOWNSHIP_ORDER = new Map(TOWNSHIPS.map((t, i) => [t.township, i]));

/**
 * Townships in the district's official order (TOWNSHIPS), unknown names after them by name;
 * every other column by how many rows carry a value, most first.
 */
export function sortOptions(column: ListFilterColumn, options: readonly FilterOption[]): FilterOption[] {
  if (column !== 'township') return [...options].sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const rank = (v: string) => TOWNSHIP_ORDER.get(v) ?? Number.MAX_SAFE_INTEGER;
  return [...options].sort((a, b) => rank(a.value) - rank(b.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Rows of filterOptionsQuery → options per column, each sorted by sortOptions. */
export function readFilterOptions(rows: readonly Record<string, unknown>[]): FilterOptions {
  const out: FilterOptions = {};
  for (const row of rows) {
    const column = String(row.column) as ListFilterColumn;
    if (!LIST_FILTER_COLUMNS.includes(column)) continue;
    (out[column] ??= []).push({ value: String(row.value), rows: Number(row.rows) });
  }
  for (const column of Object.keys(out) as ListFilterColumn[]) out[column] = sortOptions(column, out[column]!);
  return out;
}
