// What kind of statement the user typed, read from its first keyword. Only for telling the user
// what happened ("your DELETE was rolled back"): safety does not rest on this guess, the engine
// rolls back everything unless writes were allowed.

/** Leading comments and blanks, which DuckDB skips too. */
const LEADING = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

const READING = new Set([
  'SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'SHOW', 'DESCRIBE', 'DESC', 'SUMMARIZE', 'EXPLAIN', 'PIVOT', 'UNPIVOT', '(',
]);

export function firstKeyword(text: string): string {
  const rest = text.replace(LEADING, '');
  const m = /^(\(|[A-Za-z_]+)/.exec(rest);
  return m ? m[1].toUpperCase() : '';
}

/**
 * True when the statement may change data or schema. `WITH … DELETE` is rare; a WITH counts as a
 * read here, which only affects the wording of a notice.
 */
export function mayWrite(text: string): boolean {
  const keyword = firstKeyword(text);
  return keyword !== '' && !READING.has(keyword);
}
