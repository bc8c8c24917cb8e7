// The import worker's implementation of workers/import-api.ts: decode and parse a user's file
// off the main thread. CSV streams from File.stream(), so a 1 GB export never sits in memory as
// one buffer or one string; spreadsheets, Parquet and JSON have no incremental reader and are
// read whole, so they get a much lower size limit, checked before a byte is read.
import { transfer } from 'comlink';
import {
  CsvParser,
  ImportError,
  decodeBytes,
  findHeaderRow,
  isImportError,
  mapHeaders,
  parseImport,
  parseImportStream,
  parseSpreadsheetFile,
  presetKey,
  readWorkbookHead,
  scoreTables,
  sniffDelimiter,
  sniffFormat,
  type FileFormat,
  type ImportOptions,
  type ParsedImport,
} from '$lib/import';
import * as SheetJS from '@e965/xlsx';
import { readJson, readParquet } from '$lib/import/structured';
import { FINDINGS_FILE_MAX_BYTES, FindingsFileError, readFindingsFile } from '$lib/review/findings-file';
import { detectEncoding } from '$lib/import/decode';
import { dataRecordsOf, prepareCsvBytes, type OnHandedPart } from '$lib/import/csv-prepare';
import { endsWithCrlf } from '$lib/import/csv-parts';
import { PartLaneSender } from '$lib/engine/part-lane';
import { packIssues } from '$lib/import/issue-chunks';
import { sizedForEnginePath } from '$lib/import/engine-path';
import { csvLimit, rowByRowRefusal, sizeRefusal } from '$lib/import/file-size';
import type { CsvHead } from '$lib/import/engine-csv';
import type { NumberedRow } from '$lib/import/header';
import { blobChunks } from '$lib/platform/blob-chunks';
import type {
  FindingsOutcome,
  HeaderProbe,
  ImportFailure,
  ImportOutcome,
  ImportWorkerApi,
  ImportWorkerOptions,
  ImportWorkerProgress,
  ParsedFile,
  PrepareOutcome,
} from '../../../workers/import-api';

const PROGRESS_EVERY_MS = 150;
const PROBE_BYTES = 256 * 1024;
const HEADER_ROWS = 20;

function failure(error: unknown, file: string): ImportFailure {
  if (isImportError(error)) return { code: error.code, zh: error.zh, en: error.en, file: error.file ?? file };
  const detail = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
  if (error instanceof RangeError) {
    return { code: 'load-failed', zh: '文件太大或结构异常，内存不足以读取', en: `the file is too large or malformed to read in memory (${detail})`, file };
  }
  return { code: 'load-failed', zh: `读取文件时出错（${detail}）`, en: `reading the file failed (${detail})`, file };
}

function toParsedFile(parsed: ParsedImport, size: number, parseMs: number): ParsedFile {
  return {
    file: parsed.file,
    size,
    format: parsed.format,
    encoding: parsed.encoding,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    headers: parsed.headers,
    skippedRows: parsed.skippedRows,
    table: parsed.table,
    tableScores: parsed.tableScores,
    mapping: parsed.mapping,
    mappingSource: parsed.mappingSource,
    presetKey: parsed.presetKey,
    needsReview: parsed.needsReview,
    csvIssues: parsed.csvIssues,
    csvIssueCount: parsed.csvIssueCount,
    batches: parsed.batches,
    extraBatches: parsed.extraBatches,
    extraColumns: parsed.extraColumns,
    preview: parsed.preview,
    report: parsed.report,
    parseMs,
  };
}

/** Every distinct buffer once: a transfer list naming a buffer twice is a DataCloneError. */
function buffersOf(parts: readonly Uint8Array[]): ArrayBuffer[] {
  return [...new Set(parts.map((p) => p.buffer as ArrayBuffer))];
}

/** The sheet whose detected header matches the most known column names; null when none matches any. */
export class ImportWorkerService implements ImportWorkerApi {
  private controller: AbortController | null = null;

  cancel(): void {
    this.controller?.abort();
  }

  async readFindings(file: File): Promise<FindingsOutcome> {
    try {
      if (file.size > FINDINGS_FILE_MAX_BYTES) return { ok: false, problem: 'too-large' };
      return { ok: true, read: await readFindingsFile(new Uint8Array(await file.arrayBuffer()), SheetJS) };
    } catch (error) {
      if (error instanceof FindingsFileError) return { ok: false, problem: error.problem, detail: error.detail };
      return { ok: false, problem: 'unreadable' };
    }
  }

  async prepareCsv(
    file: File,
    options: ImportWorkerOptions,
    onProgress: (p: ImportWorkerProgress) => void,
    onHead?: (head: CsvHead, from: 'file' | 'parts') => void,
    onPart?: OnHandedPart,
    lane?: { lane: string; port: MessagePort },
  ): Promise<PrepareOutcome> {
    const sender = lane && new PartLaneSender(lane.lane, lane.port);
    try {
      if (!sizedForEnginePath(file.size, options)) return { ok: true, prepared: null };
      const head = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
      const { format, tabSeparated } = sniffFormat(file.name, head.subarray(0, 4096), file.size);
      if (format !== 'csv') return { ok: true, prepared: null };
      // As parseImportStream guesses: from the first 64 KiB.
      const encoding = detectEncoding(head, head.length >= file.size);
      // The larger limit while any table is empty; the target's own once the header names it.
      const inUtf8 = encoding.encoding === 'utf-8';
      const emptyTables = options.emptyTables ?? [];
      const refusal = sizeRefusal(file.name, file.size, format, csvLimit(emptyTables.length > 0, inUtf8));
      if (refusal) return { ok: false, error: refusal, probe: null };
      let last = 0;
      const prepared = await prepareCsvBytes({
        name: file.name,
        file,
        chunks: (memory) => blobChunks(file, memory),
        encoding,
        tabSeparated,
        choice: { table: options.table, mapping: options.mapping, presets: options.presets },
        admit: (table) => sizeRefusal(file.name, file.size, format, csvLimit(emptyTables.includes(table), inUtf8)),
        onHead: onHead && ((head, from) => void onHead(head, from)),
        // The parts are moved, not copied: straight to the engine worker on a lane, else to the page.
        onPart:
          onPart &&
          ((part, final, fileBytes, readable) =>
            void onPart(sender ? sender.send(part, endsWithCrlf(part)) : transfer(part, buffersOf(part)), final, fileBytes, readable)),
        partBytes: options.partBytes,
        onProgress: (bytesRead, rows) => {
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          void onProgress({ bytesRead, totalBytes: file.size, rows });
        },
      });
      if (!prepared) return { ok: true, prepared: null };
      const { utf8, parts, head: plan, scan } = prepared;
      void onProgress({ bytesRead: file.size, totalBytes: file.size, rows: dataRecordsOf(scan.records, plan) });
      const result: PrepareOutcome = { ok: true, prepared: { utf8, parts, encoding, head: plan, scan, size: file.size } };
      // Transcoded pieces are moved to the page (and on to the engine), not copied.
      return utf8 instanceof Blob ? result : transfer(result, buffersOf(utf8));
    } catch (error) {
      return { ok: false, error: failure(error, file.name), probe: null };
    }
  }

  async parse(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): Promise<ImportOutcome> {
    const controller = new AbortController();
    this.controller = controller;
    const t0 = performance.now();
    let format: FileFormat | null = null;
    try {
      const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
      format = sniffFormat(file.name, head, file.size).format;
      const refusal = format === 'csv' ? rowByRowRefusal(file.name, file.size) : sizeRefusal(file.name, file.size, format);
      if (refusal) return { ok: false, error: refusal, probe: null };

      let last = 0;
      let lastPhase: ImportWorkerProgress['phase'];
      const importOptions: ImportOptions = {
        encoding: options.encoding,
        sheet: options.sheet,
        table: options.table,
        mapping: options.mapping,
        presets: options.presets,
        townshipAliases: options.townshipAliases ? new Map(options.townshipAliases) : undefined,
        signal: controller.signal,
        onProgress: (p) => {
          const now = performance.now();
          // A change of phase is always told: it may be the last word for a while (a workbook's read).
          if (now - last < PROGRESS_EVERY_MS && p.phase === lastPhase) return;
          last = now;
          lastPhase = p.phase;
          void onProgress({ bytesRead: p.bytesRead, totalBytes: p.totalBytes || file.size, rows: p.rows, phase: p.phase });
        },
      };
      const parsed =
        format === 'csv'
          ? await parseImportStream({ name: file.name, size: file.size, chunks: blobChunks(file, 'kept') }, importOptions)
          : format === 'xlsx'
            ? await parseSpreadsheetFile(file, file.name, importOptions)
            : await this.parseWhole(file, importOptions);
      void onProgress({ bytesRead: file.size, totalBytes: file.size, rows: parsed.report.rowsRead });
      const result = toParsedFile(parsed, file.size, performance.now() - t0);
      const { report, packed } = packIssues(result.report);
      return transfer({ ok: true, parsed: { ...result, report }, issues: packed }, buffersOf([...result.batches, ...result.extraBatches]));
    } catch (error) {
      const reason = failure(error, file.name);
      let probe: HeaderProbe | null = null;
      if (format && (reason.code === 'no-key-column' || reason.code === 'missing-required-column')) {
        probe = await this.probe(file, format, options).catch(() => null);
      }
      return { ok: false, error: reason, probe };
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** A spreadsheet's sheet, when the user chose none, is the one whose header fits best (chooseSheet). */
  private async parseWhole(file: File, options: ImportOptions): Promise<ParsedImport> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return parseImport({ name: file.name, bytes }, options);
  }

  /** The header and an automatic mapping from the first rows only, for the user to correct. */
  private async probe(file: File, format: FileFormat, options: ImportWorkerOptions): Promise<HeaderProbe> {
    let rows: NumberedRow[];
    let encoding: HeaderProbe['encoding'] = null;
    let sheets: HeaderProbe['sheets'] = [];
    let sheet: string | null = null;
    if (format === 'csv') {
      const bytes = new Uint8Array(await file.slice(0, PROBE_BYTES).arrayBuffer());
      const { text, ...guess } = decodeBytes(bytes, options.encoding);
      encoding = guess;
      const parser = new CsvParser(sniffDelimiter(text.slice(0, 65536)));
      rows = parser.push(text).slice(0, HEADER_ROWS);
    } else {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (format === 'json') rows = readJson(file.name, bytes).slice(0, HEADER_ROWS);
      else if (format === 'parquet') rows = (await readParquet(file.name, bytes)).slice(0, HEADER_ROWS);
      else {
        ({ sheets, sheet, rows } = await readWorkbookHead(file.name, bytes, format, options, HEADER_ROWS));
      }
    }
    const header = findHeaderRow(rows, options.table);
    if (header.headers.length === 0) throw new ImportError('no-header', '找不到表头行', 'no header row', file.name);
    const tableScores = scoreTables(header.headers);
    const table = options.table ?? tableScores[0].table;
    return {
      format,
      encoding,
      sheets,
      sheet,
      headerRow: header.row,
      headers: header.headers,
      skippedRows: header.skipped,
      tableScores,
      mapping: mapHeaders(header.headers, table),
      presetKey: presetKey(header.headers),
    };
  }
}
