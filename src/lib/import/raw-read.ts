// The first step of a CSV's engine path: DuckDB's own reader loads the file as text, every column
// VARCHAR but those a part's read types (csv-parts.ts), into the import's raw table (staged-csv.ts
// validates from there). Apart from the rest of the path so the engine worker can run the same
// read to ready DuckDB's reader (warm-reader.ts).
import type { Engine } from '$lib/engine/types';
import { ident, join, literal, sql, trusted, type SqlFragment } from '$lib/sql';
import type { BooleanWords } from './cell-coerce';
import type { RawColumn } from './in-place';
import { shortId } from '$lib/platform/short-id';

/** What a raw read needs: the registered file and what the header decision gives. */
export interface RawRead {
  /** The name the file is registered under in the engine. */
  engineFile: string;
  delimiter: string;
  /** Records before the first data row, the header included. */
  skip: number;
  /** Cells per record. */
  width: number;
  /** Add to the table an earlier part's read made (csv-parts.ts), rather than create it. */
  append?: boolean;
  /** The file is bytes in JavaScript memory (a part), not a File read through the browser. */
  inMemory?: boolean;
  /** The table's columns in order (in-place.ts); absent: the file's, c0 … c<width-1>. */
  layout?: readonly RawColumn[];
  /** Columns read typed (csv-parts.ts), by file column; every other one is VARCHAR. */
  types?: ReadonlyMap<number, ReadAs>;
}

/**
 * How a read types a column (csv-parts.ts): plain timestamps and counts as DuckDB's reader parses
 * them; a yes/no column's two words as true and false (the reader knows no 是/否).
 */
export type ReadAs = { column: number; type: 'TIMESTAMP' | 'INTEGER' } | { column: number; type: 'BOOLEAN'; words: BooleanWords };

const wordLiteral = (word: string | null) => trusted(word === null ? 'NULL' : literal(word));

/** A typed raw column's cells as the text they were read from (a yes/no value as its word). */
export function rawCellText(column: SqlFragment, as: ReadAs): SqlFragment {
  if (as.type !== 'BOOLEAN') return sql`CAST(${column} AS VARCHAR)`;
  return sql`CASE ${column} WHEN true THEN ${wordLiteral(as.words.yes)} WHEN false THEN ${wordLiteral(as.words.no)} END`;
}

/** A yes/no column's cells (text) as the values its words are read as; any other cell (none met yet) NULL. */
function wordValue(column: SqlFragment, words: BooleanWords): SqlFragment {
  const when = [
    ...(words.yes === null ? [] : [sql`WHEN ${wordLiteral(words.yes)} THEN true`]),
    ...(words.no === null ? [] : [sql`WHEN ${wordLiteral(words.no)} THEN false`]),
  ];
  return when.length ? sql`CAST(CASE ${column} ${join(when, ' ')} END AS BOOLEAN)` : trusted('CAST(NULL AS BOOLEAN)');
}

/**
 * DuckDB's CSV buffer for the raw read: above its largest line (2 MB by default), as it requires.
 * It reads a buffer at a time, and each read is the import's progress while one statement runs, so
 * smaller buffers tell more often. A File: 16 MB, not DuckDB's 32 MB; in the page, 16 MB read the
 * 1M-row export as fast as 32 MB (3.49 s against 3.49 s, medians of 4, alternating) and 8 MB took
 * 8 % longer, each read being a trip to the browser. Bytes in memory (the parts): 8 MB. Eight
 * alternating pairs of imports of that export: the longest gap between progress updates 266–334 ms
 * with 16 MB, 183–299 ms with 8 MB; the first figures no later (median of the differences +0.1 s,
 * within the pairs' noise).
 */
const FILE_READ_BUFFER_BYTES = 16 << 20;
const MEMORY_READ_BUFFER_BYTES = 8 << 20;

/** A new import's id, which names its tables (`__import_<id>_…`) and its files in the engine. */
export function importId(): string {
  return shortId();
}

/** The name of one of an import's relations: every one starts `__import_<id>_` (dropImportTables). */
export function importRelationName(id: string, part: string): string {
  return `__import_${id}_${part}`;
}

/** The name of an import's raw text table (what readRawTable makes). */
export function rawTableName(id: string): string {
  return importRelationName(id, 'raw');
}

/** The name of an import's typed rows, a view over the raw table (staged-csv.ts validate): its only view. */
export function rowsViewName(id: string): string {
  return importRelationName(id, 'rows');
}

/**
 * Load the raw text table; returns DuckDB's refusal, or null once the table is made. Needs only
 * what the header decision gives (the file, delimiter, records to skip, width): it can start
 * before the scan of the whole file is done. With `append`, the rows are added to the table a
 * read of the file's earlier part made (a file read part by part: csv-parts.ts); the
 * rowids go on where that part's ended, as one read of the whole would have numbered them.
 */
export async function readRawTable(engine: Engine, raw: string, read: RawRead): Promise<string | null> {
  // A yes/no column is read as text and its words turned into values as it is read.
  const readerType = (i: number) => {
    const as = read.types?.get(i);
    return as && as.type !== 'BOOLEAN' ? as.type : 'VARCHAR';
  };
  const columns = Array.from({ length: read.width }, (_, i) => `${literal(`c${i}`)}: ${literal(readerType(i))}`).join(', ');
  const options = [
    'auto_detect = false',
    'header = false',
    `delim = ${literal(read.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    // No new_line: DuckDB 1.4 reads nothing with new_line = '\r\n' given; unset, it reads LF and
    // CRLF alike (the scan has refused lone CRs and mixed line ends before we get here).
    `skip = ${read.skip}`,
    `buffer_size = ${read.inMemory ? MEMORY_READ_BUFFER_BYTES : FILE_READ_BUFFER_BYTES}`,
    `columns = {${columns}}`,
    'strict_mode = true',
    'null_padding = false',
  ].join(', ');
  try {
    // The layout costs the read nothing: a projection of the reader's columns (and NULLs).
    const cell = (source: number) => {
      const as = read.types?.get(source);
      return as?.type === 'BOOLEAN' ? sql`${wordValue(ident(`c${source}`), as.words)} AS ${ident(`c${source}`)}` : ident(`c${source}`);
    };
    const words = [...(read.types?.values() ?? [])].some((as) => as.type === 'BOOLEAN');
    const layout = read.layout ?? (words ? Array.from({ length: read.width }, (_, source) => ({ source })) : null);
    const selected = layout
      ? join(
          layout.map((c) => ('source' in c ? cell(c.source) : sql`CAST(NULL AS ${trusted(c.type)}) AS ${ident(c.absent)}`)),
          ', ',
        )
      : trusted('*');
    const rows = sql`SELECT ${selected} FROM read_csv(${trusted(literal(read.engineFile))}, ${trusted(options)})`;
    await engine.exec(read.append ? sql`INSERT INTO ${ident(raw)} ${rows}` : sql`CREATE TABLE ${ident(raw)} AS ${rows}`);
  } catch (error) {
    return `DuckDB's reader refused the file: ${String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 200)}`;
  }
  return null;
}
