// A read-only file over byte pieces already in JavaScript memory, for DuckDB's CSV reader.
// The import worker transcodes a GB18030 export into UTF-8 pieces; building a Blob of them costs
// the browser about as much as the transcoding ten times over (each Blob's bytes are sent to the
// browser process and read back from there, measured ~20 MB/s in a worker), so the pieces are
// transferred to the engine worker instead and DuckDB reads them as a file in JS memory, through
// the same sync-access-handle protocol as MemoryFile (memory-file.ts).
import { MemoryFile } from './memory-file';

/** Bytes of UTF-8 pieces, in order: what registerFile accepts besides a Blob. */
export type BytePieces = readonly Uint8Array[];

export class PiecesFile extends MemoryFile {
  /** Start offset of each piece, and one past the end. */
  private readonly starts: number[] = [0];

  constructor(private readonly pieces: BytePieces) {
    super(0);
    for (const p of pieces) this.starts.push(this.starts[this.starts.length - 1] + p.length);
  }

  override read(into: Uint8Array, options?: { at?: number }): number {
    let at = options?.at ?? 0;
    let written = 0;
    let k = this.pieceAt(at);
    while (written < into.length && k < this.pieces.length) {
      const piece = this.pieces[k];
      const from = at - this.starts[k];
      const n = Math.min(piece.length - from, into.length - written);
      into.set(piece.subarray(from, from + n), written);
      written += n;
      at += n;
      k++;
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

  /** The piece holding byte `at` (binary search: DuckDB reads in large, mostly forward blocks). */
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
