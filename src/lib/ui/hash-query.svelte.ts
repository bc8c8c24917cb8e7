// The query part of a hash route (`#/tickets?from=…&township=…`): where every view keeps its
// filters, so a view can be bookmarked and shared.
import { page } from '$app/state';
import { goto } from '$app/navigation';

/** The current hash route's query. Read inside a reactive context so it updates on navigation. */
export function currentHashQuery(): URLSearchParams {
  // page.url changes on every navigation, including a change of the hash's query alone.
  const hash = page.url.hash;
  const raw = typeof location !== 'undefined' ? location.hash : hash;
  const q = raw.indexOf('?');
  return new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
}

export function hashRoute(path: string, query: string): string {
  return `#${path}${query ? `?${query}` : ''}`;
}

export async function navigateToQuery(path: string, query: string): Promise<void> {
  await goto(hashRoute(path, query), { keepFocus: true, noScroll: true });
}
