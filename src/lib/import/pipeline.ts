// The import from bytes to loaded rows, in two steps so the UI can show the mapping and the
// report before anything touches the database: parseImport (pure, in a worker or in Node) and
// loadParsedImport (the upsert). CSV can also stream from File.stream() without holding the file.
import type { ColumnarTable } from '$lib/arrow';
import type { Engine } from '$lib/engine/types';
import type { TableName } from '$lib/schema';
import { CsvParser, sniffDelimiter, type CsvIssue, type Delimiter } from './csv';
import { decodeBytes, decodeChunks, detectEncoding, type EncodingGuess, type TextEncodingName } from './decode';
import { ImportError, asImportError, throwIfAborted } from './errors';
import { HEADER_SEARCH_ROWS, findHeaderRow, type NumberedRow, type SkippedRow } from './header';
import { needsReview, missingRequired, type HeaderMapping, type TableScore } from './mapping';
import type { AssembleOptions, ExtraColumn, ValidationReport } from './rows';
import { ImportSession, type HeaderDecision, type MappingChoice } from './session';
import { checkSpreadsheetDeclarations, openWorkbook, type SheetInfo } from './sheets';
import { checkDeclaredSizes } from './spreadsheet-guard';
import { NotStreamable } from './xlsx-sheet-xml';
import { openStreamedXlsx } from './xlsx-stream';
import { SNIFF_BYTES, sniffFormat, type FileFormat } from './sniff';
import { readJson, readParquet } from './structured';
import { upsertFromStaging, upsertInto, type StagedTables } from './upsert';
import type { Engine as EngineForStaging } from '$lib/engine/types';
import { HEAD_BYTES, cellFactsPlanOf, parsedFromStage, planCsvHead, stageRegistered, utf8Of } from './engine-csv';
import { scanCsvBytes } from './csv-scan';
import { concatBytes } from '$lib/platform/bytes';
import { blobSource, memorySource, type ByteSource } from '$lib/platform/byte-source';
import { ENGINE_MIN_BYTES } from './engine-path';

export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

export interface ImportStreamInput {
  name: string;
  /** Total size when known (File.size), for progress. */
  size?: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /**
   * 'workbook': a spreadsheet's bytes are in and SheetJS is reading the workbook, in one call that
   * tells nothing until it ends (about 10 s for 100,000 rows of XLSX); rows follow once it has. An
   * .xls, an HTML table, or an XLSX the streamed reader leaves to SheetJS (xlsx-stream.ts).
   */
  phase?: 'workbook';
}

export interface ImportOptions extends MappingChoice {
  /** Override the detected text encoding (CSV, JSON). */
  encoding?: TextEncodingName;
  /** Sheet of a workbook; the first sheet by default. */
  sheet?: string;
  townshipAliases?: ReadonlyMap<string, string>;
  /** Rows per Arrow batch. */
  batchRows?: number;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ParsedImport {
  file: string;
  format: FileFormat;
  /** Null for formats that carry their own encoding (XLSX, XLS, Parquet). */
  encoding: EncodingGuess | null;
  delimiter: Delimiter | null;
  sheets: SheetInfo[];
  sheet: string | null;
  /** Excel row number of the header row (0 for JSON/Parquet, whose header is synthetic). */
  headerRow: number;
  headers: string[];
  /** Title, group-header and other rows above the header: skipped, not counted as data. */
  skippedRows: SkippedRow[];
  table: TableName;
  tableScores: TableScore[];
  mapping: HeaderMapping;
  mappingSource: 'given' | 'preset' | 'auto';
  /** Key of the header set, to save a confirmed mapping as a preset. */
  presetKey: string;
  needsReview: boolean;
  /** What the CSV reader had to tolerate (unterminated quote, text after a closing quote, NUL bytes). */
  csvIssues: CsvIssue[];
  csvIssueCount: number;
  /** Typed rows as Arrow IPC stream batches, ready for upsertInto. */
  batches: Uint8Array[];
  extraBatches: Uint8Array[];
  extraColumns: ExtraColumn[];
  preview: ColumnarTable;
  report: ValidationReport;
  /** Engine path (staged-csv.ts): the typed rows wait in these engine tables instead of `batches`. */
  staged?: StagedTables | null;
}

export interface LoadResult {
  table: TableName;
  rowsRead: number;
  rowsRejected: number;
  rowsLoaded: number;
  /** Loaded rows that replaced an earlier row with the same key: in the table already, or earlier in the same file. */
  duplicatesReplaced: number;
  /** Distinct keys written by this import. */
  inserted: number;
}

/** Text is handed to the CSV parser in pieces of about this many characters: big enough to be fast, small enough to stream. */
const TEXT_PIECE = 1 << 20;

function assembleOptions(options: ImportOptions): AssembleOptions {
  return { batchRows: options.batchRows, townshipAliases: options.townshipAliases };
}

function result(
  file: string,
  format: FileFormat,
  extra: { encoding: EncodingGuess | null; delimiter: Delimiter | null; sheets: SheetInfo[]; sheet: string | null; csv?: CsvParser },
  session: ImportSession,
): ParsedImport {
  const { decision, rows } = session.finish();
  return describe(file, format, extra, decision, rows);
}

function describe(
  file: string,
  format: FileFormat,
  extra: { encoding: EncodingGuess | null; delimiter: Delimiter | null; sheets: SheetInfo[]; sheet: string | null; csv?: CsvParser },
  decision: HeaderDecision,
  rows: ReturnType<ImportSession['finish']>['rows'],
): ParsedImport {
  return {
    file,
    format,
    encoding: extra.encoding,
    delimiter: extra.delimiter,
    sheets: extra.sheets,
    sheet: extra.sheet,
    headerRow: decision.header.row,
    headers: decision.header.headers,
    skippedRows: decision.header.skipped,
    table: decision.mapping.table,
    tableScores: decision.tableScores,
    mapping: decision.mapping,
    mappingSource: decision.mappingSource,
    presetKey: decision.presetKey,
    needsReview: needsReview(decision.mapping) || missingRequired(decision.mapping).length > 0,
    csvIssues: extra.csv?.issues ?? [],
    csvIssueCount: extra.csv?.issueCount ?? 0,
    batches: rows.batches,
    extraBatches: rows.extraBatches,
    extraColumns: rows.extraColumns,
    preview: rows.preview,
    report: rows.report,
  };
}

/** Guard: anything thrown below that is not already an ImportError becomes one, with the file name. */
async function guarded<T>(file: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (e instanceof RangeError) {
      throw asImportError(e, 'load-failed', '文件太大或结构异常，内存不足以读取', 'the file is too large or malformed to read in memory', file);
    }
    throw asImportError(e, 'load-failed', '读取文件时出错', 'reading the file failed', file);
  }
}

/** Parse a whole file held in memory: any supported format. */
export function parseImport(input: ImportInput, options: ImportOptions = {}): Promise<ParsedImport> {
  return guarded(input.name, async () => {
    const { name, bytes } = input;
    const { format, tabSeparated } = sniffFormat(name, bytes.subarray(0, SNIFF_BYTES), bytes.length);
    const session = new ImportSession(name, options, assembleOptions(options));
    throwIfAborted(options.signal, name);
    if (format === 'csv') {
      const decoded = decodeBytes(bytes, options.encoding);
      const { text, ...encoding } = decoded;
      const delimiter = sniffDelimiter(text.slice(0, 65536), tabSeparated);
      const csv = new CsvParser(delimiter);
      for (let i = 0; i < text.length; i += TEXT_PIECE) {
        throwIfAborted(options.signal, name);
        session.push(csv.push(text.slice(i, i + TEXT_PIECE)));
        options.onProgress?.({ bytesRead: Math.round((Math.min(text.length, i + TEXT_PIECE) / text.length) * bytes.length), totalBytes: bytes.length, rows: session.rowsSeen });
      }
      session.push(csv.end());
      return result(name, format, { encoding, delimiter, sheets: [], sheet: null, csv }, session);
    }
    if (format === 'json' || format === 'parquet') {
      const rows = format === 'json' ? readJson(name, bytes) : await readParquet(name, bytes);
      pushInSlices(session, rows, options, bytes.length, name);
      const encoding = format === 'json' ? detectEncoding(bytes) : null;
      return result(name, format, { encoding, delimiter: null, sheets: [], sheet: null }, session);
    }
    if (format === 'xlsx') {
      const streamed = await parseStreamedXlsx(name, memorySource(bytes), options);
      if (streamed) return streamed;
    }
    return readWithSheetJs(name, bytes, format, options);
  });
}

/**
 * An XLSX chosen from disk: its directory and small parts read by range, its sheet streamed from
 * the file as it inflates, so its rows are counted from the start and the file is never held
 * whole — unless SheetJS must read it after all.
 */
export function parseSpreadsheetFile(file: Blob, name: string, options: ImportOptions = {}): Promise<ParsedImport> {
  return guarded(name, async () => {
    throwIfAborted(options.signal, name);
    const streamed = await parseStreamedXlsx(name, blobSource(file), options);
    if (streamed) return streamed;
    return readWithSheetJs(name, new Uint8Array(await file.arrayBuffer()), 'xlsx', options);
  });
}

/** A workbook read whole by SheetJS, then its chosen sheet's rows pushed in slices. */
async function readWithSheetJs(name: string, bytes: Uint8Array, format: 'xlsx' | 'xls' | 'html', options: ImportOptions): Promise<ParsedImport> {
  await checkSpreadsheetDeclarations(name, bytes, format);
  options.onProgress?.({ bytesRead: 0, totalBytes: bytes.length, rows: 0, phase: 'workbook' });
  const workbook = openWorkbook(name, bytes, format);
  const sheet = options.sheet ?? (await chooseSheet(workbook, options.table));
  const rows = workbook.readSheet(sheet);
  const session = new ImportSession(name, options, assembleOptions(options));
  pushInSlices(session, rows, options, bytes.length, name);
  return result(name, format, { encoding: null, delimiter: null, sheets: workbook.sheets, sheet }, session);
}

/**
 * An XLSX read as its sheet inflates (xlsx-stream.ts), its rows pushed and counted as they come;
 * null when SheetJS must read it instead — found at the start, or part-way through a sheet (the
 * rows pushed so far are then dropped with their session). Its declared sizes are checked first.
 */
async function parseStreamedXlsx(name: string, source: ByteSource, options: ImportOptions): Promise<ParsedImport | null> {
  const declared = await checkDeclaredSizes(name, source);
  try {
    const workbook = await openStreamedXlsx(name, source, declared);
    if (!workbook) return null;
    const sheet = options.sheet ?? (await chooseSheet(workbook, options.table));
    const session = new ImportSession(name, options, assembleOptions(options));
    await workbook.readSheet(
      sheet,
      (rows, fraction) => {
        throwIfAborted(options.signal, name);
        session.push(rows);
        options.onProgress?.({ bytesRead: Math.round(fraction * source.size), totalBytes: source.size, rows: session.rowsSeen });
      },
      options.signal,
    );
    return result(name, 'xlsx', { encoding: null, delimiter: null, sheets: workbook.sheets, sheet }, session);
  } catch (e) {
    if (e instanceof NotStreamable) return null;
    throw e;
  }
}

/**
 * The first `count` rows of a workbook's sheet (the one given, or the one chooseSheet picks):
 * streamed from an XLSX when it can be, from SheetJS otherwise.
 */
export async function readWorkbookHead(
  name: string,
  bytes: Uint8Array,
  format: 'xlsx' | 'xls' | 'html',
  choice: { sheet?: string; table?: TableName },
  count: number,
): Promise<{ sheets: SheetInfo[]; sheet: string; rows: NumberedRow[] }> {
  if (format === 'xlsx') {
    try {
      const workbook = await openStreamedXlsx(name, memorySource(bytes));
      if (workbook) {
        const sheet = choice.sheet ?? (await chooseSheet(workbook, choice.table));
        return { sheets: workbook.sheets, sheet, rows: await workbook.readSheetHead(sheet, count) };
      }
    } catch (e) {
      if (!(e instanceof NotStreamable)) throw e;
    }
  }
  const workbook = openWorkbook(name, bytes, format);
  const sheet = choice.sheet ?? (await chooseSheet(workbook, choice.table));
  return { sheets: workbook.sheets, sheet, rows: workbook.readSheetHead(sheet, count) };
}

/** What choosing a sheet needs of a workbook: SheetJS's (sync) or a streamed one's (async). */
export interface SheetHeads {
  sheets: SheetInfo[];
  readSheetHead(name: string, count: number): NumberedRow[] | Promise<NumberedRow[]>;
}

/**
 * The sheet whose header looks most like the table's (any table when none is named). Exports
 * often put a 说明 or cover sheet first; the first non-empty sheet is only the fallback.
 */
export async function chooseSheet(workbook: SheetHeads, table?: TableName): Promise<string> {
  const filled = workbook.sheets.filter((s) => s.rows > 0);
  // One sheet with rows is the choice whatever its header says: no need to read it twice.
  if (filled.length === 1) return filled[0].name;
  let best: string | null = null;
  let bestScore = 0;
  for (const s of workbook.sheets) {
    if (s.rows === 0) continue;
    const score = findHeaderRow(await workbook.readSheetHead(s.name, HEADER_SEARCH_ROWS), table).score;
    if (score > bestScore) {
      best = s.name;
      bestScore = score;
    }
  }
  return best ?? workbook.sheets.find((s) => s.rows > 0)?.name ?? workbook.sheets[0].name;
}

function pushInSlices(session: ImportSession, rows: readonly NumberedRow[], options: ImportOptions, totalBytes: number, name: string): void {
  const slice = 10_000;
  for (let i = 0; i < rows.length; i += slice) {
    throwIfAborted(options.signal, name);
    session.push(rows.slice(i, i + slice));
    options.onProgress?.({ bytesRead: Math.round((Math.min(rows.length, i + slice) / rows.length) * totalBytes), totalBytes, rows: session.rowsSeen });
  }
}

/** Collect the first `n` bytes of a stream, returning them and an iterable of everything (those bytes included). */
async function peek(chunks: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array>; ended: boolean }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    held.push(next.value);
    size += next.value.length;
  }
  const head = concatBytes(held);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: all(), ended };
}

/**
 * Parse from a stream of bytes (File.stream() in a worker). CSV is decoded and parsed as it
 * arrives; other formats need the whole file (their readers are not incremental) and are collected.
 * The encoding is guessed from the first 64 KiB.
 */
export function parseImportStream(input: ImportStreamInput, options: ImportOptions = {}): Promise<ParsedImport> {
  return guarded(input.name, async () => {
    const { name } = input;
    const { head, all, ended } = await peek(input.chunks, 65536);
    const total = input.size ?? (ended ? head.length : 0);
    const { format, tabSeparated } = sniffFormat(name, head.subarray(0, SNIFF_BYTES), ended ? head.length : Math.max(head.length, total));
    if (format !== 'csv') {
      const parts: Uint8Array[] = [];
      for await (const chunk of all) {
        throwIfAborted(options.signal, name);
        parts.push(chunk);
      }
      return parseImport({ name, bytes: concatBytes(parts) }, options);
    }
    const encoding: EncodingGuess = options.encoding ? { encoding: options.encoding, reason: 'override', bom: false } : detectEncoding(head, ended);
    const session = new ImportSession(name, options, assembleOptions(options));
    let csv: CsvParser | null = null;
    let delimiter: Delimiter = ',';
    let bytesRead = 0;
    let piece = '';
    const counted = countBytes(all, (n) => (bytesRead += n));
    const feed = (text: string) => {
      if (!csv) {
        delimiter = sniffDelimiter(text.slice(0, 65536), tabSeparated);
        csv = new CsvParser(delimiter);
      }
      session.push(csv.push(text));
      options.onProgress?.({ bytesRead, totalBytes: total, rows: session.rowsSeen });
    };
    for await (const text of decodeChunks(counted, encoding.encoding, { file: name })) {
      throwIfAborted(options.signal, name);
      // Browsers hand out 64 KiB chunks; parsing fewer, larger pieces is markedly faster.
      piece += text;
      if (piece.length >= TEXT_PIECE) {
        feed(piece);
        piece = '';
      }
    }
    if (piece || !csv) feed(piece);
    const parser = csv as CsvParser | null;
    if (parser) session.push(parser.end());
    return result(name, 'csv', { encoding, delimiter, sheets: [], sheet: null, csv: parser ?? undefined }, session);
  });
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * parseImport with the engine at hand: a CSV goes through DuckDB's reader and set-based
 * validation when it can (engine-csv.ts), with the same result; anything else, or a CSV the two
 * readers would read differently, takes parseImport. The report command uses this.
 */
export function parseImportWithEngine(
  engine: EngineForStaging,
  input: ImportInput,
  options: ImportOptions & { engineMinBytes?: number; onFallback?: (reason: string) => void } = {},
): Promise<ParsedImport> {
  return guarded(input.name, async () => {
    // Below a few MB the JavaScript path is quicker than the engine path's fixed cost in statements.
    const staged = input.bytes.length >= (options.engineMinBytes ?? ENGINE_MIN_BYTES) ? await parseCsvOnEngine(engine, input, options) : null;
    return staged ?? parseImport(input, options);
  });
}

async function parseCsvOnEngine(
  engine: EngineForStaging,
  input: ImportInput,
  options: ImportOptions & { onFallback?: (reason: string) => void },
): Promise<ParsedImport | null> {
  const { name, bytes } = input;
  if (bytes.length === 0) return null;
  const { format, tabSeparated } = sniffFormat(name, bytes.subarray(0, SNIFF_BYTES), bytes.length);
  if (format !== 'csv') return null;
  throwIfAborted(options.signal, name);
  const guess = options.encoding ? null : detectEncoding(bytes);
  if (!guess) return null; // an encoding chosen by hand: rare, and the JS path honours every nuance of it
  const utf8 = utf8Of(bytes, guess);
  const head = planCsvHead(utf8.subarray(0, HEAD_BYTES), utf8.length <= HEAD_BYTES, tabSeparated, name, options);
  if (!head) {
    options.onFallback?.('no header decision from the first records');
    return null;
  }
  const scan = scanCsvBytes(utf8, head.delimiter, undefined, cellFactsPlanOf(head));
  const result = await stageRegistered(engine, new Blob([utf8 as Uint8Array<ArrayBuffer>]), head, scan, {
    file: name,
    townshipAliases: options.townshipAliases,
    onFallback: options.onFallback,
  });
  if (!result) return null;
  return parsedFromStage(name, guess, result);
}

/** Upsert a parsed import; the table is untouched when this throws. */
export async function loadParsedImport(engine: Engine, parsed: ParsedImport): Promise<LoadResult> {
  const { inserted, replaced } = parsed.staged
    ? await upsertFromStaging(engine, parsed.table, parsed.staged)
    : await upsertInto(engine, parsed.table, parsed.batches, { extras: parsed.extraBatches });
  const r = parsed.report;
  return {
    table: parsed.table,
    rowsRead: r.rowsRead,
    rowsRejected: r.rowsRejected,
    rowsLoaded: r.rowsLoaded,
    duplicatesReplaced: r.duplicatesInFile + replaced,
    inserted,
  };
}
