// The central directory of a ZIP (an XLSX is one), read without inflating anything: entry names
// with their declared sizes, so a file can be refused for what it claims to hold before any reader
// starts decompressing it; and an entry's bytes, read by range from memory or from the file on
// disk (ByteSource). Layout: APPNOTE.TXT §4.3.12 and §4.3.16.
import { memorySource, type ByteSource } from '$lib/platform/byte-source';
import { inflateChunks, streamOf } from '$lib/platform/inflate';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
/** A size field of all ones means "see the ZIP64 extra field": at least 4 GiB, or a lie. */
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** CRC-32 of the uncompressed bytes, as declared. */
  crc: number;
  compressedSize: number;
  /** As declared; ZIP64_MARK entries count as Infinity. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Where the central directory is, from the end-of-central-directory record in a ZIP's last bytes (`tail`, at `tailStart`). */
function locateDirectory(tail: Uint8Array, tailStart: number): { count: number; offset: number; size: number } | null {
  if (tail.length < EOCD_SIZE) return null;
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const earliest = Math.max(0, tail.length - EOCD_SIZE - 0xffff);
  for (let i = tail.length - EOCD_SIZE; i >= earliest; i--) {
    if (view.getUint32(i, true) !== EOCD_SIGNATURE) continue;
    const count = view.getUint16(i + 10, true);
    const size = view.getUint32(i + 12, true);
    const offset = view.getUint32(i + 16, true);
    return count === 0 || offset + size > tailStart + i ? null : { count, offset, size };
  }
  return null;
}

/** The entries of a central directory, `count` of them, or null when they do not fit in it. */
function parseDirectory(directory: Uint8Array, count: number): ZipEntry[] | null {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + CENTRAL_HEADER_SIZE > directory.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const declared = view.getUint32(at + 24, true);
    entries.push({
      name: names.decode(directory.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: declared === ZIP64_MARK ? Infinity : declared,
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Entries of the central directory, or null when the ZIP has no complete one (truncated, not a ZIP). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const where = locateDirectory(bytes, 0);
  return where && parseDirectory(bytes.subarray(where.offset, where.offset + where.size), where.count);
}

/** readZipDirectory from a source read by range: the file's last 64 KiB, and the directory if it starts before them. */
export async function readZipDirectoryFrom(source: ByteSource): Promise<ZipEntry[] | null> {
  const tailStart = Math.max(0, source.size - EOCD_SIZE - 0xffff);
  const tail = await source.read(tailStart, source.size);
  const where = locateDirectory(tail, tailStart);
  if (!where) return null;
  const directory =
    where.offset >= tailStart ? tail.subarray(where.offset - tailStart, where.offset - tailStart + where.size) : await source.read(where.offset, where.offset + where.size);
  return parseDirectory(directory, where.count);
}

/** Where an entry's data starts, from its local header's first 30 bytes; null when no local header is there. */
function dataStart(header: Uint8Array, at: number): number | null {
  if (header.length < LOCAL_HEADER_SIZE) return null;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== LOCAL_SIGNATURE) return null;
  return at + LOCAL_HEADER_SIZE + view.getUint16(26, true) + view.getUint16(28, true);
}

/** The compressed bytes of one entry, or null when its local header is not where the directory says. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeaderOffset;
  const start = dataStart(bytes.subarray(at, at + LOCAL_HEADER_SIZE), at);
  if (start === null || start + entry.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Where one entry's compressed bytes are in the source, or null when its local header is not where the directory says. */
export async function entryRange(source: ByteSource, entry: ZipEntry): Promise<{ start: number; end: number } | null> {
  const at = entry.localHeaderOffset;
  const start = dataStart(await source.read(at, at + LOCAL_HEADER_SIZE), at);
  if (start === null || start + entry.compressedSize > source.size) return null;
  return { start, end: start + entry.compressedSize };
}

/** An entry's inflated bytes as a stream, from the source by range; null for a method other than stored or deflated. */
export function inflateEntry(source: ByteSource, range: { start: number; end: number }, entry: ZipEntry): ReadableStream<Uint8Array> | null {
  if (entry.method === 8) return inflateChunks(source.chunks(range.start, range.end), 'deflate-raw');
  return entry.method === 0 ? streamOf(source.chunks(range.start, range.end)) : null;
}

/**
 * The first `limit` decompressed bytes of an entry (fewer when it is shorter), inflating only as
 * far as needed: a declared size can lie, the head of the stream cannot hurt.
 */
export function readEntryHead(bytes: Uint8Array, entry: ZipEntry, limit: number): Promise<Uint8Array | null> {
  return readEntryHeadFrom(memorySource(bytes), entry, limit);
}

export async function readEntryHeadFrom(source: ByteSource, entry: ZipEntry, limit: number): Promise<Uint8Array | null> {
  const range = await entryRange(source, entry);
  const stream = range && inflateEntry(source, range, entry);
  if (!stream) return null;
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } catch {
    // A damaged stream: whatever came out before the damage is still the head.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const head = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const p of parts) {
    if (offset >= head.length) break;
    head.set(p.subarray(0, head.length - offset), offset);
    offset += p.length;
  }
  return head;
}

/**
 * Whether every entry inflates cleanly to exactly its declared size. SheetJS's own inflater can
 * loop forever on a damaged deflate stream (found by the findings fuzz test: one flipped byte in
 * docProps/core.xml), while the platform's reports the damage; inflating costs one pass over the
 * decompressed bytes, so callers use it for small files. Stops at the first entry that produces
 * more than it declared: a zip bomb that lies about its sizes is caught here too.
 */
export function entriesInflateCleanly(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<boolean> {
  return entriesInflateCleanlyFrom(memorySource(bytes), entries);
}

export async function entriesInflateCleanlyFrom(source: ByteSource, entries: readonly ZipEntry[]): Promise<boolean> {
  for (const entry of entries) {
    const range = await entryRange(source, entry);
    const stream = range && inflateEntry(source, range, entry);
    if (!stream) return false;
    const reader = stream.getReader();
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > entry.uncompressedSize) return false;
      }
    } catch {
      return false;
    } finally {
      void reader.cancel().catch(() => undefined);
    }
    if (size !== entry.uncompressedSize) return false;
  }
  return true;
}
