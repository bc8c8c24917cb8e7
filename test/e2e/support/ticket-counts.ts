// What #/tickets should show for a period, a set of townships and a channel, counted in plain
// TypeScript over the generator's tickets (shared by the ticket page's specs).
import { column, countBy, matching, select } from '../../support/reference-metrics';
import { sampleTickets } from '../../support/sample';

/** Tickets received on the days [from, to] in the given townships (all when none), per request type; and per township over the days alone. */
export function expectedCounts(from: string, to: string, townships: string[] = [], channel: string | null = null) {
  const tickets = sampleTickets();
  const wanted: Record<string, string[]> = {};
  if (townships.length) wanted.township = townships;
  if (channel) wanted.channel = [channel];
  const rows = select(tickets, 'received_at', { from, to, where: matching(tickets, wanted) });
  const inDays = select(tickets, 'received_at', { from, to });
  const keyed = (name: string) => {
    const values = column(tickets, name);
    return (i: number) => (values[i] === null ? '' : String(values[i]));
  };
  const map = (counts: Map<string | null, number>) => Object.fromEntries([...counts].map(([k, n]) => [k ?? '', n]));
  return { total: rows.length, types: map(countBy(rows, keyed('request_type'))), townships: map(countBy(inDays, keyed('township'))) };
}
