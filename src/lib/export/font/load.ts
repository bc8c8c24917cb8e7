// The shipped CJK font and HarfBuzz's subsetter, loaded on first export. A file:// page cannot
// fetch() files, so both travel as classic scripts (static/fonts/*.js, made by
// scripts/subset-font.ts) that set a global with gzip+base64 bytes, like the DuckDB WASM.
import { payloadBytes } from '$lib/platform/base64';
import { codepointsOf, createHbSubset, type HbSubset } from './hb-subset';

/** The family name the exported SVGs declare in their own @font-face. */
export const EXPORT_FONT_FAMILY = 'Workbench Noto Sans CJK SC';
export const EXPORT_FONT_STACK = `'${EXPORT_FONT_FAMILY}', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif`;
export const FONT_SCRIPT = 'fonts/noto-sans-cjk-sc.subset.js';
export const SUBSETTER_SCRIPT = 'fonts/hb-subset.js';

interface Payload {
  encoding: 'gzip' | 'identity';
  base64: string;
}
type Globals = typeof globalThis & { __wbCjkFont?: Payload; __wbHbSubset?: Payload };

const scripts = new Map<string, Promise<void>>();

function loadScript(path: string): Promise<void> {
  let pending = scripts.get(path);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(path, document.baseURI).href;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`cannot load ${path}`));
      document.head.append(script);
    });
    pending.catch(() => scripts.delete(path));
    scripts.set(path, pending);
  }
  return pending;
}

let fontBytes: Promise<Uint8Array> | null = null;
let subsetter: Promise<HbSubset> | null = null;

export function shippedFont(): Promise<Uint8Array> {
  fontBytes ??= loadScript(FONT_SCRIPT).then(() => payloadBytes((globalThis as Globals).__wbCjkFont!));
  fontBytes.catch(() => (fontBytes = null));
  return fontBytes;
}

function hbSubset(): Promise<HbSubset> {
  subsetter ??= loadScript(SUBSETTER_SCRIPT)
    .then(() => payloadBytes((globalThis as Globals).__wbHbSubset!))
    .then((wasm) => createHbSubset(wasm as BufferSource));
  subsetter.catch(() => (subsetter = null));
  return subsetter;
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * An @font-face rule whose font is a data: URL holding only the glyphs of `text` (a few KB); the
 * whole shipped subset when the subsetter cannot run.
 */
export async function fontFaceFor(text: string): Promise<string> {
  const font = await shippedFont();
  let bytes = font;
  try {
    bytes = (await hbSubset())(font, codepointsOf(`${text} 0123456789.,%-`));
  } catch (error) {
    console.warn('export: per-SVG font subset failed, embedding the whole subset', error);
  }
  return `@font-face{font-family:'${EXPORT_FONT_FAMILY}';src:url(data:font/otf;base64,${base64(bytes)}) format('opentype');font-weight:100 900;}`;
}
