// Assembles one aggregate query: the filtered rows of a table, an optional group key, and one
// column per metric. Every metric file goes through here, so all share the same shape: a `key`
// column when grouped (NULL keys last), then the metrics named exactly by their ids.
import { filterPredicate, type FilterState } from '$lib/filters';
import type { TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { sharePercentiles } from './expressions';

export interface MetricColumn {
  id: string;
  expr: SqlFragment;
}

export interface AggregateSpec {
  table: TableName;
  filters: FilterState;
  /** NULL: one row for everything selected. */
  groupKey: SqlFragment | null;
  columns: readonly MetricColumn[];
  /** Needed by metrics that compare deadlines with the as-of time; exposed to them as column `as_of`. */
  asOf?: SqlFragment;
  /** A further condition on the rows (rankings leave out unattributable tickets). */
  where?: SqlFragment;
  /** Per-row columns computed once before aggregation (an imputed deadline). */
  derived?: readonly MetricColumn[];
}

export function aggregateQuery(spec: AggregateSpec): SqlFragment {
  if (spec.columns.length === 0) throw new Error('a metric query needs at least one metric');
  const predicate = spec.where
    ? sql`(${filterPredicate(spec.filters, spec.table)}) AND (${spec.where})`
    : filterPredicate(spec.filters, spec.table);
  const key = spec.groupKey ? sql`${spec.groupKey} AS key` : trusted('NULL AS key');
  const exprs = sharePercentiles(spec.columns.map((c) => c.expr));
  const metrics = join(
    spec.columns.map((c, i) => sql`${exprs[i]} AS ${ident(c.id)}`),
    ',\n  ',
  );
  const asOf = spec.asOf ?? trusted('NULL::TIMESTAMP');
  const rowColumns = [key, ...(spec.derived ?? []).map((c) => sql`${c.expr} AS ${ident(c.id)}`)];
  const head = sql`WITH as_of_time AS (SELECT ${asOf} AS as_of),
scoped AS (SELECT *, ${join(rowColumns, ', ')} FROM ${ident(spec.table)} WHERE ${predicate})`;
  if (!spec.groupKey) {
    return sql`${head}
SELECT ${metrics}
FROM scoped CROSS JOIN as_of_time`;
  }
  return sql`${head}
SELECT key,
  ${metrics}
FROM scoped CROSS JOIN as_of_time
GROUP BY key
ORDER BY key NULLS LAST`;
}

/** The requested metric ids in definition order, or all of them; unknown ids are an error. */
export function selectMetrics<Id extends string>(all: readonly Id[], requested?: readonly Id[]): Id[] {
  if (!requested) return [...all];
  for (const id of requested) if (!all.includes(id)) throw new Error(`unknown metric ${id}`);
  const wanted = new Set(requested);
  const chosen = all.filter((id) => wanted.has(id));
  if (chosen.length === 0) throw new Error('a metric query needs at least one metric');
  return chosen;
}
