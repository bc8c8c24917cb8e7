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
  /** WASM compile + instantiate, DuckDB's own start cost. */
  instantiateMs: number;
}

/**
 * Within this worker, fetch serves the WASM placeholder and nothing else: the workbench makes no
 * network request, and DuckDB's HTTP file system (if a statement asked for a URL) gets an error
 * instead of a connection.
 */
function serveWasmOnly(wasm: Uint8Array, encoding: EngineStartOptions['wasmEncoding']): void {
  self.fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== WASM_PLACEHOLDER) throw new TypeError(`network access is disabled in the workbench: ${url}`);
    const body = encoding === 'gzip' ? inflateStream(wasm, 'gzip') : (wasm as Uint8Array<ArrayBuffer>);
    return new Response(body, { headers: { 'content-type': 'application/wasm' } });
  };
}

export async function bootDuckDB(options: EngineStartOptions): Promise<BootedDuckDB> {
  performance.mark('engine:decode');
  const t0 = performance.now();
  const wasm = decodeBase64(options.wasmBase64);
  const decodeMs = performance.now() - t0;
  serveWasmOnly(wasm, options.wasmEncoding);

  const bundles = { mvp: { mainModule: WASM_PLACEHOLDER, mainWorker: '' }, eh: { mainModule: WASM_PLACEHOLDER, mainWorker: '' } };
  // File reads are counted for the import bench's per-statement figures (statement-log.ts).
  const runtime = countFileReads(duckdb.BROWSER_RUNTIME as unknown as { readFile: (...args: never[]) => number }) as unknown as typeof duckdb.BROWSER_RUNTIME;
  const bindings = (await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), runtime)) as DuckDBBindings;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DuckDB did not start within ${options.instantiateTimeoutMs} ms`)), options.instantiateTimeoutMs);
  });
  performance.mark('engine:instantiate');
  const t1 = performance.now();
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
