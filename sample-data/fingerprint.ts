// A table's fingerprint, computed two ways that share no code: in JavaScript over the generator's
// columns, and in SQL over whatever DuckDB holds. The build writes the sample database and then
// refuses to ship it unless the two agree for every column of every table.
import type { ColumnarTable } from '$lib/arrow';
import type { TableSpec } from '$lib/schema/tables';

/** Per column: how many values are not null, and a sum that changes when any value does. */
export interface ColumnFingerprint {
  column: string;
  nonNull: number;
  sum: number;
}

export interface TableFingerprint {
  rows: number;
  columns: ColumnFingerprint[];
}

/** A string's weight: its length plus its first and last code points, so a changed value shows. */
function textWeight(s: string): number {
  return s.length * 1_000_003 + s.codePointAt(0)! * 31 + s.codePointAt(s.length - 1)!;
}

export function fingerprintColumns(spec: TableSpec, table: ColumnarTable): TableFingerprint {
  const columns = spec.columns.map((c) => {
    const values = table.columns[c.name] as readonly (string | number | boolean | null)[];
    let nonNull = 0;
    let sum = 0;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      nonNull++;
      if (c.type === 'TIMESTAMP') sum += (v as number) / 1000;
      else if (c.type === 'BOOLEAN') sum += v ? 1 : 0;
      else if (c.type === 'VARCHAR') sum += (v as string).length === 0 ? 0 : textWeight(v as string);
      else sum += v as number;
    }
    return { column: c.name, nonNull, sum };
  });
  return { rows: table.length, columns };
}

/** The same fingerprint as one SQL query over `relation` (a quoted table name). */
export function fingerprintSql(spec: TableSpec, relation: string): string {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const parts = spec.columns.map((c) => {
    const col = q(c.name);
    const weight =
      c.type === 'TIMESTAMP'
        ? `epoch(${col})`
        : c.type === 'BOOLEAN'
          ? `${col}::INTEGER`
          : c.type === 'VARCHAR'
            ? `CASE WHEN length(${col}) = 0 THEN 0 ELSE length(${col}) * 1000003 + unicode(${col}) * 31 + unicode(right(${col}, 1)) END`
            : col;
    return `count(${col})::DOUBLE AS ${q(`${c.name}#n`)}, sum(${weight})::DOUBLE AS ${q(`${c.name}#s`)}`;
  });
  return `SELECT count(*)::DOUBLE AS "#rows", ${parts.join(', ')} FROM ${relation}`;
}

export function fingerprintFromRow(spec: TableSpec, row: Record<string, unknown>): TableFingerprint {
  return {
    rows: Number(row['#rows']),
    columns: spec.columns.map((c) => ({ column: c.name, nonNull: Number(row[`${c.name}#n`] ?? 0), sum: Number(row[`${c.name}#s`] ?? 0) })),
  };
}

/** Differences, as sentences; empty when the two agree (sums to a relative 1e-12, for float order). */
export function compareFingerprints(expected: TableFingerprint, actual: TableFingerprint): string[] {
  const problems: string[] = [];
  if (expected.rows !== actual.rows) problems.push(`rows: expected ${expected.rows}, got ${actual.rows}`);
  expected.columns.forEach((e, i) => {
    const a = actual.columns[i];
    if (!a || a.nonNull !== e.nonNull) problems.push(`${e.column}: expected ${e.nonNull} values, got ${a?.nonNull}`);
    else if (Math.abs(a.sum - e.sum) > 1e-12 * Math.max(1, Math.abs(e.sum))) problems.push(`${e.column}: checksum ${a.sum} ≠ ${e.sum}`);
  });
  return problems;
}
