// Filter lists in an address are bounded: an over-long list is not applied and is reported with
// its size; over-long values are dropped. Expectations counted by hand from the built addresses.
import { describe, expect, it } from 'vitest';
import { MAX_FILTER_VALUES, MAX_FILTER_VALUE_CHARS, filterQueryLimits, parseFilterQuery } from '$lib/filters';

const townships = (n: number) => Array.from({ length: n }, (_, i) => `township=T${String(i).padStart(5, '0')}`).join('&');

describe('filter list limits in the address', () => {
  it('takes a list of exactly the limit (200 values)', () => {
    expect(MAX_FILTER_VALUES).toBe(200);
    const state = parseFilterQuery(`#/tickets?${townships(200)}`);
    expect(state.township).toHaveLength(200);
    expect(filterQueryLimits(`#/tickets?${townships(200)}`)).toEqual([]);
  });
  it('does not apply a list of 201 values, and says how many there were', () => {
    const query = `#/tickets?${townships(201)}&department=${encodeURIComponent('城管局')}`;
    const state = parseFilterQuery(query);
    expect(state.township).toEqual([]);
    expect(state.department).toEqual(['城管局']);
    expect(filterQueryLimits(query)).toEqual([{ column: 'township', values: 201, limit: 200 }]);
  });
  it('parses 100,000 values quickly and reports them', () => {
    const query = townships(100_000);
    const t0 = performance.now();
    const state = parseFilterQuery(query);
    const notices = filterQueryLimits(query);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(state.township).toEqual([]);
    expect(notices).toEqual([{ column: 'township', values: 100_000, limit: 200 }]);
  });
  it('drops a value longer than 200 characters, keeps one of exactly 200', () => {
    expect(MAX_FILTER_VALUE_CHARS).toBe(200);
    const state = parseFilterQuery(`channel=${'a'.repeat(200)}&channel=${'b'.repeat(201)}`);
    expect(state.channel).toEqual(['a'.repeat(200)]);
  });
});
