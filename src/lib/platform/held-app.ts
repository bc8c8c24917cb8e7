// SvelteKit's inline bundle (the whole app, ≈1.2 MB) is held back at build and run by app.html's
// first script once the engine worker has DuckDB's start in hand. A worker's first message is
// handed on by the page's thread only when that thread is free, and parsing the bundle kept it
// busy for about a second of every open while the worker waited (a trace of a cold open: the
// worker idle ≈0.7 s with its start queued). The first figure waits for DuckDB, not for the app.
// Server-side only (the prerender, src/hooks.server.ts).

/** The id app.html's first script looks for; the held script's type keeps the browser from running it. */
export const HELD_APP_ID = 'workbench-app';
const HELD_TYPE = 'text/x-workbench-held';

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

/** The page with SvelteKit's inline bundle held back (not run by the parser). Its text, and so its CSP hash, is unchanged. */
export function holdAppBundle(html: string): string {
  const bundles = [...html.matchAll(INLINE_SCRIPT)].filter((m) => m[1].includes('.app.start(element)'));
  if (bundles.length !== 1) throw new Error(`expected one inline SvelteKit bundle to hold back, found ${bundles.length}`);
  const at = bundles[0].index;
  return `${html.slice(0, at)}<script type="${HELD_TYPE}" id="${HELD_APP_ID}">${html.slice(at + '<script>'.length)}`;
}
