import type { ColumnType, TableSpec } from './tables';

export function canonicalTypes(spec: TableSpec): Record<string, ColumnType> {
  return Object.fromEntries(spec.columns.map((c) => [c.name, c.type]));
}
