// The code points a font maps (cmap formats 4 and 12, the ones Noto CJK and its subsets use):
// lets tests check that a font really covers a text, not just that it was asked to.

export function cmapOf(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = 12 + i * 16;
    if (String.fromCharCode(...font.subarray(rec, rec + 4)) === 'cmap') cmap = view.getUint32(rec + 8);
  }
  if (cmap < 0) throw new Error('font has no cmap table');
  const out = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const offset = cmap + view.getUint32(cmap + 4 + i * 8 + 4);
    const format = view.getUint16(offset);
    if (format === 12) {
      const groups = view.getUint32(offset + 12);
      for (let g = 0; g < groups; g++) {
        const start = view.getUint32(offset + 16 + g * 12);
        const end = view.getUint32(offset + 20 + g * 12);
        for (let cp = start; cp <= end; cp++) out.add(cp);
      }
    } else if (format === 4) {
      const segX2 = view.getUint16(offset + 6);
      for (let s = 0; s < segX2 / 2; s++) {
        const end = view.getUint16(offset + 14 + s * 2);
        const start = view.getUint16(offset + 16 + segX2 + s * 2);
        for (let cp = start; cp <= end && cp !== 0xffff; cp++) out.add(cp);
      }
    }
  }
  return out;
}
