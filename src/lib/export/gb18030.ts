// GB18030 encoding for CSV files opened by older Excel/WPS set to the Chinese code page. Browsers
// only encode UTF-8, but every browser (and Node with ICU) decodes GB18030: the reverse table is
// built once, lazily, by decoding every two-byte code and the four-byte BMP range. Characters
// beyond the BMP follow GB18030's linear four-byte mapping from U+10000.

let table: Map<number, number[]> | null = null;

function buildTable(): Map<number, number[]> {
  const decoder = new TextDecoder('gb18030', { fatal: false });
  const map = new Map<number, number[]>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch.charCodeAt(0))) map.set(ch.charCodeAt(0), [lead, trail]);
    }
  }
  // Four-byte codes for the rest of the BMP: b1 0x81–0x84, b2 0x30–0x39, b3 0x81–0xFE, b4 0x30–0x39.
  const quad = new Uint8Array(4);
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          quad[0] = b1;
          quad[1] = b2;
          quad[2] = b3;
          quad[3] = b4;
          const ch = decoder.decode(quad);
          if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch.charCodeAt(0))) map.set(ch.charCodeAt(0), [b1, b2, b3, b4]);
        }
      }
    }
  }
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
