// A read-only file over pieces, for DuckDB: bytes already in JavaScript memory, or Blobs that
// IndexedDB handed back unread. Same handle shape as MemoryFile (memory-file.ts).
//
// Why pieces, never one buffer: the import worker transcodes a GB18030 export into UTF-8 pieces,
// and building a Blob of them costs the browser about as much as the transcoding ten times over
// (each Blob's bytes go to the browser process and back, ~20 MB/s in a worker), so the pieces are
// transferred to the engine worker and read where they are, never concatenated.
//
// Why Blobs: a stored database file of 100 MB read from IndexedDB as bytes costs its whole read
// (disk, the copy out of the browser process, the structured-clone unwrap) before DuckDB can
// attach it, though the first figure needs only a fraction of its blocks. Stored as Blobs, the
// pieces come back as handles; this file reads only the slices DuckDB asks for, synchronously
// (DuckDB's file API is synchronous; FileReaderSync exists in workers), a window at a time so that
// DuckDB's block-sized reads do not each cost a trip to the browser process.
import { MemoryFile } from './memory-file';

/** One piece of a file: bytes in memory, or a Blob read on demand. */
export type StoredPiece = Uint8Array | Blob;

/** Bytes of UTF-8 pieces, in order: what registerFile accepts besides a Blob. */
export type BytePieces = readonly Uint8Array[];

/** Reads bytes [start, end) of a Blob synchronously. */
export type SyncSliceReader = (blob: Blob, start: number, end: number) => Uint8Array;

/** Reads a whole Blob (loadAll); the default is the Blob's own arrayBuffer() on this thread. */
export type WholeReader = (blob: Blob) => Promise<ArrayBuffer>;

interface FileReaderSyncLike {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}
type FileReaderSyncConstructor = new () => FileReaderSyncLike;

/** The platform's synchronous Blob reader (workers only), or null (the page, Node). */
export function fileReaderSync(): SyncSliceReader | null {
  const Reader = (globalThis as { FileReaderSync?: FileReaderSyncConstructor }).FileReaderSync;
  if (typeof Reader !== 'function') return null;
  const reader = new Reader();
  return (blob, start, end) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(start, end)));
}

export interface PiecesOptions {
  /** Bytes fetched per trip to a Blob (aligned within its piece): DuckDB then reads the rest of the window from memory. */
  windowBytes?: number;
  /** Windows kept (least recently used goes first): a scan over several columns reads from several places at once. */
  windows?: number;
  readSlice?: SyncSliceReader;
  readWhole?: WholeReader;
}

/** Defaults measured in bench/reopen.ts (see the report's window line). */
export const DEFAULT_WINDOW_BYTES = 2 << 20;
export const DEFAULT_WINDOWS = 8;

export class PiecesFile extends MemoryFile {
  /** Start offset of each piece, and one past the end. */
  private readonly starts: number[] = [0];
  private readonly windowBytes: number;
  private readonly windows: number;
  /** Set on the first Blob window read: a file of byte pieces never needs a reader. */
  private readSlice: SyncSliceReader | null;
  /** Windows read from Blobs, by `${piece}:${window}`, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, Uint8Array>();
  /** What reading cost so far: trips to a Blob, their bytes and milliseconds. */
  readonly stats = { sliceReads: 0, sliceBytes: 0, sliceMs: 0, piecesLoaded: 0 };

  private readonly pieces: StoredPiece[];
  private readonly readWhole: WholeReader;
  /** Resolves once every piece is bytes in memory (loadAll), or rejects with the read's error. */
  private loading: Promise<void> | null = null;

  constructor(pieces: readonly StoredPiece[], options: PiecesOptions = {}) {
    super(0);
    this.pieces = [...pieces];
    for (const p of pieces) this.starts.push(this.starts[this.starts.length - 1] + pieceSize(p));
    this.windowBytes = Math.max(1, options.windowBytes ?? DEFAULT_WINDOW_BYTES);
    this.windows = Math.max(1, options.windows ?? DEFAULT_WINDOWS);
    this.readSlice = options.readSlice ?? null;
    this.readWhole = options.readWhole ?? ((blob) => blob.arrayBuffer());
  }

  /**
   * Read every Blob piece into memory in the background, in order, one at a time; from then on
   * DuckDB reads that piece from memory. Measured on the reopen bench: a synchronous slice read
   * costs a round trip to the browser process per window (≈16 MB/s under load), while an async
   * read streams; the first figure needs most of the file's blocks, so the whole file is fetched
   * at once, and only a window DuckDB asks for before its piece has arrived is read synchronously.
   * `readWhole` decides on which thread the bytes are read (the engine passes a helper worker's).
   */
  loadAll(): Promise<void> {
    this.loading ??= (async () => {
      for (let k = 0; k < this.pieces.length; k++) {
        const piece = this.pieces[k];
        if (piece instanceof Uint8Array) continue;
        const bytes = new Uint8Array(await this.readWhole(piece));
        if (bytes.length !== piece.size) throw new Error(`stored piece ${k} read ${bytes.length} bytes of ${piece.size}`);
        this.pieces[k] = bytes;
        for (const key of [...this.cache.keys()]) if (key.startsWith(`${k}:`)) this.cache.delete(key);
        this.stats.piecesLoaded++;
      }
    })();
    return this.loading;
  }

  override read(into: Uint8Array, options?: { at?: number }): number {
    let at = options?.at ?? 0;
    let written = 0;
    let k = this.pieceAt(at);
    while (written < into.length && k < this.pieces.length) {
      // Past this piece (or an empty one): on to the next.
      if (at >= this.starts[k + 1]) {
        k++;
        continue;
      }
      const piece = this.pieces[k];
      const from = at - this.starts[k];
      const n = piece instanceof Uint8Array ? this.copyBytes(piece, from, into, written) : this.copyWindow(k, piece, from, into, written);
      written += n;
      at += n;
    }
    return written;
  }

  override write(): number {
    throw new Error('a pieces file is read-only');
  }

  override truncate(): void {
    throw new Error('a pieces file is read-only');
  }

  override getSize(): number {
    return this.starts[this.starts.length - 1];
  }

  override bytes(): Uint8Array {
    throw new Error('a pieces file is read piece by piece');
  }

  private copyBytes(piece: Uint8Array, from: number, into: Uint8Array, offset: number): number {
    const n = Math.min(piece.length - from, into.length - offset);
    into.set(piece.subarray(from, from + n), offset);
    return n;
  }

  /** Copy from the window of a Blob piece holding `from`; at most to that window's end. */
  private copyWindow(k: number, blob: Blob, from: number, into: Uint8Array, offset: number): number {
    const w = Math.floor(from / this.windowBytes);
    const start = w * this.windowBytes;
    const window = this.window(k, blob, w, start);
    const n = Math.min(window.length - (from - start), into.length - offset);
    if (n <= 0) throw new Error(`piece ${k} is shorter than recorded (${window.length} bytes from ${start})`);
    into.set(window.subarray(from - start, from - start + n), offset);
    return n;
  }

  private window(k: number, blob: Blob, w: number, start: number): Uint8Array {
    const key = `${k}:${w}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used goes to the end.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const t0 = performance.now();
    const readSlice = (this.readSlice ??= fileReaderSync() ?? cannotReadSync);
    const bytes = readSlice(blob, start, Math.min(start + this.windowBytes, blob.size));
    this.stats.sliceMs += performance.now() - t0;
    this.stats.sliceReads++;
    this.stats.sliceBytes += bytes.length;
    this.cache.set(key, bytes);
    if (this.cache.size > this.windows) this.cache.delete(this.cache.keys().next().value!);
    return bytes;
  }

  /** The piece holding byte `at` (binary search). */
  private pieceAt(at: number): number {
    let lo = 0;
    let hi = this.pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid + 1] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const cannotReadSync: SyncSliceReader = () => {
  throw new Error('this thread cannot read a Blob synchronously');
};

function pieceSize(piece: StoredPiece): number {
  return piece instanceof Uint8Array ? piece.length : piece.size;
}
