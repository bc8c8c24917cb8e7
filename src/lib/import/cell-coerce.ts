// One cell of one canonical column → its typed value and the issue it raises, if any. The row
// assembler (JS path) and the engine path's lookup tables (staged-csv.ts: every distinct cell the
// SQL cannot prove simple is coerced here) both call this, so the two paths cannot drift apart.
import { creditCodeIsValid, type ColumnType } from '$lib/schema';
import { cellText, type CellValue } from './cells';
import { INVALID, parseBoolean, parseDouble, parseId, parseInteger, parseText, parseTimestamp } from './coerce';
import type { IssueCode } from './issues';

export type ColumnKind = 'key' | 'id' | 'township' | 'credit-code' | 'timestamp' | 'boolean' | 'integer' | 'double' | 'text';

/** Kinds of few distinct values, each with rules of its own (yes/no tokens, township aliases, credit codes' check characters). */
export const TOKEN_KINDS: ReadonlySet<ColumnKind> = new Set(['boolean', 'township', 'credit-code']);

export function kindOf(name: string, type: ColumnType, key: boolean): ColumnKind {
  if (key) return 'key';
  if (name === 'township') return 'township';
  if (name === 'credit_code') return 'credit-code';
  if (type === 'TIMESTAMP') return 'timestamp';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'INTEGER') return 'integer';
  if (type === 'DOUBLE') return 'double';
  if (name.endsWith('_id') || name === 'repeat_of') return 'id';
  return 'text';
}

export interface CoercedCell {
  /** string, number (INTEGER/DOUBLE, or naive ms for TIMESTAMP), boolean or null. */
  value: unknown;
  /** At most one issue per cell; `value` is what the report shows. */
  issue: { code: IssueCode; value: string } | null;
  /** A timestamp written with a zone that was dropped (a warning besides the value). */
  zoneIgnored: boolean;
}

const plain = (value: unknown): CoercedCell => ({ value, issue: null, zoneIgnored: false });
const flagged = (value: unknown, code: IssueCode, shown: string): CoercedCell => ({ value, issue: { code, value: shown }, zoneIgnored: false });

export function coerceCell(kind: ColumnKind, required: boolean, cell: CellValue, resolveTownship: (text: string) => string | null): CoercedCell {
  switch (kind) {
    case 'key': {
      const id = parseId(cell);
      if (id.value === null) return flagged(null, 'missing-key', cellText(cell));
      if (id.damaged) return flagged(id.value, 'damaged-key', id.value);
      return plain(id.value);
    }
    case 'id': {
      const id = parseId(cell);
      return id.damaged ? flagged(id.value, 'damaged-id', cellText(cell)) : plain(id.value);
    }
    case 'timestamp': {
      const t = parseTimestamp(cell);
      if (t.value === INVALID) return flagged(null, required ? 'invalid-required' : 'invalid-value', cellText(cell));
      if (t.value === null && required) return flagged(null, 'missing-required', '');
      return { value: t.value, issue: null, zoneIgnored: t.zoneIgnored };
    }
    case 'boolean':
    case 'integer':
    case 'double': {
      const v = kind === 'boolean' ? parseBoolean(cell) : kind === 'integer' ? parseInteger(cell) : parseDouble(cell);
      return v === INVALID ? flagged(null, 'invalid-value', cellText(cell)) : plain(v);
    }
    case 'township': {
      const text = parseText(cell);
      if (text === null) return plain(null);
      const canonical = resolveTownship(text);
      return canonical === null ? flagged(text, 'unknown-township', text) : plain(canonical);
    }
    case 'credit-code': {
      const text = parseText(cell);
      if (text !== null && !creditCodeIsValid(text.toUpperCase())) return flagged(text, 'invalid-credit-code', text);
      return plain(text);
    }
    case 'text':
      return plain(parseText(cell));
  }
}

/** The word a yes/no column writes for yes and for no, where it has met one (BooleanWords). */
export interface BooleanWords {
  yes: string | null;
  no: string | null;
}

/**
 * The yes and no words of a yes/no column whose distinct cells are `tokens`, when each is one
 * and no two mean the same: then the column's text and its values answer for each other, so it
 * can be held as BOOLEAN and given back as text exactly (csv-parts.ts). Null otherwise: a cell
 * that is empty as a value (无) or not yes/no, or a second spelling of either.
 */
export function booleanWordsOf(tokens: readonly string[]): BooleanWords | null {
  const words: BooleanWords = { yes: null, no: null };
  for (const token of tokens) {
    const value = parseBoolean(token);
    if (value !== true && value !== false) return null;
    const side = value ? 'yes' : 'no';
    if (words[side] !== null) return null;
    words[side] = token;
  }
  return words;
}
