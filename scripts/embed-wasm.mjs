#!/usr/bin/env node
// Writes DuckDB's WASM as a classic script beside index.html. Chromium refuses fetch() of file:
// URLs, but a relative <script src> loads, so the binary travels as base64 (scripts/payload-script.mjs). Gzip first:
// 34 MB of WASM become ≈ 7.6 MB (≈ 10 MB as base64), decompressed in the worker with
// DecompressionStream while it streams into WebAssembly.instantiateStreaming.
//   node scripts/embed-wasm.mjs            → static/engine/duckdb-eh.wasm.js (gzip)
//   node scripts/embed-wasm.mjs --raw      → also static/engine/duckdb-eh.raw.wasm.js (for the bench)
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryPayloadScript } from './payload-script.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const wasmPath = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
const outDir = join(root, 'static', 'engine');
mkdirSync(outDir, { recursive: true });

function write(file, bytes, encoding) {
  const out = join(outDir, file);
  if (existsSync(out) && statSync(out).mtimeMs > statSync(wasmPath).mtimeMs && statSync(out).mtimeMs > statSync(fileURLToPath(import.meta.url)).mtimeMs && statSync(out).mtimeMs > statSync(join(root, 'scripts', 'payload-script.mjs')).mtimeMs) return out;
  // A global assignment, not a module: the page loads it with a classic <script src>
  // (src/lib/platform/classic-script.ts reads the table).
  writeFileSync(out, binaryPayloadScript('duckdb-eh.wasm', encoding, bytes));
  return out;
}

const wasm = readFileSync(wasmPath);
const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION });
const out = write('duckdb-eh.wasm.js', gz, 'gzip');
console.log(`embed-wasm: ${(wasm.length / 1e6).toFixed(1)} MB wasm → ${(gz.length / 1e6).toFixed(1)} MB gzip → ${out}`);
if (process.argv.includes('--raw')) {
  const raw = write('duckdb-eh.raw.wasm.js', wasm, 'identity');
  console.log(`embed-wasm: uncompressed variant → ${raw}`);
}
