// Writes to IndexedDB that follow a user's change, one after another so the last change is the
// one stored, with where they stand for the page to show. A write takes a moment, and a reload
// inside that moment loses the change (Chromium aborts a page's unfinished transactions), so the
// user is told when it is safe, and told when a write failed rather than finding out on reload.
import { isStorageFull } from '$lib/store/kv';

export type SaveState = 'none' | 'saving' | 'saved' | 'failed';

export class SaveQueue {
  /** 'none' until something is written in this visit. */
  state = $state<SaveState>('none');
  /** Why the last write failed, for the console and the tooltip; cleared by the next write that succeeds. */
  error = $state<string | null>(null);
  /** Whether that failure was the disk (or the browser's quota) being full. */
  full = $state(false);
  #pending = 0;
  #tail: Promise<void> = Promise.resolve();

  /** Queues `write` behind the writes before it; never rejects (a failure is kept in `error`). */
  run(write: () => Promise<void>): Promise<void> {
    this.#pending++;
    this.state = 'saving';
    this.#tail = this.#tail.then(async () => {
      try {
        await write();
        this.error = null;
        this.full = false;
      } catch (error) {
        this.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.full = isStorageFull(error);
        console.warn('A change could not be saved in IndexedDB:', error);
      } finally {
        if (--this.#pending === 0) this.state = this.error === null ? 'saved' : 'failed';
      }
    });
    return this.#tail;
  }

  /** Back to 'none': what was written has just been erased, so 'saved' would no longer be true. */
  forget(): void {
    this.state = 'none';
    this.error = null;
    this.full = false;
  }

  /** Resolves when every write queued so far has ended. */
  flushed(): Promise<void> {
    return this.#tail;
  }
}
