import { describe, expect, it } from 'vitest';
import { emptyFilters, formatFilterQuery, parseFilterQuery, type FilterState } from '$lib/filters';

const full: FilterState = {
  from: '2024-03-01',
  to: '2024-03-31',
  township: ['悦来镇', '海门街道'],
  department: ["O'Brien & Co; DROP TABLE tickets; --"],
  request_type: ['投诉'],
  channel: ['电话', '微信'],
  urgency: ['紧急'],
  enterprise_related: true,
  compare: 'previous',
};

describe('filter URL', () => {
  it('formats parameters in a fixed order with sorted, repeated values', () => {
    const q = formatFilterQuery(full);
    const keys = [...new URLSearchParams(q).keys()];
    expect(keys).toEqual(['from', 'to', 'township', 'township', 'department', 'request_type', 'channel', 'channel', 'urgency', 'enterprise_related', 'compare']);
    expect(new URLSearchParams(q).getAll('channel')).toEqual(['微信', '电话']);
  });

  it('round-trips: parse(format(s)) equals s once lists are normalised, and format is idempotent', () => {
    const parsed = parseFilterQuery(formatFilterQuery(full));
    expect(parsed).toEqual({ ...full, township: ['悦来镇', '海门街道'].sort(), channel: ['微信', '电话'] });
    expect(formatFilterQuery(parsed)).toBe(formatFilterQuery(full));
    expect(parseFilterQuery(formatFilterQuery(emptyFilters()))).toEqual(emptyFilters());
    expect(formatFilterQuery(emptyFilters())).toBe('');
  });

  it('keeps hostile text intact as a value', () => {
    const parsed = parseFilterQuery(formatFilterQuery(full));
    expect(parsed.department).toEqual(["O'Brien & Co; DROP TABLE tickets; --"]);
  });

  it('reads a repeated parameter as any of these values, trimming and dropping duplicates and blanks', () => {
    const s = parseFilterQuery('?township=海门街道&township=%20悦来镇%20&township=海门街道&township=&urgency=特急');
    expect(s.township).toEqual(['悦来镇', '海门街道']);
    expect(s.urgency).toEqual(['特急']);
  });

  it('accepts a whole hash route and URLSearchParams', () => {
    expect(parseFilterQuery('#/tickets?from=2024-01-01&township=常乐镇').township).toEqual(['常乐镇']);
    expect(parseFilterQuery(new URLSearchParams({ to: '2024-02-29' })).to).toBe('2024-02-29');
  });

  it('drops invalid dates, booleans and compare modes instead of guessing', () => {
    const s = parseFilterQuery('from=2024-02-30&to=2024/03/31&enterprise_related=maybe&compare=yesterday');
    expect(s).toEqual(emptyFilters());
  });

  it('reads the usual spellings of yes and no', () => {
    expect(parseFilterQuery('enterprise_related=是').enterprise_related).toBe(true);
    expect(parseFilterQuery('enterprise_related=0').enterprise_related).toBe(false);
    expect(parseFilterQuery('enterprise_related=false').enterprise_related).toBe(false);
  });

  it('ignores parameters that are not filters', () => {
    expect(parseFilterQuery('quarter=2024Q1&flag=x')).toEqual(emptyFilters());
  });
});
