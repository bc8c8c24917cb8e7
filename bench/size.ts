// What a user copies to the shared drive: the build folder, and the shares of the engine's WASM
// and the embedded sample in it.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [{ path: join(dir, e.name), bytes: statSync(join(dir, e.name)).size }],
  );
}

export function reportSiteSize(buildDir = process.env.BUILD_DIR ?? 'build'): string[] {
  const all = files(buildDir).map((f) => ({ ...f, path: relative(buildDir, f.path) }));
  const total = all.reduce((n, f) => n + f.bytes, 0);
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const share = (path: string) => {
    const bytes = all.find((f) => f.path === path)?.bytes ?? 0;
    return `${mb(bytes).padStart(8)}  ${((bytes / total) * 100).toFixed(0).padStart(3)} %`;
  };
  return [
    `site size (${buildDir}/, ${all.length} files)`,
    `  total                               ${mb(total).padStart(8)}`,
    `  DuckDB WASM (engine/duckdb-eh.wasm.js)  ${share('engine/duckdb-eh.wasm.js')}`,
    `  sample (engine/sample.js)           ${share('engine/sample.js')}`,
    `  app (index.html, inline script)     ${share('index.html')}`,
    `  workers and office libraries        ${mb(all.filter((f) => /^engine\/(engine-worker|import-worker|office)\.js$/.test(f.path)).reduce((n, f) => n + f.bytes, 0)).padStart(8)}`,
  ];
}
