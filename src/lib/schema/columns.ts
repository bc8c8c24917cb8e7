import type { ColumnType, TableSpec } from './tables';

export function canonicalTypes(spec: TableSpec): Record<string, ColumnType> {
  return Object.fromEntries(spec.columns.map((c) => [c.name, c.type]));
}

/** Text columns with few distinct values, worth dictionary-encoding on their way through Arrow. */
export function lowCardinalityColumns(spec: TableSpec): Set<string> {
  return new Set(spec.columns.filter((c) => c.type === 'VARCHAR' && (c.dimension || c.name === 'status' || c.name === 'satisfaction' || c.name === 'exit_reason' || c.name === 'callback_level' || c.name === 'category')).map((c) => c.name));
}
