// Is gzipping the WASM worth it? The same build twice: as shipped (gzip, decompressed in the
// worker by DecompressionStream) and with the raw WASM as base64. Bytes on disk, and the time to
// instantiate DuckDB from a fresh profile, alternating the two so load drifts hit both alike.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { binaryPayloadScript } from '../scripts/payload-script.mjs';
import { freshContext } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';

interface Variant {
  name: string;
  dir: string;
  scriptBytes: number;
  instantiateMs: number[];
  engineStartedMs: number[];
}

function rawVariant(buildDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-wasm-'));
  cpSync(buildDir, dir, { recursive: true });
  const require = createRequire(resolve('package.json'));
  const wasm = readFileSync(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  writeFileSync(join(dir, 'engine', 'duckdb-eh.wasm.js'), binaryPayloadScript('duckdb-eh.wasm', 'identity', wasm));
  return dir;
}

async function openOnce(dir: string): Promise<{ instantiate: number; started: number }> {
  const { context, close } = await freshContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${pathToFileURL(join(dir, 'index.html')).href}#/`);
    await page.waitForFunction(() => performance.getEntriesByName('workbench:engine-started').length > 0, null, { timeout: 120_000 });
    return await page.evaluate(() => {
      const mark = performance.getEntriesByName('workbench:engine-started')[0] as PerformanceMark;
      const detail = mark.detail as { info: { timings: { instantiateMs: number } } };
      return { instantiate: detail.info.timings.instantiateMs, started: mark.startTime };
    });
  } finally {
    await close();
  }
}

export async function benchWasmEncoding(runs: number): Promise<Variant[]> {
  const build = resolve(process.env.BUILD_DIR ?? 'build');
  const raw = rawVariant(build);
  const variants: Variant[] = [
    { name: 'gzip (shipped)', dir: build, scriptBytes: statSync(join(build, 'engine', 'duckdb-eh.wasm.js')).size, instantiateMs: [], engineStartedMs: [] },
    { name: 'raw', dir: raw, scriptBytes: statSync(join(raw, 'engine', 'duckdb-eh.wasm.js')).size, instantiateMs: [], engineStartedMs: [] },
  ];
  try {
    for (let i = 0; i < runs; i++) {
      for (const v of variants) {
        const r = await openOnce(v.dir);
        v.instantiateMs.push(r.instantiate);
        v.engineStartedMs.push(r.started);
      }
    }
  } finally {
    rmSync(raw, { recursive: true, force: true });
  }
  return variants;
}

export function reportWasmEncoding(variants: Variant[]): string[] {
  const [gz, raw] = variants;
  const lines = [`WASM as gzip vs raw base64 (file://, fresh profile, medians of ${gz.instantiateMs.length}, alternating)`];
  for (const v of variants) {
    lines.push(`  ${v.name.padEnd(15)} script ${(v.scriptBytes / 1e6).toFixed(1).padStart(5)} MB  instantiate ${fmtMs(median(v.instantiateMs)).padStart(8)}  navigation → engine ready ${fmtMs(median(v.engineStartedMs)).padStart(8)}`);
  }
  lines.push(`  size gzip/raw ${fmtRatio(gz.scriptBytes / raw.scriptBytes)}   engine ready gzip/raw ${fmtRatio(median(gz.engineStartedMs) / median(raw.engineStartedMs))}`);
  return lines;
}
