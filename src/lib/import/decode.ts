// Text encodings of real exports: UTF-8, UTF-8 with BOM, GBK/GB18030 (older 12345 and grid
// systems), now and then UTF-16 from "Unicode text" saves. DuckDB-WASM reads only UTF-8, so all
// decoding happens here, in the worker, before DuckDB sees anything.
import { ImportError } from './errors';
import { Gb18030ToUtf8, agreesWithDecoder, platformTables } from './gb18030';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Why: a byte-order mark, the bytes being valid UTF-8, or the GB18030 fallback. */
  reason: 'bom' | 'valid-utf8' | 'fallback' | 'override';
  bom: boolean;
}

export interface DecodedText extends EncodingGuess {
  text: string;
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Strict UTF-8 check. `complete` false means the bytes are a prefix of a larger file, so a
 * multibyte sequence cut at the end is not held against them.
 */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Guess the encoding. GBK text is almost never valid UTF-8 (its two-byte sequences break UTF-8's
 * continuation rules within a few characters), so "strict UTF-8, else GB18030" is reliable; GB18030
 * is a superset of GBK and GB2312, so it is the safe fallback.
 */
export function detectEncoding(bytes: Uint8Array, complete = true): EncodingGuess {
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom.encoding, reason: 'bom', bom: true };
  if (isUtf8(bytes, complete)) return { encoding: 'utf-8', reason: 'valid-utf8', bom: false };
  return { encoding: 'gb18030', reason: 'fallback', bom: false };
}

/** Decode a whole file; `override` is the user's choice when the guess was wrong. */
export function decodeBytes(bytes: Uint8Array, override?: TextEncodingName): DecodedText {
  const guess: EncodingGuess = override
    ? { encoding: override, reason: 'override', bom: bomOf(bytes)?.encoding === override }
    : detectEncoding(bytes);
  // TextDecoder drops a BOM matching its own encoding by itself (ignoreBOM defaults to false).
  const text = new TextDecoder(guess.encoding).decode(bytes);
  return { ...guess, text };
}

/**
 * Decode a stream of byte chunks (File.stream() in the browser, a read stream in Node) into text
 * chunks. A multibyte character split across chunks is carried over by TextDecoder's stream mode.
 * When the guess was UTF-8 (made from the first chunk), decoding stays strict: a later invalid
 * byte means the file is not UTF-8 after all and the user should pick the encoding, rather than
 * getting replacement characters in their data.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  options: { strict?: boolean; file?: string } = {},
): AsyncGenerator<string> {
  const strict = options.strict ?? encoding === 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: strict });
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (e) {
    if (e instanceof TypeError) {
      throw new ImportError(
        'encoding-changed',
        `文件后部不是 ${encoding.toUpperCase()} 编码；请在导入时手动选择编码（如 GB18030）`,
        `the file is not valid ${encoding} beyond its beginning; choose the encoding by hand`,
        options.file,
      );
    }
    throw e;
  }
}

/** Bytes in some encoding in, its UTF-8 out, chunk by chunk; the view returned is reused by the next call. */
export interface ToUtf8 {
  push(bytes: Uint8Array): Uint8Array;
  end(): Uint8Array;
}

/** TextDecoder, then TextEncoder.encodeInto into one reused buffer: no new array per chunk. */
class DecoderToUtf8 implements ToUtf8 {
  private readonly decoder: TextDecoder;
  private readonly encoder = new TextEncoder();
  private out = new Uint8Array(0);

  constructor(encoding: TextEncodingName) {
    this.decoder = new TextDecoder(encoding);
  }

  push(bytes: Uint8Array): Uint8Array {
    return this.encode(this.decoder.decode(bytes, { stream: true }));
  }

  end(): Uint8Array {
    return this.encode(this.decoder.decode());
  }

  private encode(text: string): Uint8Array {
    // A UTF-16 unit is at most three UTF-8 bytes (a surrogate pair, two units, is four).
    if (this.out.length < text.length * 3) this.out = new Uint8Array(Math.max(text.length * 3, this.out.length * 2));
    return this.out.subarray(0, this.encoder.encodeInto(text, this.out).written);
  }
}

let gb18030Checked: boolean | null = null;

/**
 * Build the GB18030 tables and check them against the platform's decoder, once per worker: true
 * when Gb18030ToUtf8 may be used. A spare import worker does it while the page is idle
 * (import.worker.ts), so that a GBK export's first progress does not wait for it.
 */
export function readyGb18030(): boolean {
  gb18030Checked ??= agreesWithDecoder(platformTables());
  return gb18030Checked;
}

/**
 * A streaming transcoder to UTF-8. GB18030 goes through the table-driven Gb18030ToUtf8 (about
 * 30× Chromium's TextDecoder on a ticket export) once it has been seen to agree with the
 * platform's decoder on malformed input; otherwise, and for UTF-16, TextDecoder does it.
 */
export function toUtf8Stream(encoding: TextEncodingName): ToUtf8 {
  if (encoding === 'gb18030' && readyGb18030()) return new Gb18030ToUtf8(platformTables());
  return new DecoderToUtf8(encoding);
}
