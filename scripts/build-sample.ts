// Builds the embedded sample (示例数据) in the engine's own form: the seeded generator's rows,
// loaded by native DuckDB with the declared column types and written as a DuckDB database file,
// gzipped into a classic script beside index.html (static/engine/sample.js). At open the engine
// attaches these bytes read-only: no row is generated, encoded or inserted in the browser.
//
// Why native DuckDB writes it: DuckDB-WASM cannot write a database file and read it back out
// (file-protocol.md; its Node runtime leaves the catalog in the WAL). The file is written with
// STORAGE_VERSION 'v1.4.0', the format of the DuckDB inside DuckDB-WASM, and is then checked by
// opening it with that very engine (DuckDB-WASM in Node) and comparing every column's
// fingerprint with the generator's rows; a mismatch fails the build.
//
//   tsx scripts/build-sample.ts           → static/engine/sample.js (skipped when unchanged)
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { NodeEngine } from '../src/lib/engine/node-engine';
import { SAMPLE_FILE } from '../src/lib/engine/types';
import { TABLES, TABLE_NAMES, type TableName } from '../src/lib/schema/tables';
import { trusted } from '../src/lib/sql';
import { readCanonicalCsvSql, writeCanonicalCsv } from '../sample-data/canonical-csv';
import { binaryPayloadScript } from './payload-script.mjs';
import { compareFingerprints, fingerprintColumns, fingerprintFromRow, fingerprintSql } from '../sample-data/fingerprint';
import { generateSample } from '../sample-data/generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'static', 'engine', 'sample.js');
// Outside static/, so the stamp is not copied into the site.
const stampFile = join(root, 'node_modules', '.cache', 'workbench-build', 'sample.stamp');
const SAMPLE_TABLES: readonly TableName[] = TABLE_NAMES;
/** DuckDB-WASM 1.32 runs DuckDB 1.4.3: its storage format is the one to write. */
const STORAGE_VERSION = 'v1.4.0';

function stamp(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'out') walk(path);
      } else if (entry.name.endsWith('.ts')) hash.update(path).update(readFileSync(join(root, path)));
    }
  };
  walk('sample-data');
  walk('src/lib/schema');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(join(root, 'scripts', 'payload-script.mjs')));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

async function writeDatabase(dir: string): Promise<{ bytes: Buffer; expected: Map<TableName, ReturnType<typeof fingerprintColumns>> }> {
  const sample = generateSample();
  const path = join(dir, 'sample.duckdb');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  await conn.run(`ATTACH '${path}' AS sample (STORAGE_VERSION '${STORAGE_VERSION}')`);
  const expected = new Map<TableName, ReturnType<typeof fingerprintColumns>>();
  for (const name of SAMPLE_TABLES) {
    const csv = join(dir, `${name}.csv`);
    await writeCanonicalCsv(csv, TABLES[name], sample[name as keyof typeof sample] as never);
    await conn.run(`CREATE TABLE sample.main."${name}" AS SELECT * FROM ${readCanonicalCsvSql(csv, TABLES[name])}`);
    expected.set(name, fingerprintColumns(TABLES[name], sample[name as keyof typeof sample] as never));
  }
  await conn.run('DETACH sample');
  conn.closeSync();
  instance.closeSync();
  return { bytes: readFileSync(path), expected };
}

/** Open the file with DuckDB-WASM, the browser's engine, and compare it with the generator's rows. */
async function verify(bytes: Buffer, expected: Map<TableName, ReturnType<typeof fingerprintColumns>>): Promise<void> {
  const engine = await NodeEngine.start();
  try {
    engine.registerBuffer(SAMPLE_FILE, new Uint8Array(bytes));
    await engine.exec(trusted(`ATTACH '${SAMPLE_FILE}' AS sample (READ_ONLY)`));
    for (const [name, want] of expected) {
      const row = (await engine.query(trusted(fingerprintSql(TABLES[name], `sample.main."${name}"`)))).toArray()[0]?.toJSON();
      const problems = compareFingerprints(want, fingerprintFromRow(TABLES[name], row ?? {}));
      if (problems.length) throw new Error(`build-sample: ${name} in the database differs from the generator:\n  ${problems.join('\n  ')}`);
      // The worker takes each table's row count from DuckDB's stored count (sample.ts): exact here.
      const stored = (await engine.query(trusted(`SELECT estimated_size::BIGINT AS n FROM duckdb_tables() WHERE database_name = 'sample' AND table_name = '${name}'`))).toArray()[0]?.n;
      if (Number(stored) !== want.rows) throw new Error(`build-sample: ${name} stores a row count of ${stored}, the generator made ${want.rows}`);
    }
  } finally {
    engine.close();
  }
}

async function main(): Promise<void> {
  const current = stamp();
  if (existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === current && !process.argv.includes('--force')) {
    console.log('build-sample: unchanged');
    return;
  }
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'workbench-sample-'));
  try {
    const { bytes, expected } = await writeDatabase(dir);
    await verify(bytes, expected);
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    mkdirSync(dirname(out), { recursive: true });
    // A global assignment, not a module: the page loads it with a classic <script src>.
    // The row counts travel beside the bytes (checked against DuckDB's own above), so that binding
    // the sample asks DuckDB's catalog nothing before the first figure (worker/sample.ts).
    const rows = Object.fromEntries(SAMPLE_TABLES.map((t) => [t, expected.get(t)!.rows]));
    writeFileSync(out, binaryPayloadScript('sample', 'gzip', gz, { rows }));
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, current);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    console.log(
      `build-sample: ${SAMPLE_TABLES.map((t) => `${t} ${expected.get(t)!.rows}`).join(', ')} → DuckDB ${mb(bytes.length)} MB → gzip ${mb(gz.length)} MB → ${relative(root, out)} (${Math.round(performance.now() - t0)} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
