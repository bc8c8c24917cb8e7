// Every way an import can fail as a whole, with a one-line reason in Chinese (for the page) and
// English (for the report command and logs). The UI and the CLI switch on `code`, never on text.

export type ImportErrorCode =
  | 'empty-file'
  | 'image-file'
  | 'pdf-file'
  | 'compressed-file'
  | 'binary-file'
  | 'unsupported-format'
  | 'corrupt-spreadsheet'
  | 'spreadsheet-too-large'
  | 'too-many-columns'
  | 'cell-too-long'
  | 'sheet-not-found'
  | 'corrupt-parquet'
  | 'invalid-json'
  | 'encoding-changed'
  | 'no-header'
  | 'no-key-column'
  | 'missing-required-column'
  | 'unknown-table'
  | 'cancelled'
  | 'too-large'
  | 'load-failed';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${en}` : en);
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

/** Wrap anything a third-party reader throws, so that callers only ever see an ImportError. */
export function asImportError(e: unknown, code: ImportErrorCode, zh: string, en: string, file?: string): ImportError {
  if (e instanceof ImportError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  // Library messages can be multi-line stack-ish text; the contract is one line.
  const oneLine = detail.split('\n')[0].slice(0, 200);
  return new ImportError(code, zh, oneLine ? `${en} (${oneLine})` : en, file);
}

export function cancelled(file?: string): ImportError {
  return new ImportError('cancelled', '导入已取消', 'import cancelled', file);
}

export function throwIfAborted(signal: AbortSignal | undefined, file?: string): void {
  if (signal?.aborted) throw cancelled(file);
}

/**
 * DuckDB ends a statement that would take it past its memory limit with an "Out of Memory Error"
 * and stays usable (what the statement made is rolled back), so this is a verdict on the file's
 * size, not a broken engine.
 */
export function isOutOfMemory(error: unknown): boolean {
  return /Out of Memory Error/i.test(error instanceof Error ? error.message : String(error));
}

export function outOfMemory(file?: string): ImportError {
  return new ImportError(
    'too-large',
    '内存不足：浏览器中的数据库最多使用约 3 GB 内存，放不下这个文件的数据；已导入的数据未受影响。请按月份拆分后分别导入',
    'out of memory: the in-browser database has about 3 GB of memory and the rows of this file do not fit beside the loaded data; the loaded data is unchanged. Split the file by month and import the parts',
    file,
  );
}
