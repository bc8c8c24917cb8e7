// Filter choices from the data, and the filter bar's rewrite of an address that keeps a page's own parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { emptyFilters, filterColumnsOf, filterOptionsQuery, readFilterOptions, withFilterQuery } from '$lib/filters';
import { loadTable, rowsOf } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', [
    { ticket_id: '1', received_at: '2024-03-01 08:00', township: '海门工业园区', channel: '电话', urgency: '一般' },
    { ticket_id: '2', received_at: '2024-03-01 09:00', township: '常乐镇', channel: '电话', urgency: ' ' },
    { ticket_id: '3', received_at: '2024-03-02 09:00', township: '海门街道', channel: '微信' },
    { ticket_id: '4', received_at: '2024-03-02 10:00', township: '外地', channel: '电话' },
    { ticket_id: '5', received_at: '2024-03-02 11:00', township: '常乐镇' },
  ]);
});
afterAll(() => engine.close());

describe('filter options', () => {
  it('are the distinct non-blank values with row counts, townships in the official order', async () => {
    const options = readFilterOptions(await rowsOf(engine, filterOptionsQuery('tickets')!));
    // Official order: 海门街道, 常乐镇, …, 海门工业园区 last; names outside the list after them.
    expect(options.township).toEqual([
      { value: '海门街道', rows: 1 },
      { value: '常乐镇', rows: 2 },
      { value: '海门工业园区', rows: 1 },
      { value: '外地', rows: 1 },
    ]);
    expect(options.channel).toEqual([
      { value: '电话', rows: 3 },
      { value: '微信', rows: 1 },
    ]);
    expect(options.urgency).toEqual([{ value: '一般', rows: 1 }]);
    expect(options.department).toBeUndefined();
  });

  it('only asks for columns the table has', () => {
    expect(filterColumnsOf('grid_events')).toEqual(['township']);
    expect(filterColumnsOf('enterprise_requests')).toEqual(['township', 'department', 'request_type']);
    expect(filterOptionsQuery('grid_events', ['channel'])).toBeNull();
  });
});

describe('withFilterQuery', () => {
  it('replaces the filter parameters and keeps the page’s own after them', () => {
    const q = withFilterQuery('#/tickets?township=常乐镇&sel_time=2024-03-01~2024-03-02&from=2024-01-01&tab=x', {
      ...emptyFilters(),
      from: '2024-03-01',
      to: '2024-03-31',
      channel: ['电话'],
    });
    expect(decodeURIComponent(q)).toBe('from=2024-03-01&to=2024-03-31&channel=电话&sel_time=2024-03-01~2024-03-02&tab=x');
    expect(withFilterQuery('', emptyFilters())).toBe('');
  });
});
