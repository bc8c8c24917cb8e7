// Runs only when SvelteKit renders a page: at build (prerender of the static page) and in the dev
// server. The built page's app bundle is held back for app.html to run once the engine worker has
// started (held-app.ts), and its Content-Security-Policy gets its inline-script hashes here; the
// dev server, whose own injected scripts the policy would refuse, gets neither.
import type { Handle } from '@sveltejs/kit';
import { building } from '$app/environment';
import { withScriptHashes, withoutPolicy } from '$lib/platform/csp';
import { holdAppBundle } from '$lib/platform/held-app';

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { transformPageChunk: ({ html }) => (building ? withScriptHashes(holdAppBundle(html)) : withoutPolicy(html)) });
