// Grid-governance events (网格事件): each reported by one grid worker in their own grid, then taken
// through the six stages 上报 → 分流 → 处置 → (督办) → 反馈 → 核验.
import type { ColumnarTable } from '$lib/arrow';
import { TOWNSHIPS } from '$lib/schema/townships';
import { DAY_MS, HOUR_MS, SequenceLabels, MINUTE_MS, allocate, dayWeights, sortedTimesOfDay, toSecond, yearDays } from './calendar';
import { filledColumn, nullColumn } from './columns';
import { fullName, hotIndex, type TownshipPlaces } from './places';
import { WeightedIndex, type Rng } from './prng';
import { GRID_DESCRIPTIONS, GRID_EVENT_TYPES, GRID_HOUR_FACTOR, GRID_SOURCES, TOWNSHIP_TRAITS } from './vocab';

export const GRID_WORKERS = 1500;
const ADDRESSES_PER_GRID = 12;
/** Longer than any event's loop, so the tail pass sees every event still open. */
const OPEN_TAIL_MS = 60 * DAY_MS;

/** Workers of a township, in proportion to its population. */
export function gridWorkersOf(population: number, totalPopulation: number): number {
  return Math.round((GRID_WORKERS * population) / totalPopulation);
}

/** About nine grids per village or community. */
export function villagesForWorkers(workers: number): number {
  return Math.max(3, Math.ceil(workers / 9));
}

interface Worker {
  id: string;
  name: string;
  town: number;
  village: string;
  gridId: string;
  gridName: string;
  addresses: string[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function buildWorkers(rng: Rng, places: TownshipPlaces[], totalPopulation: number): Worker[] {
  const workers: Worker[] = [];
  TOWNSHIPS.forEach((t, town) => {
    const count = gridWorkersOf(t.population, totalPopulation);
    const villages = places[town].villages;
    const gridsInVillage = new Int32Array(villages.length);
    for (let w = 0; w < count; w++) {
      const v = w % villages.length;
      const g = ++gridsInVillage[v];
      const village = villages[v];
      const addresses: string[] = [];
      for (let a = 0; a < ADDRESSES_PER_GRID; a++) {
        addresses.push(`${t.township}${village}${(g - 1) * 3 + 1 + rng.int(3)}组${1 + rng.int(80)}号`);
      }
      workers.push({
        id: `W${pad(workers.length + 1, 4)}`,
        name: fullName(rng),
        town,
        village,
        gridId: `G${pad(town + 1, 2)}${pad(v + 1, 3)}${pad(g, 2)}`,
        gridName: `${village}第${g}网格`,
        addresses,
      });
    }
  });
  return workers;
}

export function generateGridEvents(
  rng: Rng,
  places: TownshipPlaces[],
  years: readonly number[],
  perYearMean: number,
  dataEnd: number,
): ColumnarTable {
  const totalPopulation = TOWNSHIPS.reduce((s, t) => s + t.population, 0);
  const workers = buildWorkers(rng, places, totalPopulation);
  // A few very active workers report most; some barely report at all.
  const workerPicker = new WeightedIndex(workers.map(() => 0.2 + rng.exp(1)));
  const typePicker = new WeightedIndex(GRID_EVENT_TYPES.map((t) => t[1]));
  const sourcePicker = new WeightedIndex(GRID_SOURCES.map((s) => s[1]));
  const hourPicker = new WeightedIndex(GRID_HOUR_FACTOR);
  const onTime = TOWNSHIPS.map((t) => TOWNSHIP_TRAITS[t.township].onTime - 0.02);
  const descriptions = GRID_EVENT_TYPES.map(([type]) =>
    GRID_DESCRIPTIONS[type].map((d) => [`${d}，已上报分流处置。`, `${d}，网格员现场处置完毕。`] as const),
  );

  const plans = years.map((y) => {
    const days = yearDays(y);
    const total = Math.round(perYearMean * (0.96 + 0.08 * rng.next()));
    return { days, counts: allocate(total, dayWeights(days, rng, 0.15, 0.45)), total };
  });
  const n = plans.reduce((s, p) => s + p.total, 0);

  const event_id = nullColumn<string>(n);
  const reported_at = filledColumn(n, 0);
  const dispatched_at = nullColumn<number>(n);
  const handled_at = nullColumn<number>(n);
  const supervised_at = nullColumn<number>(n);
  const feedback_at = nullColumn<number>(n);
  const verified_at = nullColumn<number>(n);
  const deadline_at = nullColumn<number>(n);
  const township = nullColumn<string>(n);
  const village = nullColumn<string>(n);
  const grid_id = nullColumn<string>(n);
  const grid_name = nullColumn<string>(n);
  const worker_id = nullColumn<string>(n);
  const worker_name = nullColumn<string>(n);
  const event_type = nullColumn<string>(n);
  const source = nullColumn<string>(n);
  const self_resolved = filledColumn(n, false);
  const status = nullColumn<string>(n);
  const address = nullColumn<string>(n);
  const description = nullColumn<string>(n);

  const sequence = new SequenceLabels(5);
  let times = new Float64Array(1024);
  let i = 0;
  for (const { days, counts } of plans) {
    for (let d = 0; d < counts.length; d++) {
      const count = counts[d];
      if (count > times.length) times = new Float64Array(count * 2);
      const offsets = sortedTimesOfDay(times, count, hourPicker, rng);
      const idPrefix = `WG${days.stamps[d]}`;
      for (let k = 0; k < count; k++, i++) {
        const reported = days.starts[d] + offsets[k];
        event_id[i] = idPrefix + sequence.get(k + 1);
        reported_at[i] = reported;
        const w = workers[workerPicker.draw(rng.next())];
        township[i] = TOWNSHIPS[w.town].township;
        village[i] = w.village;
        grid_id[i] = w.gridId;
        grid_name[i] = w.gridName;
        worker_id[i] = w.id;
        worker_name[i] = w.name;
        address[i] = w.addresses[hotIndex(rng, ADDRESSES_PER_GRID)];
        const ty = typePicker.draw(rng.next());
        const [type, , deadlineHours, selfShare] = GRID_EVENT_TYPES[ty];
        event_type[i] = type;
        const src = sourcePicker.draw(rng.next());
        source[i] = GRID_SOURCES[src][0];
        // Only what the worker found on patrol can be settled on the spot.
        const self = rng.chance(src <= 1 ? selfShare * 1.02 : selfShare * 0.45);
        self_resolved[i] = self;
        description[i] = descriptions[ty][rng.int(descriptions[ty].length)][self ? 1 : 0];

        const dispatched = toSecond(reported + 2 * MINUTE_MS + rng.exp(self ? 10 * MINUTE_MS : 50 * MINUTE_MS));
        const span = deadlineHours * HOUR_MS;
        const deadline = dispatched + span;
        let handled: number;
        let supervised = -1;
        if (self) handled = dispatched + 10 * MINUTE_MS + rng.exp(90 * MINUTE_MS);
        else {
          const inTime = rng.chance(onTime[w.town]);
          handled = inTime
            ? dispatched + span * (0.05 + 0.9 * Math.pow(rng.next(), 1.3))
            : deadline + HOUR_MS + rng.exp(20 * HOUR_MS);
          // 督办 comes when a deadline draws near; late events are supervised far more often.
          if (rng.chance(inTime ? 0.2 : 0.55)) {
            supervised = toSecond(dispatched + span * (0.5 + 0.4 * rng.next()));
            if (handled < supervised + HOUR_MS) handled = supervised + HOUR_MS + rng.exp(6 * HOUR_MS);
          }
        }
        handled = toSecond(handled);
        const feedback = toSecond(handled + 5 * MINUTE_MS + rng.exp(self ? 20 * MINUTE_MS : 2 * HOUR_MS));
        const verified = toSecond(feedback + 30 * MINUTE_MS + rng.exp(10 * HOUR_MS));

        dispatched_at[i] = dispatched;
        deadline_at[i] = deadline;
        handled_at[i] = handled;
        if (supervised >= 0) supervised_at[i] = supervised;
        feedback_at[i] = feedback;
        verified_at[i] = verified;
        status[i] = '已结案';
      }
    }
  }
  // The export was taken at dataEnd: later stages have not happened yet.
  for (let i = n - 1; i >= 0 && reported_at[i] > dataEnd - OPEN_TAIL_MS; i--) {
    const verified = verified_at[i] as number;
    if (verified <= dataEnd) continue;
    verified_at[i] = null;
    status[i] = '待核验';
    if ((feedback_at[i] as number) <= dataEnd) continue;
    feedback_at[i] = null;
    status[i] = '待反馈';
    if ((handled_at[i] as number) <= dataEnd) continue;
    handled_at[i] = null;
    status[i] = '处置中';
    const supervised = supervised_at[i];
    if (supervised !== null && supervised > dataEnd) supervised_at[i] = null;
    if ((dispatched_at[i] as number) <= dataEnd) continue;
    dispatched_at[i] = null;
    deadline_at[i] = null;
    status[i] = '待分流';
  }

  return {
    length: n,
    columns: {
      event_id, reported_at, dispatched_at, handled_at, supervised_at, feedback_at, verified_at,
      deadline_at, township, village, grid_id, grid_name, worker_id, worker_name, event_type, source,
      self_resolved, status, address, description,
    },
  };
}
