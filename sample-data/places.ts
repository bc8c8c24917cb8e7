// Synthetic places and people of the district: villages and grids, address pools with a few hot
// addresses, caller pools. Built once per sample from its own random stream.
import { TOWNSHIPS } from '$lib/schema/townships';
import type { Rng } from './prng';
import { ESTATE_SUFFIXES, GIVEN_CHARS, PLACE_STEMS, ROAD_SUFFIXES, SURNAMES } from './vocab';

export interface TownshipPlaces {
  township: string;
  kind: string;
  villages: string[];
  /** Address pool; low indexes are drawn far more often (hot addresses). */
  addresses: string[];
}

function distinctStems(rng: Rng, count: number): string[] {
  const pool = PLACE_STEMS.slice();
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  const out: string[] = [];
  // More villages than stems: reuse a stem with 东/西/南/北, as real place names often do.
  for (let i = 0; i < count; i++) {
    const stem = pool[i % pool.length];
    out.push(i < pool.length ? stem : '东西南北'[Math.floor(i / pool.length) % 4] + stem);
  }
  return out;
}

export function buildTownshipPlaces(rng: Rng, villagesPerTownship: (population: number) => number): TownshipPlaces[] {
  return TOWNSHIPS.map((t) => {
    const villageCount = villagesPerTownship(t.population);
    const urban = t.kind !== '镇';
    const stems = distinctStems(rng, villageCount + 12);
    const villages = stems
      .slice(0, villageCount)
      .map((s, i) => s + (urban || i % 5 === 0 ? '社区' : '村'));
    const roads = stems.slice(villageCount, villageCount + 6).map((s) => s + rng.pick(ROAD_SUFFIXES));
    const estates = stems.slice(villageCount + 6).map((s) => s + rng.pick(ESTATE_SUFFIXES));
    // About one address per 8 residents: most recur a few times a year and a few are hot, as in
    // real exports. (A pool of a few hundred made every address a repeat within a quarter.)
    const size = 150 + Math.round(t.population / 8);
    const addresses: string[] = [];
    const seen = new Set<string>();
    while (addresses.length < size) {
      const r = rng.next();
      let a: string;
      if (r < (urban ? 0.45 : 0.2)) a = `${t.township}${rng.pick(estates)}${1 + rng.int(30)}幢${1 + rng.int(3)}单元`;
      else if (r < 0.7) a = `${t.township}${rng.pick(roads)}${1 + rng.int(300)}号`;
      else a = `${t.township}${rng.pick(villages)}${1 + rng.int(24)}组${1 + rng.int(60)}号`;
      if (!seen.has(a)) {
        seen.add(a);
        addresses.push(a);
      }
    }
    return { township: t.township, kind: t.kind, villages, addresses };
  });
}

/**
 * A skewed index into a pool of `size`: index 0 is the hottest (density ∝ u^-1/3), so a few callers
 * and addresses recur many times while most appear once or twice. u·√u instead of Math.pow: this
 * runs for every row.
 */
export function hotIndex(rng: Rng, size: number): number {
  const u = rng.next();
  return Math.floor(size * u * Math.sqrt(u));
}

export function fullName(rng: Rng): string {
  const s = SURNAMES[rng.int(SURNAMES.length)];
  const g = GIVEN_CHARS[rng.int(GIVEN_CHARS.length)];
  return rng.chance(0.6) ? s + g + GIVEN_CHARS[rng.int(GIVEN_CHARS.length)] : s + g;
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152',
  '155', '157', '158', '159', '166', '177', '180', '181', '182', '187', '188', '189', '199'];

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.int(10);
  return s;
}

export interface Callers {
  names: (string | null)[];
  phones: string[];
}

/**
 * Callers as exports show them: most already masked by the source system (张先生, 王**,
 * 138****1234), a few full synthetic names and numbers, some anonymous.
 */
export function buildCallers(rng: Rng, count: number): Callers {
  const names: (string | null)[] = [];
  const phones: string[] = [];
  for (let i = 0; i < count; i++) {
    const surname = SURNAMES[rng.int(SURNAMES.length)];
    const r = rng.next();
    names[i] = r < 0.45 ? surname + (rng.chance(0.5) ? '先生' : '女士') : r < 0.85 ? surname + '**' : r < 0.96 ? fullName(rng) : null;
    const p = rng.next();
    if (p < 0.85) phones[i] = `${rng.pick(MOBILE_PREFIXES)}****${digits(rng, 4)}`;
    else if (p < 0.95) phones[i] = rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
    else phones[i] = `0513-8${digits(rng, 3)}****`;
  }
  return { names, phones };
}
