// DuckDB's WASM travels as a classic script beside index.html (scripts/embed-wasm.mjs): the one
// way to bring 7.7 MB of binary into a file:// page, where fetch() of file: URLs is refused.

interface EmbeddedWasm {
  encoding: 'gzip' | 'identity';
  base64: string;
}

declare global {
  // eslint-disable-next-line no-var
  var __duckdbWasm: EmbeddedWasm | undefined;
}

export function loadEmbeddedWasm(src: string, timeoutMs: number): Promise<EmbeddedWasm> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    const timer = setTimeout(() => fail(new Error(`${src} did not load within ${timeoutMs} ms`)), timeoutMs);
    function cleanUp() {
      clearTimeout(timer);
      script.remove();
    }
    function fail(error: Error) {
      cleanUp();
      reject(error);
    }
    script.onload = () => {
      const wasm = globalThis.__duckdbWasm;
      // Drop the global at once: it is a 10 MB string the page no longer needs.
      globalThis.__duckdbWasm = undefined;
      cleanUp();
      if (wasm) resolve(wasm);
      else reject(new Error(`${src} loaded but defined no DuckDB WASM`));
    };
    script.onerror = () => fail(new Error(`${src} could not be loaded (missing from the build?)`));
    document.head.append(script);
  });
}
