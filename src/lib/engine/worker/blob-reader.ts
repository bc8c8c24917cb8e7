// Reads Blobs whole in a worker of its own, for the engine worker's stored pieces (PiecesFile's
// loadAll). Why another thread: a Blob's bytes reach the thread that reads them as a stream of
// small tasks, and the engine worker's thread spends a reopen inside long synchronous calls
// (instantiating DuckDB, opening it, the first figures' queries), so its own background reads
// crawled at ≈20 MB/s against ≈180 MB/s in an idle worker (bench/reopen.ts). A helper that does
// nothing else reads at the idle rate and hands each piece over in one message, its buffer
// transferred, not copied.
import type { WholeReader } from '../pieces-file';

// The helper's whole program: read the Blob it is sent, send its bytes back by transfer.
const HELPER_SOURCE = `onmessage = async (event) => {
  const { id, blob } = event.data;
  try {
    const buffer = await blob.arrayBuffer();
    postMessage({ id, buffer }, [buffer]);
  } catch (error) {
    postMessage({ id, error: String(error) });
  }
};`;

interface Answer {
  id: number;
  buffer?: ArrayBuffer;
  error?: string;
}

/**
 * A WholeReader backed by a helper worker, started with the first Blob it is asked to read (a
 * sealed store's pieces are bytes, and never need it); or null where this thread has no Worker
 * (Node): the caller then reads on its own thread. A helper that cannot start rejects the read.
 */
export function blobReaderWorker(): WholeReader | null {
  if (typeof Worker !== 'function' || typeof URL.createObjectURL !== 'function') return null;
  let helper: Worker | null = null;
  const waiting = new Map<number, { resolve: (b: ArrayBuffer) => void; reject: (e: Error) => void }>();
  let next = 0;
  const start = (): Worker => {
    // The URL lives as long as this thread: revoking it before the worker has fetched it would fail the start.
    const started = new Worker(URL.createObjectURL(new Blob([HELPER_SOURCE], { type: 'text/javascript' })));
    started.onmessage = (event: MessageEvent<Answer>) => {
      const { id, buffer, error } = event.data;
      const wait = waiting.get(id);
      waiting.delete(id);
      if (!wait) return;
      if (buffer) wait.resolve(buffer);
      else wait.reject(new Error(`reading a stored piece failed: ${error}`));
    };
    started.onerror = (event) => {
      event.preventDefault();
      for (const wait of waiting.values()) wait.reject(new Error(`the piece reader stopped: ${event.message}`));
      waiting.clear();
    };
    return started;
  };
  return (blob) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      try {
        helper ??= start();
        helper.postMessage({ id, blob });
      } catch (error) {
        waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
}
