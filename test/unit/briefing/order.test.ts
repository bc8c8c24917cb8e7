import { describe, expect, it } from 'vitest';
import { moveItem, newItemId } from '$lib/briefing/order';

describe('moveItem', () => {
  const items = ['a', 'b', 'c', 'd'];
  it('moves up, down, to the ends, and clamps', () => {
    expect(moveItem(items, 2, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveItem(items, 0, 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveItem(items, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(items, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem(items, 1, -5)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveItem(items, 7, 0)).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd']);
  });
  it('makes distinct ids', () => {
    expect(newItemId()).not.toBe(newItemId());
  });
});
