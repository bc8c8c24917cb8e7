// DuckDB's instantiation with nothing else in the page: the built engine worker and WASM, started
// as app.html starts them, in a page of their own (no app to parse, no sample to decode). On the
// workbench's page the instantiation shares two cores with the app's parse and the sample's
// decoding, so it takes longer there; this is DuckDB's own start on the same machine, in the same
// run, for a steadier base of the cold open's ratio.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from '@playwright/test';

/** The page: the two side scripts, then the start app.html posts, then comlink's call of start() for its timings. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>engine alone</title>
<script src="engine/engine-worker.js"></script>
<script src="engine/duckdb-eh.wasm.js"></script>
<script>
  (function () {
    var scripts = self.__workbenchScripts;
    var wasm = scripts['duckdb-eh.wasm'];
    var text = typeof wasm.base64 === 'string' ? wasm.base64 : Function.prototype.toString.call(wasm.base64);
    var base64 = typeof wasm.base64 === 'string' ? text : text.slice(text.indexOf('/*') + 2, text.lastIndexOf('*/'));
    var worker = new Worker(URL.createObjectURL(new Blob([scripts['engine-worker']], { type: 'text/javascript' })));
    worker.addEventListener('message', function (e) {
      if (e.data && e.data.id === 'bench-start') self.__engineAlone = e.data;
    });
    worker.postMessage({ workbenchStart: { wasmBase64: base64, wasmEncoding: wasm.encoding, instantiateTimeoutMs: 60000 } });
    // comlink's wire format (4.x): the worker's exposed service answers { id, type: 'RAW', value }.
    worker.postMessage({ id: 'bench-start', type: 'APPLY', path: ['start'], argumentList: [] });
  })();
</script>`;

export interface EngineAlone {
  /** The page's folder (the build's engine/ linked in); remove with `dispose`. */
  url: string;
  dispose: () => void;
}

export function engineAlonePage(): EngineAlone {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-alone-'));
  symlinkSync(resolve(process.env.BUILD_DIR ?? 'build', 'engine'), join(dir, 'engine'), 'dir');
  writeFileSync(join(dir, 'index.html'), PAGE);
  return { url: pathToFileURL(join(dir, 'index.html')).href, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** DuckDB's instantiation (ms) in the page alone, in the given (fresh) context. */
export async function instantiateAlone(context: BrowserContext, page: EngineAlone): Promise<number> {
  const tab = context.pages()[0] ?? (await context.newPage());
  await tab.goto(page.url);
  await tab.waitForFunction(() => Boolean((globalThis as { __engineAlone?: unknown }).__engineAlone), null, { timeout: 120_000 });
  const answer = (await tab.evaluate(() => (globalThis as { __engineAlone?: unknown }).__engineAlone)) as {
    type: string;
    value: { timings?: { instantiateMs?: number } };
  };
  const ms = answer.type === 'RAW' ? answer.value.timings?.instantiateMs : undefined;
  if (typeof ms !== 'number') throw new Error(`the engine alone did not start: ${JSON.stringify(answer).slice(0, 300)}`);
  return ms;
}
