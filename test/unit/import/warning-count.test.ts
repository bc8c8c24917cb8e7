import { describe, expect, it } from 'vitest';
import { warningCount } from '$lib/import';

describe('warningCount', () => {
  it('adds every warning code and leaves the rejections out', () => {
    // 300,000 + 12 + 3 warnings; 7 + 2 rejections.
    expect(warningCount({ 'unknown-township': 300_000, 'missing-key': 7, 'closed-before-received': 12, 'too-many-cells': 2, 'time-zone-ignored': 3 })).toBe(300_015);
  });

  it('is 0 for no counts, or rejections only', () => {
    expect(warningCount({})).toBe(0);
    expect(warningCount({ 'damaged-key': 4, 'invalid-required': 1 })).toBe(0);
  });
});
