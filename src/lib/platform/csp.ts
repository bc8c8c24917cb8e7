// The Content-Security-Policy of the built page: its <meta> is written in src/app.html, and the
// hashes of the page's inline scripts (app.html's preload and SvelteKit's inline bundle, which
// changes with every build) are filled in at prerender by src/hooks.server.ts. Server-side only.
import { createHash } from 'node:crypto';

/** Where app.html's policy takes the inline scripts' hashes. */
export const SCRIPT_HASHES_MARK = "'inline-script-hashes'";

const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>\s*/i;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** 'sha256-…' of every inline script, in document order, each once. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [...hashes];
}

/** The page with the policy's mark replaced by the hashes of the page's own inline scripts. */
export function withScriptHashes(html: string): string {
  if (!html.includes(SCRIPT_HASHES_MARK)) throw new Error(`the page's Content-Security-Policy has no ${SCRIPT_HASHES_MARK} to fill in`);
  return html.replace(SCRIPT_HASHES_MARK, inlineScriptHashes(html).join(' '));
}

/** The page without its policy: the dev server injects scripts and a socket the policy forbids. */
export function withoutPolicy(html: string): string {
  return html.replace(META, '');
}
