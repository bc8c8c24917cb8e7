// The shipped CJK font (static/fonts, made by `npm run font:subset`) covers what the workbench
// shows, and the in-browser subsetter cuts it to one SVG's glyphs.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cmapOf } from '$lib/export/font/cmap';
import { codepointsOf, createHbSubset } from '$lib/export/font/hb-subset';

const root = join(__dirname, '..', '..', '..');
const fontPath = join(root, 'static', 'fonts', 'NotoSansCJKsc-Regular.subset.otf');

function cjkCharsOf(dir: string, ext: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (!ext.test(name)) continue;
    for (const ch of readFileSync(join(dir, name), 'utf8')) if (/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(ch) && !found.has(ch)) found.set(ch, name);
  }
  return found;
}

describe('shipped CJK font', () => {
  const font = new Uint8Array(readFileSync(fontPath));
  const cmap = cmapOf(font);

  it('is a CFF OpenType font of reasonable size', () => {
    expect(String.fromCharCode(...font.subarray(0, 4))).toBe('OTTO');
    expect(font.length).toBeGreaterThan(300_000);
    expect(font.length).toBeLessThan(1_500_000);
  });

  it('covers ASCII, GB2312 level 1 and every character of the catalogs, schema and sample vocabulary', () => {
    for (let cp = 0x21; cp <= 0x7e; cp++) expect(cmap.has(cp), String.fromCharCode(cp)).toBe(true);
    for (const ch of '啊阿埃座一乙中国城镇街道满意率，。、：（）“”') expect(cmap.has(ch.codePointAt(0)!), ch).toBe(true);
    const dirs: [string, RegExp][] = [
      [join(root, 'src', 'lib', 'i18n', 'messages'), /\.ts$/],
      [join(root, 'src', 'lib', 'schema'), /\.ts$/],
      [join(root, 'sample-data'), /\.ts$/],
    ];
    for (const [dir, ext] of dirs) {
      const missing = [...cjkCharsOf(dir, ext)].filter(([ch]) => !cmap.has(ch.codePointAt(0)!));
      // New strings with characters outside the subset: run `npm run font:subset` and commit static/fonts.
      expect(missing.map(([ch, file]) => `${ch} (${file})`), dir).toEqual([]);
    }
  });

  it('the classic-script copy holds the same bytes', () => {
    const js = readFileSync(join(root, 'static', 'fonts', 'noto-sans-cjk-sc.subset.js'), 'utf8');
    const base64 = /base64:"([^"]+)"/.exec(js)![1];
    expect(Buffer.compare(gunzipSync(Buffer.from(base64, 'base64')), Buffer.from(font))).toBe(0);
  });

  it('is cut to one SVG\'s text by the subsetter the browser uses', async () => {
    const require = createRequire(import.meta.url);
    const js = readFileSync(join(root, 'static', 'fonts', 'hb-subset.js'), 'utf8');
    const wasm = gunzipSync(Buffer.from(/base64:"([^"]+)"/.exec(js)![1], 'base64'));
    expect(Buffer.compare(wasm, readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')))).toBe(0);
    const subset = (await createHbSubset(new Uint8Array(wasm)))(font, codepointsOf('月度工单量 2024-01'));
    expect(subset.length).toBeLessThan(40_000);
    const mapped = cmapOf(subset);
    for (const ch of '月度工单量2041-') expect(mapped.has(ch.codePointAt(0)!), ch).toBe(true);
    expect(mapped.has('满'.codePointAt(0)!)).toBe(false);
  });
});
