// Reading a Blob in whole blocks, into one reused buffer or into blocks kept as they were read.
import { describe, expect, it } from 'vitest';
import { blobChunks, type ChunkMemory } from '$lib/platform/blob-chunks';

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);

async function collect(blob: Blob, memory: ChunkMemory, blockBytes: number): Promise<{ copies: Uint8Array[]; views: Uint8Array[] }> {
  const copies: Uint8Array[] = [];
  const views: Uint8Array[] = [];
  for await (const chunk of blobChunks(blob, memory, blockBytes)) {
    copies.push(chunk.slice());
    views.push(chunk);
  }
  return { copies, views };
}

const joined = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('blobChunks', () => {
  it('hands the bytes out in order, in whole blocks but the last', async () => {
    for (const memory of ['reused', 'kept'] as const) {
      const { copies } = await collect(new Blob([bytes.subarray(0, 6000), bytes.subarray(6000)]), memory, 4096);
      expect(copies.map((c) => c.length), memory).toEqual([4096, 4096, 1808]);
      expect(joined(copies), memory).toEqual(bytes);
    }
  });

  it('keeps every block it handed out intact in kept memory, each in a buffer of its own', async () => {
    const { views } = await collect(new Blob([bytes]), 'kept', 3000);
    expect(joined(views)).toEqual(bytes);
    expect(new Set(views.map((v) => v.buffer)).size).toBe(views.length);
  });

  it('reads every block into the same memory when it may be reused', async () => {
    const { views, copies } = await collect(new Blob([bytes]), 'reused', 3000);
    expect(joined(copies)).toEqual(bytes);
    // Read over (or moved on by the next read): only the last block still holds its bytes.
    expect(views.slice(0, -1).some((v, i) => v.length !== 3000 || v.some((b, k) => b !== bytes[i * 3000 + k]))).toBe(true);
    expect(views.at(-1)).toEqual(bytes.subarray(9000));
  });

  it('gives a block size that divides the file exactly, and nothing for an empty file', async () => {
    expect((await collect(new Blob([bytes]), 'kept', 2500)).copies.map((c) => c.length)).toEqual([2500, 2500, 2500, 2500]);
    expect((await collect(new Blob([]), 'reused', 2500)).copies).toEqual([]);
  });
});
