// The WHERE clause against a real DuckDB: period bounds, IN lists, skipped columns, and hostile
// values that must arrive as bound parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, filterPredicate, type FilterState } from '$lib/filters';
import { sql } from '$lib/sql';
import { loadTable, rowsOf } from '../metrics/fixtures';

const HOSTILE = "x'); DROP TABLE tickets; --";

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', [
    { ticket_id: 'feb-end', received_at: '2024-02-29 23:59:59', township: '常乐镇', channel: '电话', enterprise_related: true },
    { ticket_id: 'mar-start', received_at: '2024-03-01 00:00:00', township: '常乐镇', channel: '微信', enterprise_related: false },
    { ticket_id: 'mar-end', received_at: '2024-03-31 23:59:59.999', township: '海门街道', channel: '电话', enterprise_related: null },
    { ticket_id: 'apr-start', received_at: '2024-04-01 00:00:00', township: '海门街道', channel: '电话' },
    { ticket_id: 'hostile', received_at: '2024-03-15 12:00:00', township: HOSTILE, department: '"quoted" \\ ?', channel: '电话' },
  ]);
  await loadTable(engine, 'grid_events', [{ event_id: 'g', reported_at: '2024-03-05 08:00', township: '常乐镇' }]);
});
afterAll(() => engine.close());

const filters = (patch: Partial<FilterState>): FilterState => ({ ...emptyFilters(), ...patch });

async function ids(state: FilterState): Promise<string[]> {
  const rows = await rowsOf(engine, sql`SELECT ticket_id FROM tickets WHERE ${filterPredicate(state, 'tickets')} ORDER BY ticket_id`);
  return rows.map((r) => r.ticket_id as string);
}

describe('filterPredicate', () => {
  it('is TRUE without filters', async () => {
    expect(filterPredicate(emptyFilters(), 'tickets').text).toBe('TRUE');
    expect(await ids(emptyFilters())).toHaveLength(5);
  });

  it('takes the whole first and last day and nothing of the neighbours', async () => {
    expect(await ids(filters({ from: '2024-03-01', to: '2024-03-31' }))).toEqual(['hostile', 'mar-end', 'mar-start']);
    expect(await ids(filters({ from: '2024-04-01' }))).toEqual(['apr-start']);
    expect(await ids(filters({ to: '2024-02-29' }))).toEqual(['feb-end']);
  });

  it('matches any of several values of a column and all given columns together', async () => {
    expect(await ids(filters({ township: ['常乐镇', '海门街道'], channel: ['电话'] }))).toEqual(['apr-start', 'feb-end', 'mar-end']);
    expect(await ids(filters({ enterprise_related: false }))).toEqual(['mar-start']);
  });

  it('binds hostile values as parameters: they match themselves and never reach the SQL text', async () => {
    const state = filters({ township: [HOSTILE], department: ['"quoted" \\ ?'] });
    const predicate = filterPredicate(state, 'tickets');
    expect(predicate.text).not.toContain('DROP');
    expect(predicate.text).not.toContain('quoted');
    expect(predicate.params).toEqual([HOSTILE, '"quoted" \\ ?']);
    expect(await ids(state)).toEqual(['hostile']);
    // The table is still there.
    expect(await ids(emptyFilters())).toHaveLength(5);
  });

  it('skips filters on columns the table does not have', async () => {
    const state = filters({ from: '2024-03-01', to: '2024-03-31', township: ['常乐镇'], channel: ['电话'], enterprise_related: true });
    const predicate = filterPredicate(state, 'grid_events');
    expect(predicate.text).toContain('"reported_at"');
    expect(predicate.text).not.toContain('channel');
    expect(predicate.text).not.toContain('enterprise_related');
    const rows = await rowsOf(engine, sql`SELECT event_id FROM grid_events WHERE ${predicate}`);
    expect(rows).toEqual([{ event_id: 'g' }]);
  });

  it('qualifies columns with an alias for use inside joins', () => {
    const predicate = filterPredicate(filters({ township: ['常乐镇'] }), 'tickets', 't');
    expect(predicate.text).toBe('("t"."township" IN (?))');
  });
});
