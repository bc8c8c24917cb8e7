// Where the ticket page's linked views get their rows. Every chart goes through `ticketViewSource`,
// so answering the brushed views from the pre-aggregated index (src/lib/preagg) is a change of
// this one binding: same request in, same row shapes out (src/lib/views/tickets.ts).
import { rowsOf, type Row } from '$lib/engine';
import { prepareMetrics } from '$lib/metrics';
import { ticketViewQuery, type TicketView, type TicketViewInput } from '$lib/views/tickets';
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

/** The page's current brush index, once built for the page's base (see linked.svelte.ts). */
let indexed: IndexedTicketSource | null = null;

export function useIndexedSource(source: IndexedTicketSource | null): void {
  indexed = source;
}

/** The index's rows at once, when it answers the request from partials held in the page; else null (ask answerTicketView). */
export function answerTicketViewNow(engine: SourceEngine, request: TicketViewRequest): Row[] | null {
  return indexedNow(indexed, engine, request);
}

/** Rows and which source gave them: the index while it answers the request exactly, else `tickets`. */
export function answerTicketView(engine: SourceEngine, request: TicketViewRequest, channel: string): Promise<{ rows: Row[]; source: 'index' | 'exact' }> {
  return indexedOrExact(indexed, exactTicketSource, engine, request, channel);
}

export const ticketViewSource: TicketViewSource = async (engine, request, channel) => (await answerTicketView(engine, request, channel)).rows;
