import { describe, expect, it } from 'vitest';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { gather, gunzip, inflateStream } from '$lib/platform/inflate';

/** Bytes nobody could guess: a repeating pattern broken by a counter, so gzip has work to do. */
function bytesOf(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i % 251) ^ (i >> 10);
  return out;
}

/** toEqual walks a typed array element by element (seconds for megabytes); Buffer compares memory. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function streamOf(...pieces: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(new Uint8Array(p));
      controller.close();
    },
  });
}

describe('gunzip', () => {
  it('returns exactly the bytes that were gzipped, large and empty', async () => {
    const original = bytesOf(3_000_000);
    expect(same(await gunzip(new Uint8Array(gzipSync(original))), original)).toBe(true);
    expect(await gunzip(new Uint8Array(gzipSync(new Uint8Array(0))))).toEqual(new Uint8Array(0));
  });

  it('treats a trailer whose size lies as damage: rejected, never a short or padded buffer', async () => {
    const original = bytesOf(1_000);
    const gz = new Uint8Array(gzipSync(original));
    // ISIZE is the last four bytes, little-endian; 10 and 10,000,000 both lie.
    const small = gz.slice();
    new DataView(small.buffer).setUint32(small.length - 4, 10, true);
    const large = gz.slice();
    new DataView(large.buffer).setUint32(large.length - 4, 10_000_000, true);
    // DecompressionStream checks ISIZE itself: a lying trailer is damage, reported, not hidden.
    await expect(gunzip(small)).rejects.toThrow();
    await expect(gunzip(large)).rejects.toThrow();
  });

  it('rejects damaged input instead of returning part of it', async () => {
    const gz = new Uint8Array(gzipSync(bytesOf(50_000)));
    await expect(gunzip(gz.subarray(0, gz.length - 100))).rejects.toThrow();
    await expect(gunzip(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });

  it('reads a gzip member that sits inside a larger buffer', async () => {
    const original = bytesOf(20_000);
    const gz = gzipSync(original);
    const framed = new Uint8Array(gz.length + 8);
    framed.set(gz, 5);
    expect(same(await gunzip(framed.subarray(5, 5 + gz.length)), original)).toBe(true);
  });
});

describe('inflateStream', () => {
  it('inflates raw deflate (a zip entry) to the same bytes', async () => {
    const original = bytesOf(200_000);
    expect(same(await gather(inflateStream(new Uint8Array(deflateRawSync(original)), 'deflate-raw')), original)).toBe(true);
  });
});

describe('gather', () => {
  it('joins pieces in order whether the size hint is right, short or long', async () => {
    const want = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(await gather(streamOf([1, 2], [3], [4, 5, 6]), 6)).toEqual(want);
    expect(await gather(streamOf([1, 2], [3], [4, 5, 6]), 1)).toEqual(want);
    expect(await gather(streamOf([1, 2], [3], [4, 5, 6]), 100)).toEqual(want);
    expect(await gather(streamOf([1, 2], [3], [4, 5, 6]))).toEqual(want);
    expect(await gather(streamOf())).toEqual(new Uint8Array(0));
  });
});
