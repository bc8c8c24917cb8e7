// Where the ticket page's linked views get their rows. Every chart asks its page's
// TicketViewSources, so answering the brushed views from the pre-aggregated index (src/lib/preagg)
// is a change of one binding: same request in, same row shapes out (./views.ts).
import { rowsOf, type Row } from '$lib/engine';
import { prepareMetrics } from '$lib/metrics';
import { ticketViewQuery, type TicketView, type TicketViewInput } from './views';
import { indexedNow, indexedOrExact, type IndexedTicketSource, type SourceEngine } from './indexed-source';

export interface TicketViewRequest {
  view: TicketView;
  input: TicketViewInput;
  volumeUnit: 'day' | 'week';
}

export type TicketViewSource = (engine: SourceEngine, request: TicketViewRequest, channel: string) => Promise<Row[]>;

/** Exact answers straight from `tickets`. */
export const exactTicketSource: TicketViewSource = async (engine, { view, input, volumeUnit }, channel) => {
  // Working time needs its calendar table first; natural time returns at once.
  await prepareMetrics(engine, input.settings, ['tickets'], input.filters);
  return rowsOf(await engine.query(ticketViewQuery(view, input, volumeUnit), channel));
};

/** Two requests with the same exact SQL have the same answer: the page skips re-asking. */
export function requestKey({ view, input, volumeUnit }: TicketViewRequest): string {
  const q = ticketViewQuery(view, input, volumeUnit);
  return `${view}\u0000${q.text}\u0000${JSON.stringify(q.params, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`;
}

/**
 * The sources one ticket page answers its views from: the exact queries, and its brush index once
 * built (TicketBrushIndexer hands it over). One per page instance, never module state: two pages
 * (or a test and a page) cannot see each other's index.
 */
export class TicketViewSources {
  private indexed: IndexedTicketSource | null = null;

  use(source: IndexedTicketSource | null): void {
    this.indexed = source;
  }

  /** The index's rows at once, when it answers the request from partials held in the page; else null (ask `answer`). */
  now(engine: SourceEngine, request: TicketViewRequest): Row[] | null {
    return indexedNow(this.indexed, engine, request);
  }

  /** Rows and which source gave them: the index while it answers the request exactly, else `tickets`. */
  answer(engine: SourceEngine, request: TicketViewRequest, channel: string): Promise<{ rows: Row[]; source: 'index' | 'exact' }> {
    return indexedOrExact(this.indexed, exactTicketSource, engine, request, channel);
  }
}
