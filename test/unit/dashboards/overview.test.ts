// The overview's comparison period, and when its figures are known without a query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, endsBeforeData, parseFilterQuery } from '$lib/filters';
import { comparisonPeriod, dataSpanQuery, headlineQuery } from '$lib/dashboards';
import { defaultSettings } from '$lib/metrics';
import { loadTable, oneRow, type FixtureRow } from '../metrics/fixtures';

const TICKETS: FixtureRow[] = [
  { ticket_id: 'T1', township: 'A', received_at: '2024-03-01 00:00', deadline_at: '2024-03-06 09:00', closed_at: '2024-03-02 09:00', satisfaction: '满意' },
  { ticket_id: 'T2', township: 'B', received_at: '2024-03-20 10:00', deadline_at: '2024-03-25 10:00', closed_at: null, satisfaction: null },
  { ticket_id: 'T3', township: 'A', received_at: '2024-04-10 23:59', deadline_at: '2024-04-15 08:00', closed_at: '2024-04-11 08:30', satisfaction: '不满意' },
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', TICKETS);
});
afterAll(() => engine.close());

describe('comparisonPeriod', () => {
  const span = { from: '2024-03-01', to: '2024-04-10' };
  it('is the same length just before a view without dates, that is before the first day of data', () => {
    expect(comparisonPeriod(emptyFilters(), span)).toEqual({ from: '2024-01-20', to: '2024-02-29' }); // 41 days: 12 in January, 29 in February
  });
  it('steps a view of whole months back by months', () => {
    expect(comparisonPeriod(parseFilterQuery('from=2024-04-01&to=2024-04-30'), span)).toEqual({ from: '2024-03-01', to: '2024-03-31' });
  });
});

describe('endsBeforeData', () => {
  it('holds only for a period whose last day comes before the first day of data', async () => {
    const span = (await oneRow(engine, dataSpanQuery('tickets'))) as { first_day: string; last_day: string };
    const data = { from: span.first_day, to: span.last_day };
    expect(data).toEqual({ from: '2024-03-01', to: '2024-04-10' });
    expect(endsBeforeData({ from: '2024-01-20', to: '2024-02-29' }, data)).toBe(true);
    // Its last day is the first day of data: the midnight ticket is in it.
    expect(endsBeforeData({ from: '2024-02-01', to: '2024-03-01' }, data)).toBe(false);
    expect(endsBeforeData({ from: '2024-03-01', to: '2024-03-31' }, data)).toBe(false);
  });

  it('agrees with the engine: such a period has no ticket, whatever else is filtered', async () => {
    const settings = defaultSettings();
    const before = await oneRow(engine, headlineQuery({ ...emptyFilters(), from: '2024-01-20', to: '2024-02-29' }, settings));
    expect(before.total).toBe(0);
    const touching = await oneRow(engine, headlineQuery({ ...emptyFilters(), from: '2024-02-01', to: '2024-03-01' }, settings));
    expect(touching.total).toBe(1);
  });
});
