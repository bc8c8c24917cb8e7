import { describe, expect, it } from 'vitest';
import { shortId } from '$lib/platform/short-id';

describe('shortId', () => {
  it('starts with the time in base 36, then at most six random letters or digits', () => {
    // 36³ ms is "1000" in base 36; 36³ − 1 is "zzz".
    const id = shortId(46_656);
    expect(id.startsWith('1000')).toBe(true);
    expect(id.slice(4)).toMatch(/^[0-9a-z]{0,6}$/);
    expect(shortId(46_655).startsWith('zzz')).toBe(true);
  });

  it('differs between ids made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 100 }, () => shortId(46_656)));
    expect(ids.size).toBe(100);
  });
});
