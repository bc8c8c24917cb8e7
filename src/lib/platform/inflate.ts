// Inflating with the platform's DecompressionStream, fed from memory in 256 KB slices. Fed from
// `new Blob([bytes]).stream()` instead, the bytes first go to the browser's blob store and come
// back in 64 KB pieces: gunzipping the 23.5 MB sample took 795–899 ms that way against 255–317 ms
// in slices (same page, same run, three rounds each). Slices, each after a new task, rather than
// one write of the whole input (no faster: 244–299 ms): DuckDB's compile streams from this in the
// engine worker, whose other work must go on meanwhile — a stream fed from memory runs as one chain
// of microtasks, and the prefetch of stored tables (IndexedDB answers as tasks) then waited for the
// whole compile (reopen bench: pieces fetched 69 ms after DuckDB opened instead of 1.8 s before).

import { nextTask } from './next-task';

export type InflateFormat = 'gzip' | 'deflate-raw';

const SLICE_BYTES = 256 << 10;

/** The decompressed bytes as a stream; damaged input errors the stream (and nothing else). */
export function inflateStream(bytes: Uint8Array, format: InflateFormat): ReadableStream<Uint8Array> {
  let at = 0;
  const slices = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (at > 0) await nextTask();
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + SLICE_BYTES));
      at += SLICE_BYTES;
    },
  });
  return slices.pipeThrough(new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** Chunks from anywhere (a file read in order, say) as a stream, pulled one at a time. */
export function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Chunks from anywhere, decompressed as a stream. */
export function inflateChunks(chunks: AsyncIterable<Uint8Array>, format: InflateFormat): ReadableStream<Uint8Array> {
  return streamOf(chunks).pipeThrough(new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/**
 * A whole gzip member, gathered into a buffer its trailer sizes (ISIZE, the length mod 2^32):
 * one allocation instead of a list of pieces joined at the end.
 */
export function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const declared = bytes.length >= 18 ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true) : 0;
  return gather(inflateStream(bytes, 'gzip'), declared);
}

/**
 * Every byte of a stream in one buffer, `sizeHint` long when the hint is right (it grows or is cut
 * otherwise). `new Response(stream).arrayBuffer()` does the same in one line but took twice as long
 * on the sample (553–624 ms against 254–303 ms, same page, three rounds).
 */
export async function gather(stream: ReadableStream<Uint8Array>, sizeHint = 0): Promise<Uint8Array> {
  let out = new Uint8Array(sizeHint);
  let at = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, at + value.length));
      grown.set(out.subarray(0, at));
      out = grown;
    }
    out.set(value, at);
    at += value.length;
  }
  return at === out.length ? out : out.slice(0, at);
}
