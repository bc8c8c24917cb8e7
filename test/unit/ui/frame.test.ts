// latestPerFrame: however many values arrive within a frame, the latest one is applied, once, at
// the frame; a cancelled value is never applied.
import { describe, expect, it } from 'vitest';
import { latestPerFrame } from '$lib/ui/frame';

function fakeFrames() {
  let next = 1;
  const callbacks = new Map<number, FrameRequestCallback>();
  return {
    requestAnimationFrame: (cb: FrameRequestCallback) => {
      callbacks.set(next, cb);
      return next++;
    },
    cancelAnimationFrame: (id: number) => void callbacks.delete(id),
    /** Run the callbacks due at this frame. */
    tick() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const cb of due) cb(0);
    },
    get pending() {
      return callbacks.size;
    },
  };
}

describe('latestPerFrame', () => {
  it('applies only the last value pushed within a frame, once', () => {
    const frames = fakeFrames();
    const applied: number[] = [];
    const live = latestPerFrame((v: number) => applied.push(v), frames);
    live.push(1);
    live.push(2);
    live.push(3);
    expect(applied).toEqual([]);
    expect(frames.pending).toBe(1);
    frames.tick();
    expect(applied).toEqual([3]);
    frames.tick();
    expect(applied).toEqual([3]);
    live.push(4);
    frames.tick();
    expect(applied).toEqual([3, 4]);
  });

  it('forgets a value cancelled before its frame', () => {
    const frames = fakeFrames();
    const applied: (string | null)[] = [];
    const live = latestPerFrame((v: string | null) => applied.push(v), frames);
    live.push('a');
    live.cancel();
    frames.tick();
    expect(applied).toEqual([]);
    expect(frames.pending).toBe(0);
    // null is a value like any other (a cleared brush).
    live.push(null);
    frames.tick();
    expect(applied).toEqual([null]);
  });
});
