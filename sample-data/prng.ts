// A small seeded generator (sfc32, seeded through splitmix32). Math.random cannot be seeded, and the
// sample must come out bit-identical in every browser and in Node, so only 32-bit integer
// arithmetic (Math.imul, >>>) is used: no floating-point step that an engine could round differently.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
  /** Exponentially distributed with the given mean. */
  exp(mean: number): number;
  pick<T>(items: readonly T[]): T;
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 state as a class: monomorphic methods the JIT inlines into the per-row loops. */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(a: number, b: number, c: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    // Warm-up: the first outputs of sfc32 still correlate with the seed words.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** Independent streams per table (salt) keep one table's draws from shifting another's. */
export function createRng(seed: number, salt = 0): Rng {
  const mix = splitmix32((seed ^ Math.imul(salt + 1, 0x27d4eb2d)) | 0);
  return new Sfc32(mix(), mix(), mix());
}

/** Draws an index with probability proportional to its weight, in O(log n) per draw. */
export class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('WeightedIndex needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i];
      this.cumulative[i] = sum;
    }
    for (let i = 0; i < weights.length; i++) this.cumulative[i] /= sum;
  }

  /** `u` is a uniform draw in [0, 1). */
  draw(u: number): number {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < c[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
