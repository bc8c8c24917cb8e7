// A value shown at most once per interval, the latest one always shown in the end. An import's
// progress comes from two workers, about 25 times a second; each change lays out and paints the
// page, on the two cores the import itself needs, for changes no one can read that fast.

export interface Paced<T> {
  /** Show `value` now if the last showing was at least the interval ago, else at the interval's end (the latest value then). */
  push(value: T): void;
  /** Forget a value not shown yet. */
  cancel(): void;
}

export function paced<T>(show: (value: T) => void, everyMs: number, now: () => number = () => performance.now()): Paced<T> {
  let shownAt = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    shownAt = now();
    show(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = shownAt + everyMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
