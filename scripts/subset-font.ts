#!/usr/bin/env tsx
// Makes the CJK font that exports carry (issue 6): Noto Sans CJK SC (SIL OFL 1.1), cut down to the
// characters the workbench can show — every string in the sources (i18n catalogs, schema
// townships and aliases, the sample generator's vocabulary: they keep growing, so they are
// scanned at each run), ASCII, CJK and full-width punctuation, plus GB2312 level 1 (3,755 common
// hanzi) so that imported data's own text mostly renders too.
//   npm run font:subset   (needs Debian's fonts-noto-cjk: /usr/share/fonts/opentype/noto)
// Writes, under static/fonts/:
//   NotoSansCJKsc-Regular.subset.otf   the font itself (CSS @font-face, print, installable)
//   noto-sans-cjk-sc.subset.js         the same bytes gzip+base64 as a classic script: file://
//                                      pages cannot fetch() files, but a <script src> loads
//   hb-subset.js                       HarfBuzz's subsetter WASM, likewise, so each exported SVG
//                                      carries only its own glyphs
//   subset-chars.txt, OFL.txt
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { createHbSubset } from '../src/lib/export/font/hb-subset';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const SOURCE = process.env.CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** Face 2 of Debian's NotoSansCJK-Regular.ttc is "Noto Sans CJK SC" (fc-query lists JP, KR, SC, TC, HK…). */
const FACE_INDEX = Number(process.env.CJK_FONT_FACE ?? 2);
const OUT = join(root, 'static', 'fonts');

function walk(dir: string, accept: (file: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, accept, out);
    else if (accept(path)) out.push(path);
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** GB2312 level 1: rows 16–55 (lead bytes 0xB0–0xD7), 94 cells each, row 55 ends at 0xF9. */
function gb2312Level1(): string {
  const decoder = new TextDecoder('gbk');
  let text = '';
  for (let lead = 0xb0; lead <= 0xd7; lead++) {
    for (let trail = 0xa1; trail <= (lead === 0xd7 ? 0xf9 : 0xfe); trail++) text += decoder.decode(new Uint8Array([lead, trail]));
  }
  return text;
}

const sourceFiles = [
  ...walk(join(root, 'src'), (f) => /\.(ts|svelte|js)$/.test(f)),
  ...walk(join(root, 'sample-data'), (f) => /\.ts$/.test(f)),
];
const codepoints = new Set<number>([
  ...range(0x20, 0x7e), // ASCII
  ...range(0xa0, 0xff), // Latin-1 (°, ×, ·, ±)
  ...range(0x2010, 0x2027), // dashes, quotes, ellipsis
  ...range(0x2030, 0x203b), // ‰, ※
  0x2103, 0x2116, ...range(0x2190, 0x2199), 0x221e, 0x2264, 0x2265, // ℃ № arrows ∞ ≤ ≥
  ...range(0x25a0, 0x25cf), ...range(0x2605, 0x2606), // ■ ▲ ▼ ○ ● ★
  ...range(0x3000, 0x303f), // CJK punctuation
  ...range(0xff01, 0xff5e), // full-width forms
  0xffe5, // ￥
]);
for (const ch of gb2312Level1()) codepoints.add(ch.codePointAt(0)!);
let scanned = 0;
for (const file of sourceFiles) {
  for (const ch of readFileSync(file, 'utf8')) {
    const cp = ch.codePointAt(0)!;
    // Only what a font draws: no controls, no private use, no emoji outside the font anyway.
    if (cp >= 0x20 && !(cp >= 0xe000 && cp <= 0xf8ff) && !codepoints.has(cp)) {
      codepoints.add(cp);
      scanned++;
    }
  }
}

const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
const subset = await createHbSubset(wasm);
const source = readFileSync(SOURCE);
// Vertical metrics and glyph-variant tables serve vertical text and Japanese forms: not drawn here.
const font = subset(source, codepoints, { faceIndex: FACE_INDEX, dropTables: ['vhea', 'vmtx', 'VORG', 'GSUB'] });

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'NotoSansCJKsc-Regular.subset.otf'), font);
const gzFont = gzipSync(font, { level: constants.Z_BEST_COMPRESSION });
writeFileSync(join(OUT, 'noto-sans-cjk-sc.subset.js'), `self.__wbCjkFont={encoding:"gzip",base64:"${gzFont.toString('base64')}"};\n`);
const gzWasm = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION });
writeFileSync(join(OUT, 'hb-subset.js'), `self.__wbHbSubset={encoding:"gzip",base64:"${gzWasm.toString('base64')}"};\n`);
const chars = [...codepoints].sort((a, b) => a - b).map((cp) => String.fromCodePoint(cp)).join('');
writeFileSync(join(OUT, 'subset-chars.txt'), chars + '\n');

// The licence travels with the font (OFL §2): Debian's copyright file holds the upstream notice and the full text.
const copyright = readFileSync('/usr/share/doc/fonts-noto-cjk/copyright', 'utf8');
const ofl = copyright.slice(copyright.indexOf('License: SIL-1.1\n', copyright.indexOf('License: GPL-3+')) + 'License: SIL-1.1\n'.length);
const licence = ofl
  .split('\n')
  .map((line) => (line.trim() === '.' ? '' : line.replace(/^ /, '')))
  .join('\n');
writeFileSync(
  join(OUT, 'OFL.txt'),
  'Noto Sans CJK SC (subset: NotoSansCJKsc-Regular.subset.otf and its gzip+base64 copy noto-sans-cjk-sc.subset.js)\n' +
    'Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name \'Source\'.\n' +
    'Copyright 2010-2012, Google Corporation.\n' +
    'Subset by scripts/subset-font.ts; glyphs unchanged. Licensed under the SIL Open Font License, Version 1.1:\n\n' +
    licence.trim() +
    '\n',
);

console.log(
  `subset-font: ${codepoints.size} code points (${scanned} from ${sourceFiles.length} source files) → ` +
    `${(font.length / 1e6).toFixed(2)} MB otf, ${(gzFont.length / 1e6).toFixed(2)} MB gzip; hb-subset wasm ${(gzWasm.length / 1e3).toFixed(0)} KB gzip`,
);
