// Why a report could not be produced, as the one line the command prints. Import failures keep
// the importer's own wording (ImportError), so the page and the command give the same reason.
import { isImportError } from '$lib/import';

/** A user-facing failure tied to a file (unreadable, not an export, bad settings file). */
export class ReportError extends Error {
  override readonly name = 'ReportError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * The one-line reason for a failure the user can act on, or null for anything else (a bug,
 * which the entry point reports differently). ImportError carries both languages.
 */
export function userFacingMessage(error: unknown): string | null {
  if (error instanceof ReportError) return error.message;
  if (isImportError(error)) {
    const where = error.file ? `${error.file}: ` : '';
    return oneLine(`${where}${error.en} (${error.zh})`);
  }
  return null;
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
