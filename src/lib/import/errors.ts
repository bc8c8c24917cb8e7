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
