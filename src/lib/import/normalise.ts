// Header text normalisation shared by mapping and header-row detection. Exports differ in width
// (全角/半角), stray spaces, bracket styles and "required" asterisks, never in meaning.

const BRACKETS = /[()[\]{}（）【】〔〕［］｛｝《》〈〉<>「」『』]/g;
const DECORATION = /[\s*＊:：_\-—·•．.、]/g;

/** Full-width → half-width, lower case, no whitespace, no brackets, no decoration characters. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(BRACKETS, '').replace(DECORATION, '');
}

/**
 * The header without a trailing time/date word, so 受理日期, 受理时间 and 受理(时间) meet at 受理.
 * Only used for timestamp columns, and only when the stem picks one column unambiguously.
 */
export function timeStem(normalised: string): string {
  return normalised.replace(/(时间|日期|时刻|日时|时点)$/, '');
}
