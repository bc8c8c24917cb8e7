// GB18030 encoding for CSV files opened by older Excel/WPS set to the Chinese code page. Browsers
// only encode UTF-8, but every browser (and Node with ICU) decodes GB18030: the reverse table is
// built once, lazily, by inverting the decoding tables the importer reads from the platform's
// TextDecoder (every two-byte code and the four-byte BMP range). Characters beyond the BMP follow
// GB18030's linear four-byte mapping from U+10000.
import { fourByteSequence, platformTables, twoByteSequence } from '$lib/import/gb18030';

let table: Map<number, number[]> | null = null;

function buildTable(): Map<number, number[]> {
  const { twoByte, fourByte } = platformTables();
  const map = new Map<number, number[]>();
  // The first code for a character wins: a two-byte one before a four-byte one.
  const add = (cp: number, bytes: number[]) => {
    if (cp >= 0 && cp <= 0xffff && !map.has(cp)) map.set(cp, bytes);
  };
  twoByte.forEach((cp, pointer) => add(cp, twoByteSequence(pointer)));
  fourByte.forEach((cp, pointer) => add(cp, fourByteSequence(pointer)));
  return map;
}

function supplementary(cp: number): number[] {
  let n = cp - 0x10000;
  const b4 = 0x30 + (n % 10);
  n = Math.floor(n / 10);
  const b3 = 0x81 + (n % 126);
  n = Math.floor(n / 126);
  const b2 = 0x30 + (n % 10);
  const b1 = 0x90 + Math.floor(n / 10);
  return [b1, b2, b3, b4];
}

/** The text as GB18030 bytes. ASCII stays one byte; an unpaired surrogate becomes '?'. */
export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) out.push(...supplementary(cp));
    else out.push(...(table.get(cp) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}
