// The import worker's half of a CSV's engine path: one pass over the file's bytes that makes them
// UTF-8 (a UTF-8 file is already; GB18030 is transcoded as it streams), decides the header from
// the first MiB of that UTF-8, and scans all of it (csv-scan.ts). DuckDB then reads the UTF-8.
//
// With `onPart` (the Data page), the UTF-8 is handed on in parts of about PART_BYTES that end
// where a record ends, each as soon as it is complete, so that DuckDB reads one part while the
// rest is scanned (csv-parts.ts), and the file is read once, by the scan. Letting DuckDB read a
// UTF-8 File itself cost it a synchronous trip to the browser per 16 MB buffer: 3.6–4.9 s of its
// 7.5–10.5 s read of a 1M-row export in a fresh page; in parts, the first figures came 0.9–1.6 s
// sooner (three alternating pairs).
//
// Otherwise (the report command; a file over PIECES_MAX_BYTES, whose parts could pile up in the
// page faster than DuckDB reads them) DuckDB reads the File itself, or the transcoding as pieces
// of BLOB_PART_BYTES transferred to the engine worker and read there from JavaScript memory
// (engine/pieces-file.ts). A Blob of the transcoding would cost far more than the transcoding
// itself (measured in a Chromium worker, 1M-row ticket export: transcoding 4.5 s, the same with
// 8 MB Blob parts 22.7 s, with one part per chunk 16.4 s); a Blob is kept only for files too big
// to hold in memory.
import { CsvScanner, type CsvScan } from './csv-scan';
import { toUtf8Stream, type EncodingGuess } from './decode';
import { FIRST_HEAD_BYTES, HEAD_BYTES, cellFactsPlanOf, planCsvHead, readTypesOf, readableSoFar, type CsvHead, type ReadAs, type ReadType } from './engine-csv';
import type { MappingChoice } from './session';
import { concatBytes } from '$lib/platform/bytes';
import type { ChunkMemory } from '$lib/platform/blob-chunks';
import type { TableName } from '$lib/schema/tables';
import { ImportError } from './errors';
import type { SizeRefusal } from './file-size';
import type { HandedPart } from './csv-parts';

export interface CsvBytesInput {
  name: string;
  file: Blob;
  /**
   * The file's bytes in order, in memory of the kind asked for (platform/blob-chunks.ts): 'kept'
   * when the chunks themselves go on in parts, 'reused' when each is done with (transcoded,
   * scanned, its head copied) before the next is asked for.
   */
  chunks: (memory: ChunkMemory) => AsyncIterable<Uint8Array>;
  encoding: EncodingGuess;
  tabSeparated: boolean;
  choice: MappingChoice;
  /**
   * Called after every piece of at most PIECE_BYTES: the caller decides how often to tell.
   * `dataRecords`: records scanned below the header (dataRecordsOf), 0 until it is decided.
   */
  onProgress?: (bytesRead: number, dataRecords: number) => void;
  /**
   * The header decision, as soon as it is made (after the first MiB), and where DuckDB is to read
   * the UTF-8 from: the parts that follow, or the file itself beside the scan. Not called for a
   * transcoding returned whole, which DuckDB reads only once all of it is made. Its records stop
   * at the header (see headForPage).
   */
  onHead?: (head: CsvHead, from: 'file' | 'parts') => void;
  /**
   * The UTF-8 in parts (see PartsWriter), the last one flagged, each with the bytes of the file
   * read when it was cut (its end in the file, give or take the record left open), the header
   * decision through `onHead` before the first part. Without it, or for a file over
   * PIECES_MAX_BYTES, a UTF-8 file is read by DuckDB itself and a transcoding returned whole.
   * `readable`: the columns of readTypesOf(head) the part's read may type, given every data cell
   * up to the part's end (and perhaps a little beyond): readableSoFar.
   */
  onPart?: OnPart;
  /** The parts' size: PART_BYTES unless told (the tests cut a small file into several). */
  partBytes?: number;
  /**
   * Asked once the header names the target table, before any part is handed on: a refusal ends
   * the preparation with it (an ImportError 'too-large'), the rows unread.
   */
  admit?: (table: TableName) => SizeRefusal | null;
}

export interface PreparedBytes {
  /** The file itself (UTF-8), the transcoding whole, or empty when the UTF-8 went out in parts (`onPart`). */
  utf8: Blob | Uint8Array[];
  /** Whether it did. */
  parts: boolean;
  head: CsvHead;
  scan: CsvScan;
}

/** Input is handled in pieces of this size at most, so progress can be told between them. */
export const PIECE_BYTES = 1 << 20;
/** The transcoding is gathered into parts of this size: a few dozen parts for a big export. */
export const BLOB_PART_BYTES = 8 << 20;
/**
 * Files up to this size are transcoded into pieces held in memory (about 1.3× the file for a
 * Chinese export); bigger ones into a Blob, which the browser may keep on disk.
 */
export const PIECES_MAX_BYTES = 1024 ** 3;
/**
 * A part handed on (onPart) once it holds this much: two dozen parts for a 1M-row export. Each is
 * one statement for DuckDB, which takes a cancel only between the steps of a statement, and a
 * part's read is about one step. Measured on that export, parts no longer copied (PartsWriter):
 * 16 MB against 32 MB, first figures +0.3 s median of five alternating pairs (−0.25 to +0.57 s,
 * within their noise); a cancel while DuckDB reads answered in a median of 85 ms against 260 ms,
 * the slowest of twelve 341 ms against 491 ms. 8 MB parts cost 2.6 s (when the parts were copies).
 */
export const PART_BYTES = 16 << 20;
/**
 * The first part is handed on sooner: DuckDB has nothing to read until it comes, and reads every
 * later part as fast as the scan makes it, so the whole read ends as much earlier. The parts then
 * double up to PART_BYTES (partTarget): DuckDB read the 4 MB first part in about 70 ms and then
 * waited 45-65 ms for a 16 MB second one.
 */
export const FIRST_PART_BYTES = 4 << 20;

/** How many bytes the part after `cut` earlier ones holds: FIRST_PART_BYTES, doubling up to `partBytes`. */
export function partTarget(cut: number, partBytes: number): number {
  return Math.min(partBytes, FIRST_PART_BYTES * 2 ** Math.min(cut, 16));
}

/**
 * UTF-8 bytes cut into pieces of a fixed size. `full` takes each filled piece and returns the
 * buffer to fill next; `finish` the last, partly filled one.
 */
abstract class FixedPieces {
  protected piece: Uint8Array<ArrayBuffer>;
  protected at = 0;

  constructor(protected readonly pieceBytes: number) {
    this.piece = new Uint8Array(pieceBytes);
  }

  write(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      const take = Math.min(bytes.length - from, this.piece.length - this.at);
      this.piece.set(bytes.subarray(from, from + take), this.at);
      this.at += take;
      from += take;
      if (this.at === this.piece.length) {
        this.piece = this.full(this.piece);
        this.at = 0;
      }
    }
  }

  protected abstract full(piece: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;

  /** The partly filled piece (empty when none), after which the writer starts afresh. */
  protected rest(): Uint8Array<ArrayBuffer> {
    const rest = this.piece.subarray(0, this.at);
    this.at = 0;
    return rest;
  }
}

/** Pieces that are each a buffer of their own, to be transferred. */
export class PiecesWriter extends FixedPieces {
  private readonly pieces: Uint8Array[] = [];

  constructor(pieceBytes = BLOB_PART_BYTES) {
    super(pieceBytes);
  }

  protected full(piece: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    this.pieces.push(piece);
    return new Uint8Array(this.pieceBytes);
  }

  /** The pieces; the last one trimmed to its bytes (a copy, so no unused tail travels with it). */
  result(): Uint8Array[] {
    const rest = this.rest();
    if (rest.length > 0) this.pieces.push(rest.slice());
    return this.pieces;
  }
}

/** Blob parts through one reused buffer (a Blob copies what it is given). */
export class BlobWriter extends FixedPieces {
  private readonly parts: Blob[] = [];

  constructor(partBytes = BLOB_PART_BYTES) {
    super(partBytes);
  }

  protected full(piece: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
    this.parts.push(new Blob([piece]));
    return piece;
  }

  blob(): Blob {
    const rest = this.rest();
    if (rest.length > 0) this.parts.push(new Blob([rest]));
    return new Blob(this.parts);
  }
}

/**
 * UTF-8 handed on in parts that each end where a record ends: `cut` gives away everything written
 * but the record still open. The bytes written are held as they are, not copied: the caller's
 * chunks (a file's stream gives each its own buffer) become the part's buffers, to be
 * transferred. Copying them into pieces of our own cost the worker twice the scan's time in
 * Chromium (1M-row export, profiled: the copy 1.1 s of the worker's first 3 s, the scan 0.45 s),
 * CPU that DuckDB, reading the parts meanwhile, was short of on a two-core machine: without the
 * copy the worker's pass ended 5.3 → 3.45 s and the first figures came 0.5–1.9 s sooner (seven
 * alternating pairs).
 *
 * What that asks of the caller: bytes written are never reused (a transcoder's output is copied
 * first), and `cut` comes only between its chunks, never while a chunk is written piece by piece:
 * a part's buffers are transferred, which would detach the rest of a chunk still to be written.
 * The open record carried to the next part is copied, so no buffer is in two parts.
 */
export class PartsWriter {
  private views: Uint8Array[] = [];
  private written = 0;

  constructor(private readonly onPart: (part: Uint8Array[], last: boolean) => void) {}

  /** Bytes written since the last part was handed on. */
  get bytes(): number {
    return this.written;
  }

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.views.push(bytes);
    this.written += bytes.length;
  }

  /** Hand on everything written but its last `keep` bytes, which begin the next part. */
  cut(keep: number): void {
    let give = this.written - keep;
    if (give <= 0) return;
    const part: Uint8Array[] = [];
    const rest: Uint8Array[] = [];
    for (const v of this.views) {
      if (give >= v.length) {
        part.push(v);
        give -= v.length;
      } else {
        if (give > 0) part.push(v.subarray(0, give));
        rest.push(v.subarray(give).slice());
        give = 0;
      }
    }
    this.views = rest;
    this.written = keep;
    this.onPart(part, false);
  }

  /** The last part: whatever is left (possibly nothing). */
  finish(): void {
    const part = this.views;
    this.views = [];
    this.written = 0;
    this.onPart(part, true);
  }
}

/** A part of the UTF-8 handed on (CsvBytesInput.onPart). */
export type OnPart = (part: Uint8Array[], last: boolean, fileBytes: number, readable: ReadAs[]) => void;

/** The page's side of OnPart: the part's bytes, or what the worker sent on a part lane (engine/part-lane.ts). */
export type OnHandedPart = (part: HandedPart, last: boolean, fileBytes: number, readable: ReadAs[]) => void;

/**
 * Records below the header: what a user counts as rows read. The scan counts every record from
 * the file's first, the title and header rows included (csv-scan.ts).
 */
export function dataRecordsOf(records: number, head: Pick<CsvHead, 'headerIndex'> | null): number {
  return head ? Math.max(0, records - head.headerIndex - 1) : 0;
}

/** Null: not a file for the engine path (no header decision from its head); the JavaScript path says why. */
export async function prepareCsvBytes(input: CsvBytesInput): Promise<PreparedBytes | null> {
  const utf8Input = input.encoding.encoding === 'utf-8';
  const transcoder = utf8Input ? null : toUtf8Stream(input.encoding.encoding);
  const inMemory = input.file.size <= PIECES_MAX_BYTES;
  /** Bytes of the file taken so far, the piece being transcoded included. */
  let taken = 0;
  const onPart = input.onPart;
  /** The columns the parts' reads may type, once the head is decided. */
  let readTypes: ReadType[] = [];
  const parts =
    inMemory && onPart
      ? new PartsWriter((part, last) => onPart(part, last, last ? input.file.size : taken, readableSoFar((scanner as CsvScanner | null)?.facts ?? null, readTypes)))
      : null;
  const partBytes = input.partBytes ?? PART_BYTES;
  /** Where a transcoding goes when it is not handed on in parts. */
  const writer = parts || utf8Input ? null : inMemory ? new PiecesWriter() : new BlobWriter();
  let head: CsvHead | null = null;
  let scanner: CsvScanner | null = null;
  /** UTF-8 gathered until it holds the head (more than HEAD_BYTES, or the whole file). */
  let gathered: Uint8Array[] | null = [];
  let gatheredBytes = 0;

  /**
   * Decide the header from the first `headBytes` gathered (all of them once the file is complete)
   * and start the scan. False when no decision comes, or when `stands` finds it made from too
   * little; the bytes stay gathered either way.
   */
  const plan = (complete: boolean, headBytes: number, stands: (decided: CsvHead) => boolean = () => true): boolean => {
    const all = concatBytes(gathered!);
    gathered = [all];
    const decided = planCsvHead(complete ? all : all.subarray(0, headBytes), complete, input.tabSeparated, input.name, input.choice);
    if (!decided || !stands(decided)) return false;
    const refusal = input.admit?.(decided.decision.mapping.table);
    if (refusal) throw new ImportError('too-large', refusal.zh, refusal.en, refusal.file);
    gathered = null;
    head = decided;
    scanner = new CsvScanner(decided.delimiter, cellFactsPlanOf(decided));
    readTypes = readTypesOf(decided);
    if (utf8Input || parts) input.onHead?.({ ...decided, records: decided.records.slice(0, decided.headerIndex + 1) }, parts ? 'parts' : 'file');
    scanner.push(all);
    return true;
  };
  /** UTF-8 on its way: to the Blob, to the head until it is decided, to the scan after. */
  const take = (utf8: Uint8Array): boolean => {
    if (utf8.length === 0) return true;
    writer?.write(utf8);
    // The transcoder reuses its output buffer; the file's own chunks are ours to keep.
    parts?.write(transcoder ? utf8.slice() : utf8);
    if (scanner) {
      scanner.push(utf8);
      return true;
    }
    gathered!.push(utf8.slice());
    const before = gatheredBytes;
    gatheredBytes += utf8.length;
    // Tried once, as the gathered bytes pass FIRST_HEAD_BYTES; otherwise the MiB decides.
    if (before <= FIRST_HEAD_BYTES && gatheredBytes > FIRST_HEAD_BYTES && plan(false, FIRST_HEAD_BYTES, settlesHead)) return true;
    return gatheredBytes <= HEAD_BYTES || plan(false, HEAD_BYTES);
  };

  let bytesRead = 0;
  let partsCut = 0;
  // The file's own chunks become the parts of a UTF-8 file; anything else is copied out of them.
  for await (const chunk of input.chunks(parts && utf8Input ? 'kept' : 'reused')) {
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      const piece = chunk.subarray(at, at + PIECE_BYTES);
      taken = bytesRead + piece.length;
      if (!take(transcoder ? transcoder.push(piece) : piece)) return null;
      bytesRead += piece.length;
      input.onProgress?.(bytesRead, dataRecordsOf((scanner as CsvScanner | null)?.records ?? 0, head as CsvHead | null));
    }
    // Between chunks only: a part's buffers are transferred (PartsWriter).
    if (parts && scanner && parts.bytes >= partTarget(partsCut, partBytes)) {
      parts.cut((scanner as CsvScanner).openRecordBytes);
      partsCut++;
    }
  }
  if (transcoder && !take(transcoder.end())) return null;
  if (!scanner && !plan(true, HEAD_BYTES)) return null;
  // The scan ends first: the last record's last cell, with no line break after it, is judged only then.
  const scan = (scanner as unknown as CsvScanner).end();
  parts?.finish();
  const utf8 = parts ? [] : writer instanceof PiecesWriter ? writer.result() : writer instanceof BlobWriter ? writer.blob() : input.file;
  return { utf8, parts: parts !== null, head: headForPage(head!, scan), scan };
}

/**
 * Whether a head decided from the first FIRST_HEAD_BYTES is the one HEAD_BYTES would give. The
 * decision itself reads only the first HEADER_SEARCH_ROWS records, which planCsvHead requires to be
 * complete; what the larger head adds is the first data row for the first-row check. So the small
 * head stands when it holds a record after the header that cannot be a blank line (a record of one
 * empty cell may be one, and readPlanOf skips those).
 */
function settlesHead(head: CsvHead): boolean {
  const headerRow = head.decision.header.row;
  return head.records.some((r) => r.row > headerRow && (r.cells.length > 1 || r.cells[0] !== ''));
}

/**
 * The head as the page needs it: records up to the first data row (readPlanOf's first-row
 * check), not the thousands of records of the head's MiB, whose structured clone was a long
 * task on the main thread.
 */
export function headForPage(head: CsvHead, scan: CsvScan): CsvHead {
  const headerRow = head.decision.header.row;
  const blank = new Set(scan.blankRows);
  const first = head.records.find((r) => r.row > headerRow && !blank.has(r.row));
  const last = first ? first.row : headerRow;
  return { ...head, records: head.records.filter((r) => r.row <= last) };
}

