// Importing one table's files in the order given, with the browser's pipeline: parseImport maps
// headers and coerces values, loadParsedImport upserts, so a later file's row replaces an earlier
// row with the same key exactly as it does on the data page.
import type { Engine } from '$lib/engine/types';
import {
  isImportError,
  loadParsedImport,
  openWorkbook,
  parseImport,
  parseImportWithEngine,
  sniffFormat,
  type ImportErrorCode,
  type ImportInput,
  type IssueCode,
  type ParsedImport,
} from '$lib/import';
import type { TableName } from '$lib/schema';
import { readInputFile } from './files';

/** metrics.md's `import.<table>` object, with its names. */
export interface ImportCounts {
  files: number;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  duplicates_replaced: number;
}

/** What one file's import found, for the stderr summary. */
export interface FileIssues {
  file: string;
  /** The sheet read, when the file is a workbook with more than one sheet. */
  sheet: string | null;
  /** Exact count per issue code (rejections and warnings). */
  counts: Partial<Record<IssueCode, number>>;
  /** Rows the CSV reader had to repair (unterminated quote, NUL bytes, …). */
  csvIssues: number;
}

export interface TableImport {
  counts: ImportCounts;
  files: FileIssues[];
}

export async function importFiles(engine: Engine, table: TableName, paths: readonly string[]): Promise<TableImport> {
  const counts: ImportCounts = { files: 0, rows_read: 0, rows_loaded: 0, rows_rejected: 0, duplicates_replaced: 0 };
  const files: FileIssues[] = [];
  for (const path of paths) {
    // One file at a time: only one file's rows are ever held in memory.
    const input = await readInputFile(path);
    // The option names the table, so a ticket file whose headers happen to score higher for
    // another table is still read as tickets, and one with no ticket id column is refused.
    const parsed = await parseTableFile(engine, input, table);
    const loaded = await loadParsedImport(engine, parsed);
    counts.files += 1;
    counts.rows_read += loaded.rowsRead;
    counts.rows_loaded += loaded.rowsLoaded;
    counts.rows_rejected += loaded.rowsRejected;
    counts.duplicates_replaced += loaded.duplicatesReplaced;
    files.push({ file: path, sheet: parsed.sheets.length > 1 ? parsed.sheet : null, counts: { ...parsed.report.counts }, csvIssues: parsed.csvIssueCount });
  }
  return { counts, files };
}

/** Failures that mean "this sheet is not the table", as opposed to "this file is unreadable". */
const WRONG_SHEET: ReadonlySet<ImportErrorCode> = new Set(['no-header', 'no-key-column', 'missing-required-column']);

/**
 * parseImport takes the sheet whose header fits the table best, and the data page lets the user
 * pick another. The command cannot ask, so if that sheet still does not load as the table, the
 * other sheets are tried in order; the first that loads is used and named on stderr. If none
 * does, the first error stands.
 */
async function parseTableFile(engine: Engine, input: ImportInput, table: TableName): Promise<ParsedImport> {
  try {
    // A big CSV is read by DuckDB and validated in SQL, with the same result (the data page's path).
    return await parseImportWithEngine(engine, input, { table });
  } catch (error) {
    if (!isImportError(error) || !WRONG_SHEET.has(error.code)) throw error;
    const { format } = sniffFormat(input.name, input.bytes);
    if (format !== 'xlsx' && format !== 'xls' && format !== 'html') throw error;
    const sheets = openWorkbook(input.name, input.bytes, format).sheets.filter((s) => s.rows > 0);
    for (const sheet of sheets.slice(1)) {
      try {
        return await parseImport(input, { table, sheet: sheet.name });
      } catch (other) {
        if (!isImportError(other) || !WRONG_SHEET.has(other.code)) throw other;
      }
    }
    throw error;
  }
}
