// paced(): the first value at once, then at most one per interval, the latest always last.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paced } from '$lib/ui/paced';

describe('paced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the first value at once, then the latest of each interval at its end', () => {
    const shown: number[] = [];
    const p = paced((v: number) => shown.push(v), 100, () => Date.now());
    p.push(1);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(30);
    p.push(2);
    p.push(3);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(69);
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([1, 3]);
    // Quiet for longer than the interval: the next value goes at once.
    vi.advanceTimersByTime(250);
    p.push(4);
    expect(shown).toEqual([1, 3, 4]);
  });

  it('forgets a value not shown yet when cancelled', () => {
    const shown: number[] = [];
    const p = paced((v: number) => shown.push(v), 100, () => Date.now());
    p.push(1);
    p.push(2);
    p.cancel();
    vi.advanceTimersByTime(500);
    expect(shown).toEqual([1]);
  });
});
