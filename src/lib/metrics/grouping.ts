// Group keys: what a metric query groups by, and the SQL that computes the key of a row. Keys
// are always VARCHAR so a chart or a table handles every grouping the same way.
import { TABLES, type TableName } from '$lib/schema';
import { ident, sql, type SqlFragment } from '$lib/sql';

export type TimeGroupBy = 'month' | 'quarter' | 'year';
/** Category levels of a `一级>二级>三级` path; a level's key is the path down to it ('一级>二级'), so equal names under different parents stay apart. */
export type CategoryGroupBy = 'category1' | 'category2' | 'category3';

export const TICKET_GROUP_BYS = [
  'township', 'department', 'request_type', 'channel', 'urgency',
  'category1', 'category2', 'category3', 'month', 'quarter', 'year',
] as const;
export const GRID_GROUP_BYS = ['township', 'village', 'grid_id', 'worker_id', 'event_type', 'month', 'quarter', 'year'] as const;
export const ENTERPRISE_GROUP_BYS = [
  'policy_area', 'township', 'department', 'specialist', 'request_type', 'month', 'quarter', 'year',
] as const;

export type TicketGroupBy = (typeof TICKET_GROUP_BYS)[number];
export type GridGroupBy = (typeof GRID_GROUP_BYS)[number];
export type EnterpriseGroupBy = (typeof ENTERPRISE_GROUP_BYS)[number];
export type GroupBy = TicketGroupBy | GridGroupBy | EnterpriseGroupBy;

/**
 * The category path split into trimmed, non-empty levels. Exports write the separator as '>',
 * '/' or the full-width '＞'.
 */
function categoryLevels(): SqlFragment {
  return sql`list_filter(list_transform(regexp_split_to_array(${ident('category')}, '[>/＞]'), lambda x: trim(x)), lambda x: x <> '')`;
}

function categoryKey(level: number): SqlFragment {
  const levels = categoryLevels();
  return sql`CASE WHEN len(${levels}) >= ${level}::INTEGER THEN array_to_string(list_slice(${levels}, 1, ${level}::INTEGER), '>') END`;
}

function timeKey(groupBy: TimeGroupBy, time: SqlFragment): SqlFragment {
  switch (groupBy) {
    case 'month':
      return sql`strftime(${time}, '%Y-%m')`;
    case 'quarter':
      // '2024Q1', the form review URLs use (product.md).
      return sql`(CAST(year(${time}) AS VARCHAR) || 'Q' || CAST(quarter(${time}) AS VARCHAR))`;
    case 'year':
      return sql`CAST(year(${time}) AS VARCHAR)`;
  }
}

/** The key expression of `groupBy` for a row of `table`. */
export function groupKeySql(groupBy: GroupBy, table: TableName): SqlFragment {
  const time = ident(TABLES[table].timeColumn);
  switch (groupBy) {
    case 'month':
    case 'quarter':
    case 'year':
      return timeKey(groupBy, time);
    case 'category1':
      return categoryKey(1);
    case 'category2':
      return categoryKey(2);
    case 'category3':
      return categoryKey(3);
    default:
      if (!TABLES[table].columns.some((c) => c.name === groupBy)) {
        throw new Error(`${table} has no column ${groupBy} to group by`);
      }
      return sql`CAST(${ident(groupBy)} AS VARCHAR)`;
  }
}
