#!/usr/bin/env node
// Builds the code that is not part of the inline app bundle as classic scripts beside index.html
// (static/engine/<name>.js). A file:// page cannot start `new Worker('./x.js')`, fetch a file or
// import() it, but it can load a classic <script src> (src/lib/platform/classic-script.ts):
//   - a worker's script carries the worker's source as a string; the page makes a blob: worker of
//     it. The engine's starts loading at once beside the app, the import worker's only when a file
//     is first chosen;
//   - a library script (the office formats: SheetJS, PptxGenJS) runs and leaves its exports in a
//     global table, loaded the first time an export or a findings file needs it.
// Neither costs the first figure anything.
//   node scripts/build-side-scripts.mjs      → every script (skipped when nothing changed)
import { build } from 'esbuild';
import { duckdbEhOnly } from './duckdb-eh-only.mjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'static', 'engine');

/** name → entry and kind. The name is the global key and the file name. */
export const SCRIPTS = {
  'engine-worker': { entry: 'workers/engine.worker.ts', kind: 'worker' },
  'import-worker': { entry: 'workers/import.worker.ts', kind: 'worker' },
  office: { entry: 'src/lib/platform/office-script.ts', kind: 'library' },
};

// The browser build of DuckDB-WASM's synchronous bindings is in the package's dist but not in its
// exports map; the engine worker imports it by this name.
const blockingBrowser = join(root, 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs');

/** Every source a worker may import, so an unchanged tree skips the build. */
function sourceStamp() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs|json)$/.test(entry.name)) hash.update(path).update(readFileSync(join(root, path)));
    }
  };
  for (const dir of ['src/lib', 'workers', 'sample-data']) walk(dir);
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(join(root, 'scripts', 'duckdb-eh-only.mjs')));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

async function buildScript(name, { entry, kind }) {
  // esbuild rather than Vite: one self-contained classic (iife) bundle per script is exactly its
  // job, whereas Vite 8's client build refuses iife output for this entry's module graph.
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    alias: {
      $lib: join(root, 'src/lib'),
      $workers: join(root, 'workers'),
      '@duckdb/duckdb-wasm/blocking-browser': blockingBrowser,
    },
    plugins: [duckdbEhOnly(blockingBrowser)],
  });
  const code = result.outputFiles[0].text;
  // A global assignment, not a module: the page loads it with a classic <script src>. A library
  // assigns its own exports (see its entry); a worker's source is kept as text for a blob: URL.
  const body = kind === 'library' ? code : `(self.__workbenchScripts=self.__workbenchScripts||{})[${JSON.stringify(name)}]=${JSON.stringify(code)};\n`;
  const out = join(outDir, `${name}.js`);
  writeFileSync(out, body);
  return { out, bytes: body.length };
}

mkdirSync(outDir, { recursive: true });
const stamp = sourceStamp();
// Outside static/, so the stamp is not copied into the site.
const stampFile = join(root, 'node_modules', '.cache', 'workbench-build', 'side-scripts.stamp');
const fresh =
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp &&
  Object.keys(SCRIPTS).every((name) => existsSync(join(outDir, `${name}.js`)));
if (fresh && !process.argv.includes('--force')) {
  console.log('build-side-scripts: unchanged');
} else {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    const t0 = performance.now();
    const { out, bytes } = await buildScript(name, script);
    console.log(`build-side-scripts: ${script.entry} → ${relative(root, out)} (${(bytes / 1e6).toFixed(2)} MB, ${Math.round(performance.now() - t0)} ms)`);
  }
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, stamp);
}
