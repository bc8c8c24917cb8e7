// What the byte scan of a CSV (csv-scan.ts) can prove about the cells of its data rows, so that
// staging (staged-csv.ts) leaves out a statement whose answer is then known. The scan runs in the
// import worker, which has finished with the file seconds before DuckDB has read it; the
// statements it spares run on DuckDB's one thread after the read, where every one delays the
// figures. On a 1,000,000-row ticket export, in the page: five timestamp lookups 1.06 s, the
// order check 0.44 s, the key count 0.42 s, seven token and number lookups about 0.5 s, the
// blank-row search 0.17 s, the flagged-cells table 0.15-0.35 s. The facts cost the scan about
// 0.75 s in Chromium when first written (1.2 s against 0.47 s); comparing later timestamps in
// place, finding token lists by index and keeping keys in order without a table took about a
// third of it off (Node, 64 MB: 180-205 ms -> 135-140 ms; the whole 1M export's pass 0.2 s less).
// The same facts, as they stand at each part's end, tell the parts' reads which columns they may
// type (readableSoFar in engine-csv.ts).
//
// Each fact errs only one way: it is claimed only when the statement it replaces could not have
// found anything, so staging's result is the same with or without it.
//
// - A column is a plain timestamp column when each of its data cells is empty (DuckDB reads NULL)
//   or exactly what staged-csv.ts's simple rule accepts: `2024-01-05 13:05:00`, T or a space, up
//   to three digits of a second, a year from 1900 to 2100, a day the month has. Its lookup (the
//   distinct cells that are not simple) would be empty.
// - The key column's cells are distinct when each is non-empty, unquoted, free of quotes and none
//   repeats. The cells are compared by two 32-bit hashes of their bytes; equal cells always hash
//   alike, so distinct pairs of hashes prove distinct cells (a collision only loses the fact).
// - A pair of plain timestamp columns is in order when, in every row where both cells have a
//   value, the later column's is not before the earlier's, compared as numbers that order plain
//   timestamps exactly as their times (plainTimestampKey).
// - An integer or a double column is plain when each data cell is empty or has the shape
//   staged-csv.ts takes as simple (`-?[0-9]{1,9}`; `-?[0-9]{1,15}(\.[0-9]{1,15})?`).
// - A column of tokens (TOKEN_KINDS: few distinct values, each decided in JavaScript) has its distinct values listed when none is quoted and there are at most
//   MAX_TOKENS: exactly what the lookup's DISTINCT would return, in another order.
// - No data row may be blank when each row's first cell is unquoted and non-empty and its first
//   byte cannot begin whitespace (staged-csv.ts looks for blank rows only among those whose first
//   cell may).
// - A column is filled when every data row has a non-empty, unquoted cell in it (DuckDB reads
//   none of them as NULL): a required column then misses no value.
// - An id column (the key among them) is plain when no data cell is quoted or has the shape of
//   scientific notation (`1.2E+15`, what a spreadsheet makes of a long number): none is damaged.
//   With the two facts above, the flagged-cells table (0.15–0.35 s on the 1M-row export) would
//   be empty for every column of a clean export, and is not made.
//
// Quoted cells are never looked into: their text is not their bytes.
import { isValidWallClock } from './coerce';

/** Which facts to gather: rows up to the header row are not data. */
export interface CellFactsPlan {
  /** Excel row of the header (records at or above it are ignored). */
  headerRow: number;
  /** The file column the key is read from, or null for none. */
  keyColumn: number | null;
  /** Pairs of file columns [earlier, later] whose order in each row is to be proven. */
  orderedPairs?: readonly (readonly [number, number])[];
  /** File columns read as integers, and as doubles. */
  integerColumns?: readonly number[];
  doubleColumns?: readonly number[];
  /** File columns of tokens whose distinct values are to be listed. */
  tokenColumns?: readonly number[];
  /** File columns that must have a value in every row (required ones and the key). */
  requiredColumns?: readonly number[];
  /** File columns of ids (the key among them) checked for scientific notation. */
  idColumns?: readonly number[];
}

export interface CellFactsFound {
  /** The header row the facts were gathered below (CellFactsPlan.headerRow). */
  headerRow: number;
  /** File columns whose every data cell is empty or a plain timestamp, ascending. */
  plainTimestampColumns: number[];
  /** The key's file column when its data cells are proven distinct (see above), else null. */
  distinctKeyColumn: number | null;
  /** The pairs asked for whose columns are both plain timestamp columns and in order in every row. */
  orderedPairs: [number, number][];
  /** The integer and double columns asked for whose every data cell is empty or plain. */
  plainIntegerColumns: number[];
  plainDoubleColumns: number[];
  /** The token columns asked for with their distinct non-empty values (as DuckDB reads them), in the order met. */
  tokenValues: { column: number; values: string[] }[];
  /** True when no data row can be a blank row (see above). */
  noBlankRows: boolean;
  /** The required columns asked for with a non-empty, unquoted cell in every data row. */
  filledColumns: number[];
  /** The id columns asked for with no quoted cell and none shaped as scientific notation. */
  plainIdColumns: number[];
}

/** Columns looked at for timestamps; a wider file's further columns are simply not proven. */
const MAX_COLUMNS = 512;
/**
 * Keys hashed at most: past this many the key fact is given up and its table freed (32 MB at
 * most), for a file of millions of rows whose import needs the memory more than the count saved.
 */
export const MAX_KEYS = 2_000_000;
/** Distinct values a token column may have for them to be listed (staged-lookup.ts inlines as many). */
export const MAX_TOKENS = 32;
/** Of a cell split between two chunks, this many first bytes are kept: more than a timestamp or an export's key. */
const MAX_CARRY = 64;

const ZERO = 0x30;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const twoDigits = (s: Uint8Array, k: number) => (s[k] - ZERO) * 10 + (s[k + 1] - ZERO);

/** Not a plain timestamp (plainTimestampKey). */
export const NOT_PLAIN = -1;

/**
 * For bytes[start, end) that is a timestamp staged-csv.ts takes as simple (PLAIN_TIMESTAMP, the
 * years 1900–2100 and a valid day), a number that orders plain timestamps as their times order
 * them; NOT_PLAIN for anything else, the empty cell included. It counts milliseconds from a day
 * numbered 372 a year and 31 a month: not a date's true distance, but every valid date keeps its
 * place, and the largest key (2100) stays an exact integer in a double.
 */
export function plainTimestampKey(s: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length !== 19 && (length < 21 || length > 23)) return NOT_PLAIN;
  // YYYY-MM-DD?HH:MM:SS, spelt out: a loop over the digits' places cost the scan a tenth more.
  const s0 = start;
  if (
    !isDigit(s[s0]) || !isDigit(s[s0 + 1]) || !isDigit(s[s0 + 2]) || !isDigit(s[s0 + 3]) || s[s0 + 4] !== 0x2d ||
    !isDigit(s[s0 + 5]) || !isDigit(s[s0 + 6]) || s[s0 + 7] !== 0x2d || !isDigit(s[s0 + 8]) || !isDigit(s[s0 + 9]) ||
    !isDigit(s[s0 + 11]) || !isDigit(s[s0 + 12]) || s[s0 + 13] !== 0x3a || !isDigit(s[s0 + 14]) || !isDigit(s[s0 + 15]) ||
    s[s0 + 16] !== 0x3a || !isDigit(s[s0 + 17]) || !isDigit(s[s0 + 18])
  )
    return NOT_PLAIN;
  const separator = s[start + 10];
  if (separator !== 0x20 && separator !== 0x54) return NOT_PLAIN;
  // A fraction of one to three digits, as milliseconds: `.5` and `.500` are the same time.
  let ms = 0;
  if (length > 19) {
    if (s[start + 19] !== 0x2e) return NOT_PLAIN;
    for (let k = start + 20; k < start + 23; k++) {
      const digit = k < end ? s[k] - ZERO : 0;
      if (digit < 0 || digit > 9) return NOT_PLAIN;
      ms = ms * 10 + digit;
    }
  }
  const year = twoDigits(s, start) * 100 + twoDigits(s, start + 2);
  const month = twoDigits(s, start + 5);
  const day = twoDigits(s, start + 8);
  const hour = twoDigits(s, start + 11);
  const minute = twoDigits(s, start + 14);
  const second = twoDigits(s, start + 17);
  // The years and the valid days and times are coerce.ts's, which the simple rule's bounds and cast match.
  if (!isValidWallClock(year, month, day, hour, minute, second)) return NOT_PLAIN;
  return ((year * 372 + month * 31 + day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + ms;
}

/** b[bFrom, bFrom + bLength) against a[0, aLength) in byte order: negative when b comes first, positive when a does, 0 when equal. A prefix comes first. */
function compareBytes(b: Uint8Array, bFrom: number, bLength: number, a: Uint8Array, aLength: number): number {
  const n = Math.min(aLength, bLength);
  for (let k = 0; k < n; k++) {
    const x = b[bFrom + k];
    if (a[k] !== x) return x - a[k];
  }
  return bLength - aLength;
}

/** `-?[0-9]{1,maxInteger}` followed, when `maxFraction` > 0, by an optional `\.[0-9]{1,maxFraction}`. */
function isPlainNumber(s: Uint8Array, start: number, end: number, maxInteger: number, maxFraction: number): boolean {
  let k = start < end && s[start] === 0x2d ? start + 1 : start;
  const digitsFrom = k;
  while (k < end && isDigit(s[k])) k++;
  const digits = k - digitsFrom;
  if (digits < 1 || digits > maxInteger) return false;
  if (k === end) return true;
  if (maxFraction === 0 || s[k] !== 0x2e) return false;
  const fractionFrom = ++k;
  while (k < end && isDigit(s[k])) k++;
  return k === end && k - fractionFrom >= 1 && k - fractionFrom <= maxFraction;
}

/**
 * Whether bytes[start, end) is scientific notation as staged-csv.ts's SCIENTIFIC matches it
 * whole: `[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+`.
 */
export function isScientific(s: Uint8Array, start: number, end: number): boolean {
  let k = start < end && (s[start] === 0x2b || s[start] === 0x2d) ? start + 1 : start;
  // Most ids begin with a letter: one test ends them.
  if (k === end || !isDigit(s[k])) return false;
  while (k < end && isDigit(s[k])) k++;
  if (k < end && s[k] === 0x2e) {
    const fractionFrom = ++k;
    while (k < end && isDigit(s[k])) k++;
    if (k === fractionFrom) return false;
  }
  if (k === end || (s[k] | 0x20) !== 0x65) return false;
  k++;
  if (k < end && (s[k] === 0x2b || s[k] === 0x2d)) k++;
  const exponentFrom = k;
  while (k < end && isDigit(s[k])) k++;
  return k === end && k > exponentFrom;
}

const INTEGER = 1;
const DOUBLE = 2;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The distinct byte strings of one token column, up to MAX_TOKENS. */
class TokenSet {
  readonly values: Uint8Array[] = [];

  /** Whether the cell is among the values or could be added; false once there would be too many. */
  add(bytes: Uint8Array, from: number, to: number): boolean {
    // Compared one by one: a few values, most told apart by their length or first bytes (a
    // hash of every cell cost more).
    const length = to - from;
    for (let v = 0; v < this.values.length; v++) {
      const known = this.values[v];
      if (known.length !== length) continue;
      let k = 0;
      while (k < length && known[k] === bytes[from + k]) k++;
      if (k === length) return true;
    }
    if (this.values.length === MAX_TOKENS) return false;
    this.values.push(bytes.slice(from, to));
    return true;
  }
}

/** Bytes that may begin whitespace or a character at or below U+0020 (csv-scan.ts's lead bytes). */
function mayBeginBlank(b: number): boolean {
  return b <= 0x20 || b === 0xc2 || b === 0xe1 || b === 0xe2 || b === 0xe3 || b === 0xef;
}

/** Pairs of 32-bit hashes, open addressing on the first: tells whether a pair was added before. */
export class HashPairSet {
  private slots = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  /** Adds the pair; false when it was there already. */
  add(h1: number, h2: number): boolean {
    // A second hash of 0 marks an empty slot: the low bit is given up for it.
    const tag = h2 | 1;
    let at = h1 & this.mask;
    for (;;) {
      const t = this.slots[2 * at + 1];
      if (t === 0) break;
      if (t === tag && this.slots[2 * at] === h1) return false;
      at = (at + 1) & this.mask;
    }
    this.slots[2 * at] = h1;
    this.slots[2 * at + 1] = tag;
    if (++this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let at = old[i] & this.mask;
      while (this.slots[2 * at + 1] !== 0) at = (at + 1) & this.mask;
      this.slots[2 * at] = old[i];
      this.slots[2 * at + 1] = old[i + 1];
    }
  }
}

/** Keys longer than this are never kept for the order test: the table takes them. */
const MAX_ORDERED_KEY = 256;

/**
 * Distinct keys, told apart by their pairs of hashes. While each key comes after the one before
 * in byte order (an export in the order of its ids), the keys are distinct by their order alone:
 * their pairs are only appended, with no table to probe, whose random reads were most of the key
 * fact's cost (Node, 1M keys: 0.25 s of the scan). At the first key out of order the table is
 * made from the pairs kept, and it takes every key after.
 */
export class KeySet {
  private table: HashPairSet | null = null;
  private kept: Int32Array | null = new Int32Array(2 << 12);
  private readonly last = new Uint8Array(MAX_ORDERED_KEY);
  private lastLength = -1;
  size = 0;

  /** Adds key bytes[from, to) with its pair of hashes; false when it may have been added before. */
  add(bytes: Uint8Array, from: number, to: number, h1: number, h2: number): boolean {
    if (this.table === null) {
      const length = to - from;
      if (length <= MAX_ORDERED_KEY && (this.lastLength < 0 || compareBytes(bytes, from, length, this.last, this.lastLength) > 0)) {
        this.keep(h1, h2);
        for (let k = 0; k < length; k++) this.last[k] = bytes[from + k];
        this.lastLength = length;
        this.size++;
        return true;
      }
      this.table = new HashPairSet();
      const kept = this.kept!;
      this.kept = null;
      // Distinct keys whose pairs collide: the fact is lost, as in the table all along.
      for (let i = 0; i < this.size; i++) if (!this.table.add(kept[2 * i], kept[2 * i + 1])) return false;
    }
    if (!this.table.add(h1, h2)) return false;
    this.size++;
    return true;
  }

  private keep(h1: number, h2: number): void {
    if (2 * this.size === this.kept!.length) {
      const grown = new Int32Array(this.kept!.length * 2);
      grown.set(this.kept!);
      this.kept = grown;
    }
    this.kept![2 * this.size] = h1;
    this.kept![2 * this.size + 1] = h2;
  }
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class CellFacts {
  /**
   * 1 for each column whose cells may still prove something: the scan hands on only those cells
   * (a call per cell of every column cost the 1M-row export's scan twice its time).
   */
  readonly watched = new Uint8Array(MAX_COLUMNS).fill(1);
  private readonly timestampFailed = new Uint8Array(MAX_COLUMNS);
  /** INTEGER or DOUBLE for a number column asked for whose cells are plain so far, else 0. */
  private readonly numberShape = new Uint8Array(MAX_COLUMNS);
  /** The value lists of the token columns still listable, by column (an array: a Map's lookup per cell cost more). */
  private readonly tokens: (TokenSet | null)[] = new Array<TokenSet | null>(MAX_COLUMNS).fill(null);
  /** Columns that held at least one data cell. */
  private columns = 0;
  /** Data rows ended (below the header, blank lines not counted). */
  private dataRows = 0;
  /** 1 for a required column whose cells have all been filled so far, and how many it has had. */
  private readonly filledSoFar = new Uint8Array(MAX_COLUMNS);
  private readonly filledCells = new Int32Array(MAX_COLUMNS);
  /** 1 for an id column with no quoted or scientific cell so far. */
  private readonly idPlainSoFar = new Uint8Array(MAX_COLUMNS);
  private keyDistinct: boolean;
  private noBlankRows = true;
  private keys: KeySet | null = new KeySet();
  /** The first bytes of a cell the last chunk ended in, if they matter; null when none are kept. */
  private carried: Uint8Array | null = null;
  /** The carried cell has more bytes than were kept. */
  private carriedLong = false;
  private readonly joined = new Uint8Array(MAX_CARRY);
  /**
   * The ordered pairs asked for, 1 in `pairHolds` while each holds; for each column in one its
   * slot for the row's cell, and for a later column its pairs. A later cell is compared where it
   * stands when its earlier cell came first in the row (an export's usual order), and kept for
   * the row's end otherwise. A slot holds the cell's plainTimestampKey, which its check computes
   * anyway: comparing and keeping the cells' bytes instead cost the scan a fifth more (Node,
   * 64 MB of a ticket export: 231 → 196 ms with four pairs).
   */
  private readonly pairs: [number, number][];
  private readonly pairHolds: Uint8Array;
  private readonly pairsOfLater: (number[] | null)[] = new Array<number[] | null>(MAX_COLUMNS).fill(null);
  /** 1 for a column that is the earlier of some pair: its cell is kept for the row. */
  private readonly isEarlier = new Uint8Array(MAX_COLUMNS);
  private readonly slotOf = new Int16Array(MAX_COLUMNS).fill(-1);
  /** Each slot's cell in the row under way as its plainTimestampKey; NOT_PLAIN for an empty cell or none (yet). */
  private readonly slotKey: Float64Array;
  private readonly headerRow: number;

  constructor(private readonly plan: CellFactsPlan) {
    this.keyDistinct = plan.keyColumn !== null && plan.keyColumn < MAX_COLUMNS;
    this.headerRow = plan.headerRow;
    this.pairs = (plan.orderedPairs ?? []).filter(([a, b]) => a !== b && a < MAX_COLUMNS && b < MAX_COLUMNS).map(([a, b]) => [a, b]);
    this.pairHolds = new Uint8Array(this.pairs.length).fill(1);
    this.pairs.forEach(([a, b], k) => {
      this.isEarlier[a] = 1;
      (this.pairsOfLater[b] ??= []).push(k);
    });
    for (const col of plan.integerColumns ?? []) if (col < MAX_COLUMNS) this.numberShape[col] = INTEGER;
    for (const col of plan.doubleColumns ?? []) if (col < MAX_COLUMNS) this.numberShape[col] = DOUBLE;
    for (const col of plan.tokenColumns ?? []) if (col < MAX_COLUMNS) this.tokens[col] = new TokenSet();
    for (const col of plan.requiredColumns ?? []) if (col < MAX_COLUMNS) this.filledSoFar[col] = 1;
    for (const col of plan.idColumns ?? []) if (col < MAX_COLUMNS) this.idPlainSoFar[col] = 1;
    let slots = 0;
    for (const col of this.pairs.flat()) if (this.slotOf[col] < 0) this.slotOf[col] = slots++;
    this.slotKey = new Float64Array(slots).fill(NOT_PLAIN);
  }

  /** Record `row` ended (not a blank line): a data row's pairs of cells kept till now are compared, and the slots emptied for the next. */
  rowEnded(row: number): void {
    if (row <= this.headerRow) return;
    this.dataRows++;
    if (this.pairs.length === 0) return;
    for (let k = 0; k < this.pairs.length; k++) {
      if (this.pairHolds[k] === 0) continue;
      const a = this.slotOf[this.pairs[k][0]];
      const b = this.slotOf[this.pairs[k][1]];
      const earlier = this.slotKey[a];
      const later = this.slotKey[b];
      if (earlier !== NOT_PLAIN && later !== NOT_PLAIN && later < earlier) this.pairHolds[k] = 0;
    }
    this.slotKey.fill(NOT_PLAIN);
  }

  /** Column `col` proves nothing more: stop watching it unless the key or the blank-row test still needs it. */
  private settle(col: number): void {
    // A pair needs its columns only while both are plain, which keeps them watched already.
    const needed =
      this.timestampFailed[col] === 0 ||
      this.numberShape[col] !== 0 ||
      this.tokens[col] !== null ||
      this.filledSoFar[col] !== 0 ||
      this.idPlainSoFar[col] !== 0 ||
      (col === this.plan.keyColumn && this.keyDistinct) ||
      (col === 0 && this.noBlankRows);
    if (!needed) this.watched[col] = 0;
  }

  /**
   * The scan's chunk ended inside an unquoted cell of column `col`, begun at `start`: keep its
   * first bytes (after any kept from earlier chunks).
   */
  carry(row: number, col: number, chunk: Uint8Array, start: number, quoted: boolean): void {
    if (row <= this.headerRow || quoted || col >= MAX_COLUMNS || this.watched[col] === 0) return;
    const before = this.carried?.length ?? 0;
    const length = Math.min(MAX_CARRY, before + chunk.length - start);
    if (before + chunk.length - start > length) this.carriedLong = true;
    const kept = new Uint8Array(length);
    if (this.carried) kept.set(this.carried);
    kept.set(chunk.subarray(start, start + length - before), before);
    this.carried = kept;
  }

  /** The line the kept bytes began turned out blank (a CR before its LF): it has no cells. */
  dropCarried(): void {
    this.carried = null;
    this.carriedLong = false;
  }

  /**
   * A cell of data row `row`, column `col`, ends: its bytes are chunk[start, end) after whatever
   * was carried, less a CR before the line break when `dropCr`. Quoted cells are not looked into.
   */
  cell(row: number, col: number, chunk: Uint8Array, start: number, end: number, quoted: boolean, dropCr: boolean): void {
    let bytes = chunk;
    let from = start;
    let to = end;
    /** More bytes than `bytes` holds: neither a timestamp nor a key this fact can hash. */
    let long = false;
    if (this.carried) {
      const kept = this.carried;
      const room = MAX_CARRY - kept.length;
      long = this.carriedLong || end - start > room;
      this.joined.set(kept);
      this.joined.set(chunk.subarray(start, start + Math.min(room, end - start)), kept.length);
      bytes = this.joined;
      from = 0;
      to = kept.length + Math.min(room, end - start);
      this.carried = null;
      this.carriedLong = false;
    }
    if (row <= this.headerRow || col >= MAX_COLUMNS) return;
    if (col >= this.columns) this.columns = col + 1;
    if (dropCr && !long && to > from && bytes[to - 1] === 0x0d) to--;
    if (quoted) return this.fail(col);
    const empty = to === from && !long;
    /** Whether a fact was lost here, so the column may no longer be worth watching. */
    let lost = false;
    if (col === 0 && this.noBlankRows && (empty || mayBeginBlank(bytes[from]))) {
      this.noBlankRows = false;
      lost = true;
    }
    let timestamp = NOT_PLAIN;
    if (this.timestampFailed[col] === 0 && !empty && (long || (timestamp = plainTimestampKey(bytes, from, to)) === NOT_PLAIN)) {
      this.timestampFailed[col] = 1;
      lost = true;
    }
    if (col === this.plan.keyColumn && this.keyDistinct && (empty || long || !this.addKey(bytes, from, to))) {
      this.keyDistinct = false;
      this.keys = null;
      lost = true;
    }
    const shape = this.numberShape[col];
    if (shape !== 0 && !empty && (long || !(shape === INTEGER ? isPlainNumber(bytes, from, to, 9, 0) : isPlainNumber(bytes, from, to, 15, 15)))) {
      this.numberShape[col] = 0;
      lost = true;
    }
    const tokens = this.tokens[col];
    if (tokens !== null && !empty && (long || !tokens.add(bytes, from, to))) {
      this.tokens[col] = null;
      lost = true;
    }
    if (this.filledSoFar[col] !== 0) {
      if (empty) {
        this.filledSoFar[col] = 0;
        lost = true;
      } else this.filledCells[col]++;
    }
    // A cell too long to keep whole is taken as possibly scientific: the fact errs that way only.
    if (this.idPlainSoFar[col] !== 0 && !empty && (long || isScientific(bytes, from, to))) {
      this.idPlainSoFar[col] = 0;
      lost = true;
    }
    const slot = this.slotOf[col];
    if (slot >= 0 && timestamp !== NOT_PLAIN) {
      let keep = this.isEarlier[col] === 1;
      const later = this.pairsOfLater[col];
      if (later !== null) {
        for (const k of later) {
          if (this.pairHolds[k] === 0) continue;
          const earlier = this.slotKey[this.slotOf[this.pairs[k][0]]];
          // The earlier cell is not in yet: compare at the row's end.
          if (earlier === NOT_PLAIN) keep = true;
          else if (timestamp < earlier) this.pairHolds[k] = 0;
        }
      }
      if (keep) this.slotKey[slot] = timestamp;
    }
    if (lost) this.settle(col);
  }

  private fail(col: number): void {
    if (col === 0) this.noBlankRows = false;
    this.timestampFailed[col] = 1;
    this.numberShape[col] = 0;
    this.tokens[col] = null;
    this.filledSoFar[col] = 0;
    this.idPlainSoFar[col] = 0;
    if (col === this.plan.keyColumn) {
      this.keyDistinct = false;
      this.keys = null;
    }
    this.settle(col);
  }

  private addKey(bytes: Uint8Array, from: number, to: number): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let k = from; k < to; k++) {
      const b = bytes[k];
      if (b === 0x22) return false;
      h1 = Math.imul(h1 ^ b, 0x01000193);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    return this.keys!.size < MAX_KEYS && this.keys!.add(bytes, from, to, finish(h1 ^ (to - from)), finish(h2));
  }

  /**
   * Whether every data cell of `column` met so far is empty or plain for `type`: true for the
   * rest of the file only until a cell that is not (the facts are lost, never regained).
   */
  plainSoFar(column: number, type: 'TIMESTAMP' | 'INTEGER'): boolean {
    if (column >= MAX_COLUMNS) return false;
    return type === 'TIMESTAMP' ? this.timestampFailed[column] === 0 : this.numberShape[column] === INTEGER;
  }

  /** The distinct values of token column `column` met so far (as DuckDB reads them), or null once they are not listed. */
  tokensSoFar(column: number): string[] | null {
    const set = column < MAX_COLUMNS ? this.tokens[column] : null;
    if (set === null) return null;
    try {
      return set.values.map((v) => STRICT_UTF8.decode(v));
    } catch {
      return null;
    }
  }

  found(): CellFactsFound {
    const plainTimestampColumns: number[] = [];
    for (let col = 0; col < Math.min(this.columns, MAX_COLUMNS); col++) if (this.timestampFailed[col] === 0) plainTimestampColumns.push(col);
    const plain = new Set(plainTimestampColumns);
    const shaped = (shape: number, asked: readonly number[] = []) => asked.filter((col) => col < MAX_COLUMNS && this.numberShape[col] === shape);
    const tokenValues: CellFactsFound['tokenValues'] = [];
    for (let column = 0; column < MAX_COLUMNS; column++) {
      // Not UTF-8 (null): DuckDB would not read it as this text.
      const values = this.tokensSoFar(column);
      if (values !== null) tokenValues.push({ column, values });
    }
    return {
      headerRow: this.plan.headerRow,
      plainTimestampColumns,
      orderedPairs: this.pairs.filter(([a, b], k) => this.pairHolds[k] === 1 && plain.has(a) && plain.has(b)),
      plainIntegerColumns: shaped(INTEGER, this.plan.integerColumns),
      plainDoubleColumns: shaped(DOUBLE, this.plan.doubleColumns),
      tokenValues: tokenValues.sort((a, b) => a.column - b.column),
      distinctKeyColumn: this.keyDistinct && this.columns > 0 ? this.plan.keyColumn : null,
      noBlankRows: this.noBlankRows,
      // A row short of the column has no cell in it: counting the cells tells.
      filledColumns: (this.plan.requiredColumns ?? []).filter((col) => col < MAX_COLUMNS && this.filledSoFar[col] !== 0 && this.filledCells[col] === this.dataRows),
      plainIdColumns: (this.plan.idColumns ?? []).filter((col) => col < MAX_COLUMNS && this.idPlainSoFar[col] !== 0),
    };
  }
}
