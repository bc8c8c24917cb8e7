// Starts DuckDB-WASM inside the engine worker itself, with its synchronous bindings: queries then
// run in the thread that receives them (one hop from the page) instead of in a second worker
// behind this one. Under file:// nothing can be fetched, so the WASM arrives as base64 from the
// page, and DuckDB's fetch of its module is answered from those bytes, gunzipped by
// DecompressionStream while WebAssembly.instantiateStreaming compiles (platform/inflate.ts).
import * as duckdb from '@duckdb/duckdb-wasm/blocking-browser';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import type { EngineStartOptions } from '../../../../workers/engine-api';
import { decodeBase64 } from '$lib/platform/base64';
import { inflateStream } from '$lib/platform/inflate';
import { countFileReads } from '../statement-log';

// Never fetched from the network: the fetch below answers it from memory and refuses every other
// URL. The reserved .invalid domain (RFC 2606) guarantees that even a bug could not reach a host.
const WASM_PLACEHOLDER = 'https://duckdb.invalid/duckdb-eh.wasm';

export interface BootedDuckDB {
  bindings: DuckDBBindings;
  decodeMs: number;
  /** WASM compile + instantiate, DuckDB's own start cost (with a module compiled elsewhere: the wait for it, and the instantiation). */
  instantiateMs: number;
}

/**
 * Within this worker, fetch serves the WASM placeholder and nothing else: the workbench makes no
 * network request, and DuckDB's HTTP file system (if a statement asked for a URL) gets an error
 * instead of a connection.
 */
function serveWasmOnly(wasm: Uint8Array | null, encoding: EngineStartOptions['wasmEncoding']): void {
  self.fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== WASM_PLACEHOLDER || !wasm) throw new TypeError(`network access is disabled in the workbench: ${url}`);
    const body = encoding === 'gzip' ? inflateStream(wasm, 'gzip') : (wasm as Uint8Array<ArrayBuffer>);
    return new Response(body, { headers: { 'content-type': 'application/wasm' } });
  };
}

/** How long the module compiled elsewhere is waited for before this worker compiles it itself. */
const COMPILED_MODULE_WAIT_MS = 20_000;

let moduleArrived: (module: WebAssembly.Module | null) => void = () => undefined;
const moduleArrival = new Promise<WebAssembly.Module | null>((resolve) => {
  moduleArrived = resolve;
});

/**
 * The module app.html compiled in a worker of its own (a WebAssembly.Module does not pass between
 * two workers over a MessagePort here, so the page hands it on); null when it could not.
 */
export function provideCompiledModule(module: unknown): void {
  if (!(module instanceof WebAssembly.Module)) console.warn('DuckDB was not compiled beside the engine worker; it is compiled here');
  moduleArrived(module instanceof WebAssembly.Module ? module : null);
}

function compiledModule(): Promise<WebAssembly.Module | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`DuckDB's module did not arrive within ${COMPILED_MODULE_WAIT_MS} ms; it is compiled here`);
      resolve(null);
    }, COMPILED_MODULE_WAIT_MS);
  });
  return Promise.race([moduleArrival, gaveUp]).finally(() => clearTimeout(timer));
}

/**
 * DuckDB-WASM's bindings instantiate from the compiled module instead of fetching and compiling:
 * their `instantiateWasm` is what Emscripten calls, and it also sets the file runtime DuckDB's
 * imports use. A failure rejects `failed`.
 */
function instantiateFrom(bindings: DuckDBBindings, module: WebAssembly.Module, failed: (error: unknown) => void): void {
  const target = bindings as unknown as {
    _runtime: unknown;
    instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => unknown;
  };
  target.instantiateWasm = (imports, done) => {
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = target._runtime;
    WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), failed);
    return [];
  };
}

export async function bootDuckDB(options: EngineStartOptions): Promise<BootedDuckDB> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: (error: unknown) => void = () => undefined;
  const timeout = new Promise<never>((_, reject) => {
    fail = reject;
    timer = setTimeout(() => reject(new Error(`DuckDB did not start within ${options.instantiateTimeoutMs} ms`)), options.instantiateTimeoutMs);
  });
  // Waiting for the module is DuckDB's compile, done elsewhere: it counts as instantiation.
  const waitedFrom = performance.now();
  if (options.wasmCompiledElsewhere) performance.mark('engine:module-wait');
  const compiled = options.wasmCompiledElsewhere ? await compiledModule() : null;
  performance.mark('engine:decode');
  const t0 = performance.now();
  const wasm = compiled ? null : decodeBase64(options.wasmBase64);
  const decodeMs = performance.now() - t0;
  serveWasmOnly(wasm, options.wasmEncoding);

  const bundles = { mvp: { mainModule: WASM_PLACEHOLDER, mainWorker: '' }, eh: { mainModule: WASM_PLACEHOLDER, mainWorker: '' } };
  // File reads are counted for the import bench's per-statement figures (statement-log.ts).
  const runtime = countFileReads(duckdb.BROWSER_RUNTIME as unknown as { readFile: (...args: never[]) => number }) as unknown as typeof duckdb.BROWSER_RUNTIME;
  const bindings = (await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), runtime)) as DuckDBBindings;
  if (compiled) instantiateFrom(bindings, compiled, fail);
  performance.mark('engine:instantiate');
  const t1 = compiled ? waitedFrom : performance.now();
  try {
    // db.instantiate() hangs forever when the module cannot load: always race it (file-protocol.md).
    await Promise.race([bindings.instantiate(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
  const instantiateMs = performance.now() - t1;
  performance.mark('engine:instantiated');
  return { bindings, decodeMs, instantiateMs };
}
