// One linked view of the ticket page as a LiveQuery: asks `ticketViewSource` again only when the
// view's own request changed. A brush that moves does not change the volume chart's request (its
// own selection is left out of it), so the chart under the brush is not redrawn while dragging;
// the other views are re-asked on their channel, and a newer ask supersedes an older one.
import { untrack } from 'svelte';
import type { Row } from '$lib/engine';
import { settings } from '$lib/state/settings.svelte';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from '$lib/ui/live-query.svelte';
import { requestKey, ticketViewSource, type TicketViewRequest } from './source';

export function linkedView<T>(workbench: Workbench, request: () => TicketViewRequest | null, read: (rows: Row[]) => T): LiveQuery<T> {
  const current = $derived(request());
  const key = $derived(current ? requestKey(current) : null);
  return new LiveQuery<T>(() => {
    const engine = workbench.engine;
    void workbench.dataVersion;
    if (!engine || !workbench.ready || !settings.loaded || !key) return null;
    const req = untrack(() => current)!;
    const channel = `tickets:${req.view}`;
    return async () => read(await ticketViewSource(engine, req, channel));
  });
}
