// Font subsetting with HarfBuzz's own subsetter (harfbuzzjs's standalone hb-subset WASM, no
// imports). The same code runs in Node (scripts/subset-font.ts makes the shipped subset) and in
// the browser (each exported SVG carries only the glyphs it uses, a few KB instead of the
// whole shipped subset).

interface HbSubsetExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;

export type HbSubset = (font: Uint8Array, codepoints: Iterable<number>, options?: { faceIndex?: number; dropTables?: string[] }) => Uint8Array;

function tag(name: string): number {
  return ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
}

/** Instantiate the subsetter once; the returned function subsets a font to the given code points. */
export async function createHbSubset(wasm: BufferSource): Promise<HbSubset> {
  const { instance } = await WebAssembly.instantiate(wasm, {});
  const hb = instance.exports as unknown as HbSubsetExports;
  return (font, codepoints, options = {}) => {
    const fontPtr = hb.malloc(font.byteLength);
    new Uint8Array(hb.memory.buffer).set(font, fontPtr);
    const blob = hb.hb_blob_create(fontPtr, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    const face = hb.hb_face_create(blob, options.faceIndex ?? 0);
    hb.hb_blob_destroy(blob);
    const input = hb.hb_subset_input_create_or_fail();
    if (!input) throw new Error('hb-subset: cannot create input');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codepoints) hb.hb_set_add(unicodes, cp);
    if (options.dropTables?.length) {
      const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
      for (const name of options.dropTables) hb.hb_set_add(drop, tag(name));
    }
    const subset = hb.hb_subset_or_fail(face, input);
    hb.hb_subset_input_destroy(input);
    if (!subset) {
      hb.hb_face_destroy(face);
      hb.free(fontPtr);
      throw new Error('hb-subset: subsetting failed');
    }
    const result = hb.hb_face_reference_blob(subset);
    const offset = hb.hb_blob_get_data(result, 0);
    const length = hb.hb_blob_get_length(result);
    // Memory may have grown during subsetting: read through a fresh view.
    const bytes = new Uint8Array(hb.memory.buffer).slice(offset, offset + length);
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    hb.hb_face_destroy(face);
    hb.free(fontPtr);
    if (length === 0) throw new Error('hb-subset: empty result');
    return bytes;
  };
}

/** The distinct code points of some text, in order of first use. */
export function codepointsOf(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0)!);
  return set;
}
