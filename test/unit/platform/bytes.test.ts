// concatBytes: parts joined in order into a new array; a single part is given back as it is.
import { describe, expect, it } from 'vitest';
import { concatBytes } from '$lib/platform/bytes';

describe('concatBytes', () => {
  it('joins the parts in order, empty ones included, into a new array', () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes([a, new Uint8Array(0), Uint8Array.of(3), Uint8Array.of(4, 5)]);
    expect([...joined]).toEqual([1, 2, 3, 4, 5]);
    expect(joined.buffer).not.toBe(a.buffer);
    expect(concatBytes([]).length).toBe(0);
  });

  it('gives a single part back without copying it', () => {
    const only = Uint8Array.of(7, 8, 9);
    expect(concatBytes([only])).toBe(only);
  });
});
