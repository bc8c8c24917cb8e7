// The search box → a predicate. Each whitespace-separated word must occur (case-insensitively)
// in at least one searched column. Words are bound parameters; % and _ in them are escaped so
// that "100%" finds "100%" and not every row.
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import { searchColumns, type RecordTableName } from './columns';

/** At most this many words count: a pasted paragraph must not build a huge query. */
export const MAX_SEARCH_WORDS = 6;

/** `a%b_c\` → `a\%b\_c\\`, for LIKE/ILIKE … ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function searchWords(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
}

export function searchPredicate(table: RecordTableName, text: string, showPersonal: boolean): SqlFragment {
  const words = searchWords(text);
  const columns = searchColumns(table, showPersonal);
  if (words.length === 0 || columns.length === 0) return trusted('TRUE');
  const perWord = words.map((word) => {
    const pattern = `%${escapeLike(word)}%`;
    const anyColumn = columns.map((c) => sql`${ident(c.name)} ILIKE ${pattern} ESCAPE '\\'`);
    return sql`(${join(anyColumn, ' OR ')})`;
  });
  return join(perWord, ' AND ');
}
