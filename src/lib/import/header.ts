// Where the real header is. Exports put a title row (海门区12345工单明细（2024年1月）) and merged
// group-header rows (基本信息 | 办理情况 | 回访情况) above it, in XLSX and in CSV alike. The header
// is the row among the first few whose cells best match the known aliases; rows above it are
// skipped and each is reported with the reason.
import { TABLES, TABLE_NAMES, type TableName } from '$lib/schema';
import { cellText, isBlankRow, type CellValue } from './cells';
import { matchHeader } from './mapping';

/** How far down the header may be. */
export const HEADER_SEARCH_ROWS = 20;

export type SkipReason = 'blank' | 'title' | 'group-header' | 'preamble';

export interface SkippedRow {
  row: number;
  reason: SkipReason;
  /** The row's non-empty cells joined, for the report. */
  text: string;
}

export interface HeaderDetection {
  /** Position of the header in the rows given. */
  index: number;
  /** Excel row number of the header. */
  row: number;
  headers: string[];
  skipped: SkippedRow[];
  /** How many cells of the header matched an alias; 0 means no row looked like a header. */
  score: number;
}

export interface NumberedRow {
  row: number;
  cells: readonly CellValue[];
}

function headerScore(cells: readonly CellValue[], tables: readonly TableName[]): number {
  let best = 0;
  for (const table of tables) {
    const spec = TABLES[table];
    const seen = new Set<string>();
    let score = 0;
    for (const cell of cells) {
      if (typeof cell !== 'string') continue;
      const hit = matchHeader(cell, spec);
      if (hit && !seen.has(hit.column)) {
        seen.add(hit.column);
        score += hit.confidence;
      }
    }
    if (score > best) best = score;
  }
  return best;
}

/** Why a row above the header is not data. */
export function classifyAboveHeader(cells: readonly CellValue[], headerWidth: number): SkipReason {
  const texts = cells.map((c) => cellText(c).trim()).filter(Boolean);
  if (texts.length === 0) return 'blank';
  const distinct = new Set(texts).size;
  if (distinct === 1) return 'title';
  // A merged group header has a few labels spread over many columns: mostly empty cells.
  if (texts.length <= Math.max(1, Math.floor(headerWidth / 2)) || distinct <= Math.ceil(headerWidth / 3)) return 'group-header';
  return 'preamble';
}

/**
 * Find the header among the first HEADER_SEARCH_ROWS rows. The best-scoring row wins and the
 * earliest on a tie; when nothing matches an alias at all, the first row that is not a title or
 * blank is taken as the header (its columns then map to nothing and the caller says so).
 */
export function findHeaderRow(rows: readonly NumberedRow[], table?: TableName): HeaderDetection {
  const tables = table ? [table] : TABLE_NAMES;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let bestIndex = -1;
  let bestScore = 0;
  for (let i = 0; i < limit; i++) {
    const score = headerScore(rows[i].cells, tables);
    if (score > bestScore) {
      bestScore = score;
      bestIndex = i;
    }
  }
  if (bestIndex < 0) {
    bestIndex = 0;
    for (let i = 0; i < limit; i++) {
      const texts = rows[i].cells.map((c) => cellText(c).trim()).filter(Boolean);
      if (texts.length > 1) {
        bestIndex = i;
        break;
      }
    }
  }
  const headerCells = rows[bestIndex]?.cells ?? [];
  const headers = trimTrailingEmpty(headerCells.map((c) => cellText(c).trim()));
  const skipped = rows.slice(0, bestIndex).map((r) => ({
    row: r.row,
    reason: isBlankRow(r.cells) ? ('blank' as const) : classifyAboveHeader(r.cells, headers.length),
    text: r.cells
      .map((c) => cellText(c).trim())
      .filter(Boolean)
      .join(' | '),
  }));
  return { index: bestIndex, row: rows[bestIndex]?.row ?? 1, headers, skipped, score: bestScore };
}

/** Trailing empty header cells are formatting, not columns (a trailing delimiter, a styled blank column). */
function trimTrailingEmpty(headers: string[]): string[] {
  let end = headers.length;
  while (end > 0 && headers[end - 1] === '') end--;
  return headers.slice(0, end);
}
