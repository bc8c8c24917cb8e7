// DuckDB's own bad-CSV test files (../shared/corpus/duckdb-csv, see its README) given to the
// importer as ticket exports: each must end in a result or a typed ImportError with a one-line
// message, quickly; never an untyped throw or a hang.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImportError, parseImport } from '$lib/import';

// CI copies shared/ beside the repository, so the corpus is found relative to the repo root.
const corpus = fileURLToPath(new URL('../../../../shared/corpus/duckdb-csv', import.meta.url));
const files = existsSync(corpus) ? readdirSync(corpus).sort() : [];
const PER_FILE_MS = 5000;

describe.skipIf(files.length === 0)('bad-input corpus as ticket imports', () => {
  it.each(files)('%s ends in a result or a typed error', async (name) => {
    const bytes = new Uint8Array(readFileSync(`${corpus}/${name}`));
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

it.runIf(files.length === 0)('bad-input corpus is absent: skipped', () => {
  console.warn(`import corpus test skipped: ${corpus} not found (CI puts shared/ beside the repository)`);
});
