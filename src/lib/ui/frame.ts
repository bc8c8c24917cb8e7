// Work that follows the pointer, at most once per animation frame. Pointer events can arrive
// faster than the screen refreshes (and a drag's steps queue up while a frame is busy); applying
// each one would redo the page's work for values no one ever sees. Only the latest value of a
// frame is applied, just before that frame is drawn.

export interface LatestPerFrame<T> {
  /** Apply `value` at the next frame, replacing any value not yet applied. */
  push(value: T): void;
  /** Forget a value not yet applied (e.g. when the final value is applied at once instead). */
  cancel(): void;
}

export function latestPerFrame<T>(apply: (value: T) => void, frames: Pick<typeof globalThis, 'requestAnimationFrame' | 'cancelAnimationFrame'> = globalThis): LatestPerFrame<T> {
  let pending: { value: T } | null = null;
  let frame: number | null = null;
  return {
    push(value) {
      pending = { value };
      if (frame !== null) return;
      frame = frames.requestAnimationFrame(() => {
        frame = null;
        const next = pending;
        pending = null;
        if (next) apply(next.value);
      });
    },
    cancel() {
      if (frame !== null) frames.cancelAnimationFrame(frame);
      frame = null;
      pending = null;
    },
  };
}
