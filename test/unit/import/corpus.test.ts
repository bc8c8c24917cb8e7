// DuckDB's own bad-CSV test files (../shared/corpus/duckdb-csv, see its README) given to the
// importer as ticket exports: each must end in a result or a typed ImportError with a one-line
// message, quickly; never an untyped throw or a hang.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, parseImport } from '$lib/import';
import { underCI } from '../../support/ci';
import { corpusDir, corpusFiles } from '../../support/corpus';

const corpus = corpusDir();
const files = corpusFiles(corpus);
const PER_FILE_MS = 5000;

describe.skipIf(files.length === 0)('bad-input corpus as ticket imports', () => {
  it.each(files)('%s ends in a result or a typed error', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(corpus, name)));
    const started = performance.now();
    const outcome = await parseImport({ name, bytes }, { table: 'tickets' }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(PER_FILE_MS);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ImportError);
      const e = outcome as ImportError;
      expect(e.zh.length).toBeGreaterThan(0);
      expect(e.message).not.toContain('\n');
    } else {
      expect(outcome).toHaveProperty('report.rowsRead');
    }
  });
});

// Without the corpus nothing above runs: a developer is told so, CI fails (a green run must mean the corpus was read).
it.runIf(files.length === 0)('bad-input corpus is present (CI requires it)', (context) => {
  const message = `import corpus not found at ${corpus} (CI puts shared/ beside the repository; CORPUS_DIR overrides)`;
  if (underCI()) expect.fail(message);
  console.warn(`import corpus test skipped: ${message}`);
  context.skip(message);
});
