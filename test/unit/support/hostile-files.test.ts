// The zip bombs of test/support/hostile-files.ts are built from one flushed MiB of deflate
// repeated; this checks that such an entry is what it declares: exactly its size of blank space
// under its CRC, by Node's own inflate (an independent reader).
import { describe, expect, it } from 'vitest';
import { crc32, inflateRawSync } from 'node:zlib';
import { lyingZipBombXlsx, zipBombXlsx } from '../../support/hostile-files';

/** Each entry of a ZIP written by zipOf: name, declared size and CRC, and its data inflated. */
function entries(bytes: Uint8Array): { name: string; size: number; crc: number; inflated: Buffer }[] {
  const v = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = [];
  let at = 0;
  while (v.readUInt32LE(at) === 0x04034b50) {
    const crc = v.readUInt32LE(at + 14);
    const compressed = v.readUInt32LE(at + 18);
    const size = v.readUInt32LE(at + 22);
    const nameLength = v.readUInt16LE(at + 26);
    const extra = v.readUInt16LE(at + 28);
    const name = v.toString('utf-8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    out.push({ name, size, crc, inflated: inflateRawSync(v.subarray(start, start + compressed)) });
    at = start + compressed;
  }
  return out;
}

const blank = (b: Buffer) => b.every((x) => x === 0x20);

describe('hand-built zip bombs', () => {
  it('an entry of 3 MiB blank space inflates to 3 × 1,048,576 spaces under its declared size and CRC', () => {
    const padding = entries(zipBombXlsx(2, 3)).filter((e) => e.name.startsWith('xl/media/padding'));
    expect(padding.map((e) => e.name)).toEqual(['xl/media/padding1.bin', 'xl/media/padding2.bin']);
    for (const e of padding) {
      expect(e.size).toBe(3_145_728);
      expect(e.inflated.length).toBe(3_145_728);
      expect(blank(e.inflated)).toBe(true);
      expect(crc32(e.inflated) >>> 0).toBe(e.crc);
    }
  });

  it('the lying entry declares 1,024 bytes and inflates to the whole blank space', () => {
    const lying = entries(lyingZipBombXlsx(2)).find((e) => e.name === 'xl/media/padding.bin')!;
    expect(lying.size).toBe(1024);
    expect(lying.inflated.length).toBe(2_097_152);
    expect(blank(lying.inflated)).toBe(true);
    expect(crc32(lying.inflated) >>> 0).toBe(lying.crc);
  });
});
