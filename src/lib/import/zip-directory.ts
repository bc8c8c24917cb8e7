// The central directory of a ZIP (an XLSX is one), read from the bytes without inflating
// anything: entry names with their declared sizes, so a file can be refused for what it claims
// to hold before any reader starts decompressing it. Layout: APPNOTE.TXT §4.3.12 and §4.3.16.
import { inflateStream } from '$lib/platform/inflate';

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

/** Entries of the central directory, or null when the ZIP has no complete one (truncated, not a ZIP). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < EOCD_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - EOCD_SIZE; i >= earliest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0 || offset + size > eocd) return null;
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + CENTRAL_HEADER_SIZE > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const declared = view.getUint32(at + 24, true);
    entries.push({
      name: names.decode(bytes.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength)),
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

/** The compressed bytes of one entry, or null when its local header is not where the directory says. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeaderOffset;
  if (at + LOCAL_HEADER_SIZE > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
  const start = at + LOCAL_HEADER_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

/**
 * The first `limit` decompressed bytes of an entry (fewer when it is shorter), inflating only as
 * far as needed: a declared size can lie, the head of the stream cannot hurt.
 */
export async function readEntryHead(bytes: Uint8Array, entry: ZipEntry, limit: number): Promise<Uint8Array | null> {
  const data = entryData(bytes, entry);
  if (!data) return null;
  if (entry.method === 0) return data.subarray(0, limit);
  if (entry.method !== 8) return null;
  const reader = inflateStream(data, 'deflate-raw').getReader();
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
export async function entriesInflateCleanly(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<boolean> {
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (!data) return false;
    if (entry.method === 0) {
      if (data.length !== entry.uncompressedSize) return false;
      continue;
    }
    if (entry.method !== 8) return false;
    const reader = inflateStream(data, 'deflate-raw').getReader();
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
