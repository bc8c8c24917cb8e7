// Header → canonical column. Exact alias matches are certain; matches after normalisation are
// likely but shown for review. The target table is whichever table the headers explain best.
// Nothing unmapped is dropped: it is reported as an extra column and carried along.
import { TABLES, TABLE_NAMES, keyColumn, type ColumnSpec, type TableName, type TableSpec } from '$lib/schema';
import { normaliseHeader, timeStem } from './normalise';

export type MatchKind = 'exact' | 'normalised' | 'suffix' | 'preset' | 'user' | 'none';

export interface ColumnMapping {
  /** Position of the source column in the header row. */
  index: number;
  /** The header as written in the file. */
  header: string;
  /** Canonical column, or null for an extra (unmapped) column. */
  column: string | null;
  /** 1 for an exact alias or a confirmed mapping; below 1 for a guess. */
  confidence: number;
  match: MatchKind;
}

export interface HeaderMapping {
  table: TableName;
  columns: ColumnMapping[];
}

export interface TableScore {
  table: TableName;
  score: number;
  keyMapped: boolean;
  mapped: number;
}

/** A mapping the user confirmed, re-applied when the same header set comes again. */
export interface MappingPreset {
  key: string;
  table: TableName;
  /** Header as written → canonical column (null: keep as an extra column). */
  columns: Record<string, string | null>;
  savedAt?: string;
}

const CONFIDENCE = { exact: 1, normalised: 0.9, suffix: 0.75 } as const;

interface Candidate {
  column: string;
  confidence: number;
  match: MatchKind;
}

/**
 * A table's aliases as lookups, each name kept for the first column (in table order) that has
 * it, as a scan of the columns would find it. Built once per table: the header search tries
 * every cell of the first 20 rows against every table, and normalising each alias per cell
 * (NFKC and two patterns) cost 28–60 ms there, a few hundred in a freshly started worker.
 */
interface AliasIndex {
  exact: Map<string, string>;
  normalised: Map<string, string>;
  /** Time stem of a timestamp column's alias → the columns with such an alias. */
  stems: Map<string, Set<string>>;
}

const aliasIndexes = new WeakMap<TableSpec, AliasIndex>();

function aliasIndex(table: TableSpec): AliasIndex {
  let index = aliasIndexes.get(table);
  if (index) return index;
  index = { exact: new Map(), normalised: new Map(), stems: new Map() };
  const keep = (map: Map<string, string>, name: string, column: string) => {
    if (!map.has(name)) map.set(name, column);
  };
  for (const col of table.columns) {
    for (const name of [col.name, ...col.aliases]) {
      keep(index.exact, name, col.name);
      keep(index.normalised, normaliseHeader(name), col.name);
    }
    if (col.type !== 'TIMESTAMP') continue;
    for (const alias of col.aliases) {
      const stem = timeStem(normaliseHeader(alias));
      let columns = index.stems.get(stem);
      if (!columns) index.stems.set(stem, (columns = new Set()));
      columns.add(col.name);
    }
  }
  aliasIndexes.set(table, index);
  return index;
}

/** Best canonical column of one table for a header, or null. */
export function matchHeader(header: string, table: TableSpec): Candidate | null {
  const trimmed = header.trim();
  if (!trimmed) return null;
  const index = aliasIndex(table);
  const exact = index.exact.get(trimmed);
  if (exact) return { column: exact, confidence: CONFIDENCE.exact, match: 'exact' };
  const norm = normaliseHeader(trimmed);
  if (!norm) return null;
  const normalised = index.normalised.get(norm);
  if (normalised) return { column: normalised, confidence: CONFIDENCE.normalised, match: 'normalised' };
  const stem = timeStem(norm);
  const hits = stem ? index.stems.get(stem) : undefined;
  if (hits?.size === 1) return { column: [...hits][0], confidence: CONFIDENCE.suffix, match: 'suffix' };
  return null;
}

/**
 * Map every header onto the table. When two headers claim the same column (状态 and 工单状态),
 * the more certain one wins and the first on a tie; the other stays an extra column.
 */
export function mapHeaders(headers: readonly string[], table: TableName): HeaderMapping {
  const spec = TABLES[table];
  const columns: ColumnMapping[] = headers.map((header, index) => {
    const hit = matchHeader(header, spec);
    return hit ? { index, header, ...hit } : { index, header, column: null, confidence: 0, match: 'none' };
  });
  resolveConflicts(columns);
  return { table, columns };
}

function resolveConflicts(columns: ColumnMapping[]): void {
  const owner = new Map<string, ColumnMapping>();
  for (const m of columns) {
    if (!m.column) continue;
    const current = owner.get(m.column);
    if (!current) owner.set(m.column, m);
    else if (m.confidence > current.confidence) {
      unmap(current);
      owner.set(m.column, m);
    } else unmap(m);
  }
}

function unmap(m: ColumnMapping): void {
  m.column = null;
  m.confidence = 0;
  m.match = 'none';
}

/** How well each table explains the headers, best first. A table whose key maps always beats one whose key does not. */
export function scoreTables(headers: readonly string[]): TableScore[] {
  const scores = TABLE_NAMES.map((table): TableScore => {
    const mapping = mapHeaders(headers, table);
    const key = keyColumn(TABLES[table]).name;
    let score = 0;
    let mapped = 0;
    for (const m of mapping.columns) {
      if (!m.column) continue;
      score += m.confidence;
      mapped++;
    }
    return { table, score, mapped, keyMapped: mapping.columns.some((m) => m.column === key) };
  });
  // Stable sort keeps the declared order (tickets first) on a tie.
  return scores.sort((a, b) => Number(b.keyMapped) - Number(a.keyMapped) || b.score - a.score);
}

export function detectTable(headers: readonly string[]): TableScore {
  return scoreTables(headers)[0];
}

/** A confirmed mapping applied to a header row; headers the preset does not know are matched afresh. */
export function applyPreset(headers: readonly string[], preset: MappingPreset): HeaderMapping {
  const auto = mapHeaders(headers, preset.table);
  const columns = auto.columns.map((m): ColumnMapping => {
    if (!(m.header in preset.columns)) return m;
    const column = preset.columns[m.header];
    return column ? { ...m, column, confidence: 1, match: 'preset' } : { ...m, column: null, confidence: 0, match: 'none' };
  });
  // A preset mapping outranks a fresh guess for the same column.
  const taken = new Set(columns.filter((m) => m.match === 'preset').map((m) => m.column));
  for (const m of columns) if (m.match !== 'preset' && m.column && taken.has(m.column)) unmap(m);
  resolveConflicts(columns);
  return { table: preset.table, columns };
}

/** The user's edit of one mapping row: certain by definition, and any other claim on the column is released. */
export function setColumn(mapping: HeaderMapping, index: number, column: string | null): HeaderMapping {
  const columns = mapping.columns.map((m) => {
    if (m.index === index) return column ? { ...m, column, confidence: 1, match: 'user' as const } : { ...m, column: null, confidence: 0, match: 'none' as const };
    if (column && m.column === column) return { ...m, column: null, confidence: 0, match: 'none' as const };
    return m;
  });
  return { ...mapping, columns };
}

export function toPreset(mapping: HeaderMapping, savedAt?: string): MappingPreset {
  const headers = mapping.columns.map((m) => m.header);
  const columns: Record<string, string | null> = {};
  for (const m of mapping.columns) columns[m.header] = m.column;
  return { key: presetKey(headers), table: mapping.table, columns, ...(savedAt ? { savedAt } : {}) };
}

export function requiredColumns(table: TableName): ColumnSpec[] {
  return TABLES[table].columns.filter((c) => c.required || c.key);
}

export function missingRequired(mapping: HeaderMapping): string[] {
  const mapped = new Set(mapping.columns.map((m) => m.column));
  return requiredColumns(mapping.table)
    .map((c) => c.name)
    .filter((name) => !mapped.has(name));
}

/** False only when every required column is mapped with certainty: then the import may go on unasked. */
export function needsReview(mapping: HeaderMapping): boolean {
  const required = new Set(requiredColumns(mapping.table).map((c) => c.name));
  for (const m of mapping.columns) if (m.column && required.has(m.column) && m.confidence >= 1) required.delete(m.column);
  return required.size > 0;
}

export function extraColumns(mapping: HeaderMapping): ColumnMapping[] {
  return mapping.columns.filter((m) => m.column === null);
}

/**
 * A key for the header set: the normalised headers, sorted, hashed. Order and width/spacing
 * differences do not change it, so next month's export of the same system finds its preset.
 */
export function presetKey(headers: readonly string[]): string {
  const normalised = [...new Set(headers.map(normaliseHeader).filter(Boolean))].sort();
  return `h1-${normalised.length}-${hash53(normalised.join('\u0001'))}`;
}

/** A 53-bit string hash (two 32-bit multiply-xorshift lanes): sync, same in browser and Node. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
