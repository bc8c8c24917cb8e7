// Runs only when SvelteKit renders a page: at build (prerender of the static page) and in the dev
// server. The built page's Content-Security-Policy gets its inline-script hashes here; the dev
// server, whose own injected scripts the policy would refuse, gets no policy.
import type { Handle } from '@sveltejs/kit';
import { building } from '$app/environment';
import { withScriptHashes, withoutPolicy } from '$lib/platform/csp';

export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { transformPageChunk: ({ html }) => (building ? withScriptHashes(html) : withoutPolicy(html)) });
