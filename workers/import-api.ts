// The one contract between the data page and the import worker. A File goes in (structured
// clone of a File is a cheap handle, not a copy); the mapping decision, the validation report
// and the Arrow IPC batches come back, the batches transferred. Failures come back as values,
// not throws: comlink would strip an ImportError down to its message and lose code and zh/en.
import type { EncodingGuess, HeaderMapping, ImportErrorCode, MappingPreset, ParsedImport, TextEncodingName } from '../src/lib/import';
import type { CsvHead } from '../src/lib/import/engine-csv';
import type { CsvScan } from '../src/lib/import/csv-scan';
import type { OnHandedPart } from '../src/lib/import/csv-prepare';
import type { PackedIssues } from '../src/lib/import/issue-chunks';
import type { TableName } from '../src/lib/schema';
import type { FindingsFileProblem, FindingsRead } from '../src/lib/review/findings-file';

/**
 * A plain message (outside comlink) asking a spare worker, before any file comes, to ready the
 * GB18030 transcoder (workers/import.worker.ts; sent by src/lib/data/import-client.ts).
 */
export const READY_GB18030_MESSAGE = { workbenchReady: 'gb18030' } as const;

export interface ImportWorkerOptions {
  encoding?: TextEncodingName;
  sheet?: string;
  table?: TableName;
  /** A mapping the user confirmed for exactly this file. */
  mapping?: HeaderMapping;
  presets?: MappingPreset[];
  /** Township alias → canonical name, on top of the built-in table. */
  townshipAliases?: [string, string][];
  /** CSVs from this size take the engine path (tests lower it to exercise that path on small files). */
  engineMinBytes?: number;
  /** The size of the parts a CSV's UTF-8 is handed on in (csv-prepare.ts PART_BYTES unless told). */
  partBytes?: number;
  /** Tables an import would fill from empty (every one while the sample shows): a CSV's size limit depends on it (file-size.ts). */
  emptyTables?: TableName[];
}

export interface ImportWorkerProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /**
   * `rows` are the worker's scan of the file (every record, title and header rows too), which runs
   * ahead of DuckDB's read (`bytesRead`): shown as scanned, not as read.
   */
  rowsScanned?: boolean;
  /** Once DuckDB has read the rows of an engine-path CSV, its checks: statements done, and about how many in all. */
  step?: number;
  steps?: number;
  /** Rows the check running now has gone through (to within DuckDB's step of 102,400 rows). */
  stepRows?: number;
  /** A spreadsheet being read whole by SheetJS: nothing to count until it ends (ImportProgress.phase). */
  phase?: 'workbook';
}

/** What the page shows of a parse, plus the bytes to load: the import core's result as is. */
export interface ParsedFile extends Omit<ParsedImport, 'delimiter'> {
  size: number;
  parseMs: number;
}

/**
 * The header and an automatic mapping, found without loading any row: offered for review when
 * the parse itself stopped because no column maps to the key or a required time.
 */
export type HeaderProbe = Pick<
  ParsedImport,
  'format' | 'encoding' | 'sheets' | 'sheet' | 'headerRow' | 'headers' | 'skippedRows' | 'tableScores' | 'mapping' | 'presetKey'
>;

export interface ImportFailure {
  code: ImportErrorCode;
  zh: string;
  en: string;
  file: string;
}

/**
 * A parse's answer. `issues` carries the report's lists as text (issue-chunks.ts): the worker
 * sends `parsed.report` without them, and the page puts them back before anything reads it.
 */
export type ImportOutcome = { ok: true; parsed: ParsedFile; issues?: PackedIssues } | { ok: false; error: ImportFailure; probe: HeaderProbe | null };

/**
 * A CSV ready for the engine path: its UTF-8 bytes (the File itself, a handle, or its
 * transcoding as pieces, transferred; none when they went on in parts), the header decision and
 * the scan.
 */
export interface PreparedCsv {
  /** Empty when `parts`: the UTF-8 went to the page part by part (onPart). */
  utf8: Blob | Uint8Array[];
  parts: boolean;
  encoding: EncodingGuess;
  head: CsvHead;
  scan: CsvScan;
  size: number;
}

/** null: not a CSV the engine path takes (small, another format, an encoding chosen by hand …): parse as before. */
export type PrepareOutcome = { ok: true; prepared: PreparedCsv | null } | { ok: false; error: ImportFailure; probe: null };

/** A findings file read off the page (FindingsFilePanel); a refusal comes back as a value. */
export type FindingsOutcome = { ok: true; read: FindingsRead } | { ok: false; problem: FindingsFileProblem; detail?: { zh: string; en: string } };

export interface ImportWorkerApi {
  /** Read a review findings file (JSON or XLSX) with the importer's checks; nothing is stored here. */
  readFindings(file: File): Promise<FindingsOutcome>;
  /**
   * The engine path's part of a CSV import that needs the bytes: encoding, header, transcoding,
   * scan. `onHead` (a comlink proxy) is told the header decision as soon as it is made, so DuckDB
   * can read while the scan goes on: the parts of the file's UTF-8, which `onPart` is given
   * (transferred) as each is complete with the columns its read may type, or the file itself
   * when no parts are taken.
   */
  prepareCsv(
    file: File,
    options: ImportWorkerOptions,
    onProgress: (p: ImportWorkerProgress) => void,
    onHead?: (head: CsvHead, from: 'file' | 'parts') => void,
    onPart?: OnHandedPart,
    /** A part lane to the engine worker (engine/part-lane.ts): the parts go on it, and onPart is told what went. */
    lane?: { lane: string; port: MessagePort },
  ): Promise<PrepareOutcome>;
  /** Parse one file; `onProgress` is a comlink proxy, called at most every few hundred ms. */
  parse(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): Promise<ImportOutcome>;
  /** Stop the running parse between chunks; it then resolves with code 'cancelled'. */
  cancel(): void;
}
