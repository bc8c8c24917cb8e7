// Where the bad-input corpus is (../shared/corpus/duckdb-csv beside the repository, see its
// README), overridable with CORPUS_DIR, and which files it holds. Found relative to this file, not
// to the working directory or an absolute path, so any checkout finds its own.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function corpusDir(): string {
  return process.env.CORPUS_DIR ? resolve(process.env.CORPUS_DIR) : fileURLToPath(new URL('../../../shared/corpus/duckdb-csv', import.meta.url));
}

/** The corpus files, sorted; empty when the folder is missing or empty. */
export function corpusFiles(dir = corpusDir()): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')).sort() : [];
}
