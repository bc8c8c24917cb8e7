// Column arrays allocated once at their final length. Growing a few hundred thousand-element array
// by push reallocates and copies it again and again, and fresh memory is what generation mostly
// costs; `new Array(n)` alone would give slow dictionary elements above ~100k entries, which the
// fill turns into a dense array. Filled with the value most rows keep, so passes write only the rest.

/** A column whose cells stay NULL unless a pass sets them. */
export function nullColumn<T>(n: number): (T | null)[] {
  return new Array<T | null>(n).fill(null);
}

export function filledColumn<T>(n: number, value: T): T[] {
  return new Array<T>(n).fill(value);
}
