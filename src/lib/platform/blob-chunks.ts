// Reading a File (or any Blob) in order, into memory the reader chooses. `blob.stream()`'s default
// reader hands out a fresh buffer for every chunk, and fresh memory is what a big file's read
// costs most on the machines we measure: in a Chromium worker, the 311 MB GB18030 export took
// 1.3–1.9 s through the default reader, 0.3–0.6 s through a BYOB reader into one reused buffer,
// and merely allocating and touching 311 MB of new 1 MB buffers took 1.2 s (page faults).
//
// Each chunk is a whole block of `blockBytes` (the last one shorter): a BYOB read moves its buffer,
// detaching every earlier view of it, so a block is handed out only once it is full.
// - 'reused': one block, overwritten by the read after the consumer asked for the next chunk. For
//   a consumer that is done with a chunk (or has copied what it keeps) by then, such as a
//   transcoder.
// - 'kept': a new block each time, never written again, so a consumer may keep (or transfer) it.

export type ChunkMemory = 'reused' | 'kept';

/** Bytes per block: a read returns what the browser has at hand (about 64–128 KiB), so a block takes several. */
export const CHUNK_BLOCK_BYTES = 1 << 20;

export async function* blobChunks(blob: Blob, memory: ChunkMemory, blockBytes = CHUNK_BLOCK_BYTES): AsyncGenerator<Uint8Array> {
  const stream = blob.stream();
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream in this browser: its own chunks, which are never reused.
    yield* defaultChunks(stream);
    return;
  }
  try {
    let block = new ArrayBuffer(blockBytes);
    let at = 0;
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(block, at, blockBytes - at));
      // The read moved the buffer: the block lives on in the view it returned.
      if (value) block = value.buffer as ArrayBuffer;
      if (value) at += value.length;
      if (at === blockBytes || (done && at > 0)) {
        yield new Uint8Array(block, 0, at);
        if (memory === 'kept') block = new ArrayBuffer(blockBytes);
        at = 0;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* defaultChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
