// How a binary side script carries its base64 (scripts/payload-script.mjs): in a comment read back
// with Function.prototype.toString (shipped) or in a string literal (before). The built sample's
// bytes both ways, each in a page of its own that loads the script and decodes it to bytes, from a
// fresh page, alternating the two so load drifts hit both alike.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { binaryPayloadScript } from '../scripts/payload-script.mjs';
import { carriedBase64 } from '../src/lib/platform/payload';
import { launch } from './support/browser';
import { fmtMs, fmtRatio, median } from './support/stats';

export interface CarrierRuns {
  bytes: number;
  commentMs: number[];
  literalMs: number[];
}

/** The base64 of the built sample, whichever way the build carried it. */
function builtSampleBase64(buildDir: string): string {
  const text = readFileSync(join(buildDir, 'engine', 'sample.js'), 'utf8');
  const scripts: Record<string, { base64: string | (() => void) }> = {};
  new Function('self', text)({ __workbenchScripts: scripts });
  return carriedBase64(scripts.sample.base64);
}

const page = (script: string) => `<!doctype html><meta charset="utf-8"><script>
var s = document.createElement('script');
s.src = ${JSON.stringify(script)};
s.onload = function () {
  var p = self.__workbenchScripts.sample, b = p.base64;
  if (typeof b !== 'string') { var t = Function.prototype.toString.call(b); b = t.slice(t.indexOf('/*') + 2, t.lastIndexOf('*/')); }
  var bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b) : Uint8Array.from(atob(b), function (c) { return c.charCodeAt(0); });
  self.__done = { ms: performance.now(), bytes: bytes.length };
};
document.head.appendChild(s);
</script>`;

export async function benchCarrier(runs: number): Promise<CarrierRuns> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-carrier-'));
  const base64 = builtSampleBase64(resolve(process.env.BUILD_DIR ?? 'build'));
  const bytes = Buffer.from(base64, 'base64');
  writeFileSync(join(dir, 'comment.js'), binaryPayloadScript('sample', 'gzip', bytes));
  writeFileSync(join(dir, 'literal.js'), `(self.__workbenchScripts=self.__workbenchScripts||{}).sample={encoding:"gzip",base64:"${base64}"};\n`);
  writeFileSync(join(dir, 'comment.html'), page('comment.js'));
  writeFileSync(join(dir, 'literal.html'), page('literal.js'));
  const browser = await launch();
  const result: CarrierRuns = { bytes: bytes.length, commentMs: [], literalMs: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const kind of ['comment', 'literal'] as const) {
        const tab = await browser.newPage();
        await tab.goto(pathToFileURL(join(dir, `${kind}.html`)).href);
        const done = await tab.waitForFunction(() => (self as { __done?: { ms: number; bytes: number } }).__done, null, { timeout: 120_000 });
        const { ms, bytes: decoded } = (await done.jsonValue()) as { ms: number; bytes: number };
        if (decoded !== bytes.length) throw new Error(`carrier bench: ${kind} decoded ${decoded} bytes, expected ${bytes.length}`);
        (kind === 'comment' ? result.commentMs : result.literalMs).push(ms);
        await tab.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

export function reportCarrier(r: CarrierRuns): string[] {
  const comment = median(r.commentMs);
  const literal = median(r.literalMs);
  return [
    `sample script carrier: navigation → bytes in the page (${(r.bytes / 1e6).toFixed(1)} MB gzip, file://, medians of ${r.commentMs.length}, alternating)`,
    `  base64 in a comment (shipped) ${fmtMs(comment).padStart(8)}   in a string literal ${fmtMs(literal).padStart(8)}   literal/comment ${fmtRatio(literal / comment)}   goal ≥ 1.00× (keep the faster)`,
  ];
}
