// Under file:// a classic <script src> with a relative path is the one way to bring a file into
// the page: Chromium refuses fetch, import() and new Worker(url) there (file-protocol.md). So
// everything that is not the app itself travels as a side script that assigns a global: DuckDB's
// WASM, the sample database, each worker's source, the export font. Each is loaded once, when
// first asked for, and may already be on its way: app.html starts the engine's scripts before
// the app has even parsed.

import { nextTask } from './next-task';

/** What the side scripts assign: a name → payload table (see scripts/build-workers.mjs). */
declare global {
  // eslint-disable-next-line no-var
  var __workbenchScripts: Record<string, unknown> | undefined;
  // eslint-disable-next-line no-var
  var __workbenchPreload:
    | (Record<string, Promise<void>> & {
        engineWorker?: Promise<Worker>;
        /** Resolves true once app.html handed the sample's bytes to the engine worker, null when it did not. */
        sample?: Promise<true | null>;
      })
    | undefined;
}

/** The payload of a base64 side script (the WASM, the sample database). */
export interface BinaryPayload {
  encoding: 'gzip' | 'identity';
  base64: string;
}

/** A side script that could not be loaded: the build folder is incomplete (or a file was blocked). */
export class ScriptLoadError extends Error {
  constructor(readonly path: string, reason: 'missing' | 'timeout' | 'empty') {
    super(
      reason === 'missing'
        ? `${path} could not be loaded (missing from the build?)`
        : reason === 'timeout'
          ? `${path} did not load in time`
          : `${path} loaded but defined nothing the workbench expected`,
    );
    this.name = 'ScriptLoadError';
  }
}

const loading = new Map<string, Promise<void>>();

function scriptElement(path: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(path, document.baseURI).href;
    script.onload = () => {
      script.remove();
      resolve();
    };
    script.onerror = () => {
      script.remove();
      reject(new ScriptLoadError(path, 'missing'));
    };
    document.head.append(script);
  });
}

/** Load a side script once; concurrent and later calls share the first load. */
export function loadScript(path: string, timeoutMs = 120_000): Promise<void> {
  let pending = loading.get(path) ?? globalThis.__workbenchPreload?.[path];
  if (!pending) {
    pending = scriptElement(path);
    loading.set(path, pending);
    pending.catch(() => loading.delete(path));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScriptLoadError(path, 'timeout')), timeoutMs);
  });
  // The preload in app.html rejects with a plain Error: name the file the same way.
  const named = pending.catch((error: unknown) => {
    throw error instanceof ScriptLoadError ? error : new ScriptLoadError(path, 'missing');
  });
  return Promise.race([named, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The payload a side script put under `name`, taken out of the global table so a large string
 * (the WASM is 10 MB of base64) is not kept alive by it. The load is forgotten with it: taking the
 * payload again (the sample, when a session goes back to it after letting it go) loads the file
 * again.
 */
export async function takeScriptPayload<T>(path: string, name: string): Promise<T> {
  const loadedBefore = loading.has(path) || globalThis.__workbenchPreload?.[path] !== undefined;
  await loadScript(path);
  let payload = takeGlobal(name);
  if (payload === undefined && loadedBefore) {
    // Loaded and taken before (app.html hands the sample's bytes straight to the engine worker):
    // the file is loaded again.
    forgetLoad(path);
    await loadScript(path);
    payload = takeGlobal(name);
  }
  forgetLoad(path);
  if (payload === undefined) throw new ScriptLoadError(path, 'empty');
  return payload as T;
}

function takeGlobal(name: string): unknown {
  const table = globalThis.__workbenchScripts ?? {};
  const payload = table[name];
  delete table[name];
  return payload;
}

/** Forget that `path` was loaded (by loadScript or app.html), so that the next load reads the file again. */
function forgetLoad(path: string): void {
  loading.delete(path);
  if (globalThis.__workbenchPreload) delete globalThis.__workbenchPreload[path];
}

const workerUrls = new Map<string, Promise<string>>();

/** Characters of a source put into one Blob part per task. */
const SLICE_CHARS = 128 * 1024;

/**
 * A Blob of a long string made a slice per task: one Blob of the import worker's 0.9 MB source
 * was a main-thread task of ~100 ms when the first file was chosen (a CPU profile of an import).
 * Slices never split a surrogate pair, which would turn the character into U+FFFD.
 */
async function blobInSlices(source: string, type: string): Promise<Blob> {
  const parts: Blob[] = [];
  for (let at = 0; at < source.length; ) {
    let end = Math.min(source.length, at + SLICE_CHARS);
    const last = source.charCodeAt(end - 1);
    if (end < source.length && last >= 0xd800 && last <= 0xdbff) end++;
    parts.push(new Blob([source.slice(at, end)]));
    at = end;
    if (at < source.length) await nextTask();
  }
  return new Blob(parts, { type });
}

/**
 * A classic worker from a side script that carries the worker's source (scripts/build-workers.mjs).
 * The source stays in a blob: URL, so further workers of the same kind (one import worker per
 * file) are made without loading it again.
 */
export async function scriptWorker(name: string): Promise<Worker> {
  return new Worker(await workerUrl(name), { name });
}

/**
 * Load a worker's side script and make its blob: URL now, without starting the worker: the page
 * does it while idle, so the first file chosen does not pay the script's parse on the main thread.
 */
export function warmScriptWorker(name: string): void {
  workerUrl(name).catch(() => undefined);
}

function workerUrl(name: string): Promise<string> {
  let url = workerUrls.get(name);
  if (!url) {
    url = takeScriptPayload<string>(`engine/${name}.js`, name).then(async (source) => URL.createObjectURL(await blobInSlices(source, 'text/javascript')));
    workerUrls.set(name, url);
    url.catch(() => workerUrls.delete(name));
  }
  return url;
}
