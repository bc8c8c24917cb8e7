// Sizes on an import's card (formatBytes): MB from a MiB up, KB below, and nothing read is 0 KB.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '$lib/i18n/format';

describe('formatBytes', () => {
  it('says 0 KB for nothing read, 1 KB for a few bytes, whole KB below a MiB, MB with one decimal above', () => {
    expect(formatBytes(0)).toBe('0 KB');
    expect(formatBytes(1)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('2 KB');
    expect(formatBytes(1024 ** 2 - 1)).toBe('1024 KB');
    expect(formatBytes(1024 ** 2)).toBe('1.0 MB');
    expect(formatBytes(393_709_913)).toBe('375.5 MB');
  });
});
