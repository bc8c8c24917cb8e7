/**
 * A short name part made at run time (an import's tables and files, a stored table's generation,
 * a staging table): the time in base-36 milliseconds, so that later ids sort after earlier ones,
 * then up to six random base-36 characters, so that two made in the same millisecond differ.
 * Letters and digits only: safe in SQL identifiers, DuckDB file names and IndexedDB keys.
 */
export function shortId(now = Date.now()): string {
  return `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
