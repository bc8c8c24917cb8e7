import { describe, expect, it } from 'vitest';
import { formatChange } from '$lib/i18n/format';

describe('formatChange', () => {
  it('gives rates in percentage points', () => {
    expect(formatChange(0.9308, 0.93, 'rate')).toBe('+0.08 pp');
    expect(formatChange(0.9219, 0.924, 'rate')).toBe('-0.21 pp');
  });

  it('gives counts and hours relative to the previous period', () => {
    expect(formatChange(34784, 40779, 'count')).toBe('-14.7%');
    expect(formatChange(30.5, 30.38, 'hours')).toBe('+0.4%');
  });

  it('gives a count that was 0 its difference, not "no previous period"', () => {
    expect(formatChange(0, 0, 'count')).toBe('±0');
    expect(formatChange(1234, 0, 'count')).toBe('+1,234');
  });

  it('has nothing to say without both figures, or for hours that were 0', () => {
    expect(formatChange(5, null, 'count')).toBeNull();
    expect(formatChange(null, 5, 'rate')).toBeNull();
    expect(formatChange(3, 0, 'hours')).toBeNull();
  });
});
