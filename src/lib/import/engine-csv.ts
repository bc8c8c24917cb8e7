// Deciding whether a CSV can take the engine path, and taking it. The header, the mapping and
// every refusal are decided exactly as the JavaScript path decides them, from the same first
// records; the bulk of the rows then goes through DuckDB's reader (staged-csv.ts). Whenever the
// file holds something the two readers treat differently, the answer is null and the caller
// runs the JavaScript path, whose result is today's result by definition.
import { ENGINE_FILE_PREFIX } from '$lib/engine/types';
import type { Engine } from '$lib/engine/types';
import type { BytePieces } from '$lib/engine/pieces-file';
import { CsvParser, sniffDelimiter, type CsvRecord, type Delimiter } from './csv';
import { MAX_BLANK_LINES, type CsvScan } from './csv-scan';
import type { CellFacts, CellFactsPlan } from './cell-facts';
import { TABLES, keyColumn } from '$lib/schema';
import { CLOSED_COLUMNS, DEADLINE_COLUMNS } from './rows';
import { TOKEN_KINDS, booleanWordsOf, kindOf, type ColumnKind } from './cell-coerce';
import type { EncodingGuess } from './decode';
import type { ParsedImport } from './pipeline';
import { isBlankRow } from './cells';
import { ImportError } from './errors';
import { MAX_CELL_CHARS, assertRowWithinLimits } from './limits';
import { HEADER_SEARCH_ROWS } from './header';
import { needsReview, missingRequired } from './mapping';
import { assertLoadable, decideMapping, type HeaderDecision, type MappingChoice } from './session';
import { importId, rawTableName, readRawTable, type RawRead, type ReadAs } from './raw-read';
import { rawLayout } from './in-place';
import { stageCsv, type CsvReadPlan, type StageOptions, type StagedCsv } from './staged-csv';
import { ident, sql } from '$lib/sql';

/** Bytes of UTF-8 the header decision is made from: far more than 20 records of any export. */
export const HEAD_BYTES = 1 << 20;
/**
 * The decision is first tried on this much (hundreds of records of an ordinary export). Parsing
 * and mapping the whole MiB in the import worker, cold, held its first progress and DuckDB's start
 * back by a few hundred ms.
 */
export const FIRST_HEAD_BYTES = 64 << 10;

export interface CsvHead {
  delimiter: Delimiter;
  decision: HeaderDecision;
  /** Index of the header among the records (0-based), and its raw width. */
  headerIndex: number;
  width: number;
  /** The complete records of the head, for the first-row check. */
  records: CsvRecord[];
}

/**
 * Header and mapping from the first bytes (UTF-8), as ImportSession decides them once it holds
 * HEADER_SEARCH_ROWS records (or, for a file that fits in the head, at its end). Null when
 * deciding fails: the JavaScript path then fails the same way, with its own message.
 */
export function planCsvHead(head: Uint8Array, complete: boolean, tabSeparated: boolean, file: string, choice: MappingChoice): CsvHead | null {
  const text = new TextDecoder('utf-8').decode(head, { stream: !complete });
  const delimiter = sniffDelimiter(text.slice(0, 65536), tabSeparated);
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  // The whole file in hand: ImportSession decides at its end from every record, as here.
  if (complete) records.push(...parser.end());
  else if (records.length <= HEADER_SEARCH_ROWS) return null;
  if (records.length === 0 || records.every((r) => isBlankRow(r.cells))) return null;
  // Refused here as the JavaScript path refuses it, before the engine is asked to read it.
  for (const r of records) assertRowWithinLimits(r, file);
  try {
    const decision = decideMapping(records, choice);
    if (decision.header.headers.length === 0) throw new ImportError('no-header', '', '', file);
    assertLoadable(decision.mapping, file);
    const headerIndex = decision.header.index;
    return { delimiter, decision, headerIndex, width: records[headerIndex].cells.length, records };
  } catch {
    return null;
  }
}

/** What the header decision tells the raw read (raw-read.ts): the delimiter, the records to skip, the width, the layout. */
export function rawReadOf(head: Pick<CsvHead, 'delimiter' | 'headerIndex' | 'width' | 'decision'>): Pick<RawRead, 'skip' | 'width' | 'layout'> & { delimiter: Delimiter } {
  return { delimiter: head.delimiter, skip: head.headerIndex + 1, width: head.width, layout: rawLayout(head.decision.mapping, head.width) };
}

/** What the scan of a file with this head is to prove about its data rows (cell-facts.ts). */
export function cellFactsPlanOf(head: Pick<CsvHead, 'decision'>): CellFactsPlan {
  const { mapping, header } = head.decision;
  const spec = TABLES[mapping.table];
  const source = (column: string) => mapping.columns.find((m) => m.column === column)?.index ?? null;
  // A closure or a deadline before the received time is a warning (rows.ts): in order, none is.
  const time = source(spec.timeColumn);
  const later = spec.columns.filter((c) => CLOSED_COLUMNS.has(c.name) || DEADLINE_COLUMNS.has(c.name)).map((c) => source(c.name));
  const orderedPairs = time === null ? [] : later.flatMap((s) => (s === null ? [] : [[time, s] as const]));
  const ofKind = (kinds: ReadonlySet<ColumnKind>) =>
    spec.columns.flatMap((c) => {
      const s = source(c.name);
      return s !== null && kinds.has(kindOf(c.name, c.type, c.key === true)) ? [s] : [];
    });
  return {
    headerRow: header.row,
    keyColumn: source(keyColumn(spec).name),
    orderedPairs,
    integerColumns: ofKind(new Set(['integer'])),
    doubleColumns: ofKind(new Set(['double'])),
    tokenColumns: ofKind(TOKEN_KINDS),
    requiredColumns: spec.columns.flatMap((c) => {
      const s = c.required === true || c.key === true ? source(c.name) : null;
      return s === null ? [] : [s];
    }),
    idColumns: ofKind(new Set(['key', 'id'])),
  };
}

/** A raw column DuckDB's reader may type as it reads, and the type (csv-parts.ts). */
export interface ReadType {
  /** The file column (c<column> in the raw table). */
  column: number;
  type: 'TIMESTAMP' | 'INTEGER' | 'BOOLEAN';
}

export type { ReadAs } from './raw-read';

/** Of the candidates (readTypesOf), those a read may type given every data cell scanned so far; none without facts. */
export function readableSoFar(facts: CellFacts | null, candidates: readonly ReadType[]): ReadAs[] {
  if (facts === null) return [];
  return candidates.flatMap((c): ReadAs[] => {
    if (c.type !== 'BOOLEAN') return facts.plainSoFar(c.column, c.type) ? [{ column: c.column, type: c.type }] : [];
    const tokens = facts.tokensSoFar(c.column);
    const words = tokens && booleanWordsOf(tokens);
    return words ? [{ column: c.column, type: 'BOOLEAN', words }] : [];
  });
}

/**
 * The columns of a file with this head that its parts' reads may type (readableSoFar): the
 * mapped timestamp and integer columns, when the scan has found every cell so far plain
 * (cell-facts.ts), and the yes/no columns, when their cells so far are two words (booleanWordsOf).
 * (No table has a double column; a double's text back from its type may be scientific notation.)
 * A plain cell's value is what DuckDB's reader makes of it, as the cast of its text would be;
 * typed as it is read, the column needs no ALTER to its type after (1M tickets, native: five
 * timestamp columns read typed 1.87 s against 2.78 s read as text and then altered).
 */
export function readTypesOf(head: Pick<CsvHead, 'decision'>): ReadType[] {
  const { mapping } = head.decision;
  const spec = TABLES[mapping.table];
  return mapping.columns.flatMap((m) => {
    const c = spec.columns.find((c) => c.name === m.column);
    if (!c) return [];
    const kind = kindOf(c.name, c.type, c.key === true);
    return kind === 'timestamp' || kind === 'integer' || kind === 'boolean' ? [{ column: m.index, type: c.type as ReadType['type'] }] : [];
  });
}

/** The read plan, or null when the scan found what DuckDB's reader would read differently. */
export function readPlanOf(head: CsvHead, scan: CsvScan, engineFile: string): CsvReadPlan | null {
  if (scan.hasNul || scan.strayQuote || scan.unterminatedQuote || scan.loneCr > 0) return null;
  if (scan.crlfBreaks > 0 && scan.crlfBreaks !== scan.lineBreaks) return null;
  if (scan.blankRows.length > MAX_BLANK_LINES) return null;
  // A record that could hold an over-long cell: the JavaScript path checks each cell and refuses.
  if (scan.longestRecordBytes > MAX_CELL_CHARS) return null;
  // A one-column file: DuckDB would read an empty line as a row, not skip it.
  if (head.width < 2) return null;
  const headerRow = head.decision.header.row;
  const blankRows = scan.blankRows.filter((row) => row > headerRow);
  const blank = new Set(blankRows);
  const first = head.records.find((r) => r.row > headerRow && !blank.has(r.row)) ?? null;
  return {
    ...rawReadOf(head),
    engineFile,
    newline: scan.crlfBreaks > 0 ? '\r\n' : '\n',
    headerRow,
    blankRows,
    dataRecords: scan.records - (head.headerIndex + 1),
    firstDataRow: first ? first.cells : null,
    edgeSpace: scan.lastEdgeSpaceRow > headerRow,
    ...(scan.facts?.headerRow === headerRow ? { facts: scan.facts } : {}),
  };
}

/**
 * A unique engine file name per import, so parallel imports and tables never collide; under the
 * prefix the locked engine lets DuckDB read (ENGINE_FILE_PREFIX).
 */
export function engineFileName(): string {
  return `${ENGINE_FILE_PREFIX}import-${importId()}.csv`;
}

export interface EngineCsvResult extends StagedCsv {
  head: CsvHead;
  needsReview: boolean;
}

/**
 * A read into the raw table started from the header decision while the scan goes on: of a UTF-8
 * file itself, or of the file's UTF-8 part by part (csv-parts.ts).
 */
export interface EarlyRead {
  /** The import's id: the raw table is `__import_<id>_raw`. */
  id: string;
  /** The file DuckDB reads, registered until staging ends; null when each part had its own. */
  engineFile: string | null;
  /** DuckDB's refusal, or null once the raw table is made. */
  read: Promise<string | null>;
  /** Undo a read that will not be staged, beyond dropping its table (a transaction to roll back). */
  abandon?(): Promise<void>;
  /** Once `read` has settled: the raw columns read typed, and every column some part typed (csv-parts.ts). */
  typed?: ReadonlyMap<number, ReadAs>;
  everTyped?: ReadonlySet<number>;
}

/**
 * Register the file and start reading it into the raw table (readRawTable), with nothing but the
 * head: the scan's findings are checked when it ends (stageRegistered). Null when the head alone
 * rules the engine path out.
 */
export async function startEarlyRead(engine: Engine, utf8: Blob, head: CsvHead, id: string): Promise<EarlyRead | null> {
  if (head.width < 2) return null;
  const engineFile = engineFileName();
  await engine.registerFile(engineFile, utf8);
  const read = readRawTable(engine, rawTableName(id), { engineFile, ...rawReadOf(head) });
  read.catch(() => undefined);
  return { id, engineFile, read };
}

/** An early read that will not be staged: wait for it to end, drop its table, unregister its file. */
export async function discardEarlyRead(engine: Engine, early: EarlyRead): Promise<void> {
  await early.abandon?.();
  await early.read.catch(() => null);
  await engine.exec(sql`DROP TABLE IF EXISTS ${ident(rawTableName(early.id))}`).catch(() => undefined);
  if (early.engineFile) await engine.dropFile(early.engineFile).catch(() => undefined);
}

/**
 * Register the UTF-8 bytes (unless an early read did), stage them, and always unregister: the
 * staged tables outlive the file.
 */
export async function stageRegistered(
  engine: Engine,
  utf8: Blob | BytePieces,
  head: CsvHead,
  scan: CsvScan,
  options: {
    file: string;
    townshipAliases?: ReadonlyMap<string, string>;
    onFallback?: (reason: string) => void;
    id?: string;
    named?: StageOptions['named'];
    onStep?: StageOptions['onStep'];
    onStepRows?: StageOptions['onStepRows'];
    /** The read already under way for this import (its id is the import's). */
    early?: EarlyRead;
  },
): Promise<EngineCsvResult | null> {
  const early = options.early;
  const engineFile = early ? early.engineFile ?? '' : engineFileName();
  const plan = readPlanOf(head, scan, engineFile);
  if (!plan) {
    options.onFallback?.(`the scan found what DuckDB reads differently: ${JSON.stringify({ ...scan, blankRows: scan.blankRows.length })}`);
    if (early) await discardEarlyRead(engine, early);
    return null;
  }
  if (!early) await engine.registerFile(engineFile, utf8);
  try {
    const staged = await stageCsv(engine, plan, {
      file: options.file,
      mapping: head.decision.mapping,
      townshipAliases: options.townshipAliases,
      onFallback: options.onFallback,
      id: early ? early.id : options.id,
      named: options.named,
      onStep: options.onStep,
      onStepRows: options.onStepRows,
      rawRead: early?.read,
      rawTypes: early?.typed,
      typedOnRead: early?.everTyped,
    });
    if (!staged) return null;
    const mapping = head.decision.mapping;
    return { ...staged, head, needsReview: needsReview(mapping) || missingRequired(mapping).length > 0 };
  } finally {
    if (engineFile) await engine.dropFile(engineFile).catch(() => undefined);
  }
}

/** The import's result in the JS path's shape: no Arrow batches, the rows wait in `staged`. */
export function parsedFromStage(file: string, encoding: EncodingGuess, result: EngineCsvResult): ParsedImport {
  const d = result.head.decision;
  return {
    file,
    format: 'csv',
    encoding,
    delimiter: result.head.delimiter,
    sheets: [],
    sheet: null,
    headerRow: d.header.row,
    headers: d.header.headers,
    skippedRows: d.header.skipped,
    table: d.mapping.table,
    tableScores: d.tableScores,
    mapping: d.mapping,
    mappingSource: d.mappingSource,
    presetKey: d.presetKey,
    needsReview: result.needsReview,
    // The engine path is only taken when csv.ts would have had nothing to tolerate (readPlanOf).
    csvIssues: [],
    csvIssueCount: 0,
    batches: [],
    extraBatches: [],
    extraColumns: result.extraColumns,
    preview: result.preview,
    report: result.report,
    staged: result.staged,
  };
}

/** The encoding guess and UTF-8 bytes DuckDB can read: the file itself, or its transcoding. */
export function utf8Of(bytes: Uint8Array, encoding: EncodingGuess): Uint8Array {
  if (encoding.encoding === 'utf-8') return bytes;
  return new TextEncoder().encode(new TextDecoder(encoding.encoding).decode(bytes));
}
