// Starts DuckDB-WASM from inside our engine worker. Under file:// nothing can be fetched, so the
// WASM arrives as base64 and DuckDB's own worker is started from a blob: URL this worker makes,
// with a prelude that answers DuckDB's fetch of the WASM from bytes handed over by message.
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbWorkerSource from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?raw';
import type { EngineStartOptions } from '../../../../workers/engine-api';

// Never fetched: the prelude below answers it from memory, and refuses every other URL. The
// reserved .invalid domain (RFC 2606) guarantees that even a bug could not reach a real host.
const WASM_PLACEHOLDER = 'https://duckdb.invalid/duckdb-eh.wasm';

/**
 * Runs before DuckDB's worker code. The first message carries the WASM bytes; fetch of the
 * placeholder URL then streams them (gunzipped when needed) as application/wasm so that
 * instantiateStreaming compiles while decompressing. Any other fetch is refused: the workbench
 * makes no network request.
 */
const PRELUDE = `
(() => {
  let resolveBytes;
  const bytes = new Promise((r) => (resolveBytes = r));
  self.addEventListener('message', function takeWasm(e) {
    if (e.data && e.data.__wasmBytes) {
      e.stopImmediatePropagation();
      self.removeEventListener('message', takeWasm);
      resolveBytes(e.data);
    }
  });
  // Time the WASM compile and instantiation where it happens, so the figure is DuckDB's own and
  // not delayed by whatever our worker is doing when the result arrives.
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const t0 = performance.now();
    const result = await instantiateStreaming(...args);
    const { compiling } = await bytes;
    compiling.postMessage({ instantiatedMs: performance.now() - t0 });
    return result;
  };
  self.fetch = async (input) => {
    const url = typeof input === 'string' ? input : input.url || String(input);
    if (url !== ${JSON.stringify(WASM_PLACEHOLDER)}) {
      throw new TypeError('network access is disabled in the workbench: ' + url);
    }
    const { __wasmBytes, encoding, compiling } = await bytes;
    compiling.postMessage({ started: true });
    let body = new Blob([__wasmBytes]).stream();
    if (encoding === 'gzip') body = body.pipeThrough(new DecompressionStream('gzip'));
    return new Response(body, { headers: { 'content-type': 'application/wasm' } });
  };
})();
`;

function base64ToBytes(base64: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (fromBase64) return fromBase64(base64);
  // Older Chrome/Edge lack Uint8Array.fromBase64.
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export interface BootedDuckDB {
  db: duckdb.AsyncDuckDB;
  decodeMs: number;
  instantiateMs: number;
}

export interface Booting {
  /** Resolves once DuckDB's worker has begun compiling: from then on it needs nothing from us. */
  compiling: Promise<void>;
  /** WASM compile + instantiate time measured inside DuckDB's worker. */
  instantiatedMs: Promise<number>;
  booted: Promise<BootedDuckDB>;
}

export function bootDuckDB(options: EngineStartOptions): Booting {
  const signal = new MessageChannel();
  let started: () => void = () => undefined;
  let instantiated: (ms: number) => void = () => undefined;
  const compiling = new Promise<void>((resolve) => (started = resolve));
  const instantiatedMs = new Promise<number>((resolve) => (instantiated = resolve));
  signal.port1.onmessage = (event: MessageEvent<{ started?: boolean; instantiatedMs?: number }>) => {
    if (event.data.started) started();
    if (event.data.instantiatedMs !== undefined) {
      instantiated(event.data.instantiatedMs);
      signal.port1.close();
    }
  };
  return { compiling, instantiatedMs, booted: instantiate(options, signal.port2) };
}

async function instantiate(options: EngineStartOptions, compilingPort: MessagePort): Promise<BootedDuckDB> {
  const t0 = performance.now();
  const wasm = base64ToBytes(options.wasmBase64);
  const decodeMs = performance.now() - t0;

  const workerUrl = URL.createObjectURL(new Blob([PRELUDE, duckdbWorkerSource], { type: 'text/javascript' }));
  const worker = new Worker(workerUrl);
  worker.postMessage({ __wasmBytes: wasm, encoding: options.wasmEncoding, compiling: compilingPort }, [wasm.buffer, compilingPort]);

  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const t1 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`DuckDB did not start within ${options.instantiateTimeoutMs} ms`)),
      options.instantiateTimeoutMs,
    );
  });
  try {
    await Promise.race([db.instantiate(WASM_PLACEHOLDER), timeout]);
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
    URL.revokeObjectURL(workerUrl);
  }
  return { db, decodeMs, instantiateMs: performance.now() - t1 };
}
