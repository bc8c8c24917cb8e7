// Grades of the annual evaluation of grid workers (优秀 / 称职 / 基本称职 / 不称职) from scores,
// by bands, with an optional cap on the share of 优秀 in each township.
//
// Order within a township (for the cap) and tie rule: higher score first; equal scores by more
// events reported; then by worker id ascending. Workers pushed over the cap drop to 称职.

export const GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;
export type Grade = (typeof GRADES)[number];

export interface GradeBands {
  /** Lowest score of 优秀, 称职 and 基本称职; below the last is 不称职. */
  excellent: number;
  competent: number;
  basic: number;
  /** At most this share of a township's workers may be 优秀 (floor of share × workers); null: no cap. */
  excellentCap: number | null;
}

export const DEFAULT_BANDS: Readonly<GradeBands> = Object.freeze({ excellent: 90, competent: 75, basic: 60, excellentCap: 0.2 });

export interface ScoredWorker {
  workerId: string;
  township: string;
  score: number;
  eventsReported: number;
}

export function bandOf(score: number, bands: GradeBands): Grade {
  if (score >= bands.excellent) return '优秀';
  if (score >= bands.competent) return '称职';
  if (score >= bands.basic) return '基本称职';
  return '不称职';
}

export function compareWorkers(a: ScoredWorker, b: ScoredWorker): number {
  return b.score - a.score || b.eventsReported - a.eventsReported || (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0);
}

/** Each worker's grade, and whether the 优秀 cap lowered it. */
export function gradeWorkers(workers: readonly ScoredWorker[], bands: GradeBands): Map<string, { grade: Grade; capped: boolean }> {
  const out = new Map<string, { grade: Grade; capped: boolean }>();
  const byTownship = new Map<string, ScoredWorker[]>();
  for (const w of workers) {
    const list = byTownship.get(w.township) ?? [];
    list.push(w);
    byTownship.set(w.township, list);
  }
  for (const list of byTownship.values()) {
    list.sort(compareWorkers);
    const allowed = bands.excellentCap === null ? Infinity : Math.floor(bands.excellentCap * list.length);
    let excellent = 0;
    for (const w of list) {
      const band = bandOf(w.score, bands);
      if (band === '优秀' && excellent >= allowed) out.set(w.workerId, { grade: '称职', capped: true });
      else {
        if (band === '优秀') excellent++;
        out.set(w.workerId, { grade: band, capped: false });
      }
    }
  }
  return out;
}
