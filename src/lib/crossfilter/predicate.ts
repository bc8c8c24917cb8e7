// Selections → SQL. The crossfilter rule lives here: a chart is narrowed by every selection
// except its own (`except`), so the brushed chart still shows the whole period and the township
// chart every township. Values are bound parameters; columns come from SELECTABLE_COLUMNS and
// are used only when the table declares them.
import { dayAfter, filterPredicate, type FilterState } from '$lib/filters';
import { groupKeySql } from '$lib/metrics/grouping';
import { TABLES, type TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { SELECTABLE_COLUMNS, categoryLevels, type SelectionKey, type Selections } from './state';

function hasColumn(table: TableName, column: string): boolean {
  return TABLES[table].columns.some((c) => c.name === column);
}

/** The rows of `table` that the selections (minus `except`) select; TRUE when none apply. */
export function selectionPredicate(s: Selections, table: TableName, except: SelectionKey | readonly SelectionKey[] = []): SqlFragment {
  const skip = new Set<SelectionKey>(typeof except === 'string' ? [except] : except);
  const parts: SqlFragment[] = [];
  if (s.time && !skip.has('time')) {
    const time = ident(TABLES[table].timeColumn);
    parts.push(sql`${time} >= ${s.time.from}::TIMESTAMP AND ${time} < ${dayAfter(s.time.to)}::TIMESTAMP`);
  }
  for (const column of SELECTABLE_COLUMNS) {
    const values = s.values[column] ?? [];
    if (values.length === 0 || skip.has(column) || !hasColumn(table, column)) continue;
    parts.push(sql`${ident(column)} IN (${values.map((v) => sql`${v}`)})`);
  }
  const levels = categoryLevels(s.category);
  if (levels.length && !skip.has('category') && hasColumn(table, 'category')) {
    // The same key the category chart groups by, so a drilled bar and its rows agree exactly.
    const key = groupKeySql(`category${levels.length}` as 'category1' | 'category2' | 'category3', table);
    parts.push(sql`${key} = ${levels.join('>')}`);
  }
  if (parts.length === 0) return trusted('TRUE');
  return join(
    parts.map((p) => sql`(${p})`),
    ' AND ',
  );
}

/** Filters and selections together: the WHERE of one chart (`own` = that chart's selection key). */
export function linkedPredicate(filters: FilterState, s: Selections, table: TableName, own: SelectionKey | readonly SelectionKey[] = []): SqlFragment {
  return sql`(${filterPredicate(filters, table)}) AND (${selectionPredicate(s, table, own)})`;
}

/**
 * The filters with their period narrowed to the brushed days. Metric queries take the brush this
 * way rather than as a WHERE: the same rows, and the as-of time (which decides "overdue") then
 * follows the brushed period's end, as it would for that period chosen in the filter bar.
 */
export function brushedFilters(filters: FilterState, s: Selections): FilterState {
  if (!s.time) return filters;
  const from = filters.from && filters.from > s.time.from ? filters.from : s.time.from;
  const to = filters.to && filters.to < s.time.to ? filters.to : s.time.to;
  return { ...filters, from, to };
}
