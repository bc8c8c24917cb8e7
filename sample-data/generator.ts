// The embedded default dataset (示例数据): deterministic for a seed on every machine, browser or
// Node, so that a screenshot, a test and the report command all see the same numbers.
import type { ColumnarTable } from '$lib/arrow';
import { TABLES, type TableName } from '$lib/schema/tables';
import { TOWNSHIPS } from '$lib/schema/townships';
import { toSecond } from './calendar';
import { ALERTS_PER_YEAR, POLICE_CALLS_PER_YEAR, generateAlerts, generatePoliceCalls, gridAnchor, type PlantedTable } from './comparison-sources';
import { generateEnterpriseRequests } from './enterprise';
import { generateGridEvents, gridWorkersOf, villagesForWorkers } from './grid';
import { buildCallers, buildTownshipPlaces } from './places';
import { createRng } from './prng';
import { generateTickets } from './tickets';

export const DEFAULT_SEED = 20240101;
export const DEFAULT_YEARS: readonly number[] = [2024, 2025];
export const DEFAULT_TICKETS_PER_YEAR = 170_000;
export const GRID_EVENTS_PER_YEAR = 90_000;
export const ENTERPRISE_REQUESTS_PER_YEAR = 1_400;

export interface SampleOptions {
  seed?: number;
  years?: number[];
  ticketsPerYear?: number;
}

export interface SampleDataset {
  seed: number;
  years: number[];
  tickets: ColumnarTable;
  grid_events: ColumnarTable;
  enterprise_requests: ColumnarTable;
  police_non_emergency: ColumnarTable;
  special_population_alerts: ColumnarTable;
}

// Separate random streams: a change in the ticket volume must not reshuffle grid or enterprise data.
const STREAM = { places: 1, tickets: 2, grid: 3, enterprise: 4, police: 5, alerts: 6 } as const;

/** Puts the columns in the canonical order of TABLES and checks that none is missing. */
function canonical(name: TableName, table: ColumnarTable): ColumnarTable {
  const columns: ColumnarTable['columns'] = {};
  for (const c of TABLES[name].columns) {
    const values = table.columns[c.name];
    if (!values) throw new Error(`sample ${name} lacks column ${c.name}`);
    columns[c.name] = values;
  }
  return { length: table.length, columns };
}

/** The sample's tables, each generated on demand; separate random streams make them independent of order. */
export interface SampleGenerator {
  seed: number;
  years: number[];
  tickets(): ColumnarTable;
  grid_events(): ColumnarTable;
  enterprise_requests(): ColumnarTable;
  police_non_emergency(): ColumnarTable;
  special_population_alerts(): ColumnarTable;
  /** The two comparison sources with how each row was planted against the grid events (tests' ground truth). */
  plantedPolice(): PlantedTable;
  plantedAlerts(): PlantedTable;
}

/**
 * One table at a time, so a caller can load the tickets while the next table is being generated
 * (the engine worker overlaps the two on two cores).
 */
export function sampleGenerator(options: SampleOptions = {}): SampleGenerator {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const years = [...(options.years ?? DEFAULT_YEARS)].sort((a, b) => a - b);
  const perYear = Math.max(0, Math.round(options.ticketsPerYear ?? DEFAULT_TICKETS_PER_YEAR));
  if (years.length === 0) throw new Error('generateSample needs at least one year');
  // The export was taken at the last second of the span: later events have not happened yet.
  const dataEnd = toSecond(Date.UTC(years[years.length - 1], 11, 31, 23, 59, 59));

  const totalPopulation = TOWNSHIPS.reduce((s, t) => s + t.population, 0);
  const placeRng = createRng(seed, STREAM.places);
  const places = buildTownshipPlaces(placeRng, (pop) => villagesForWorkers(gridWorkersOf(pop, totalPopulation)));
  // About one caller per ticket a year: most people call once, frequent callers come from the head
  // of each slice, and follow-ups (repeat_of) reuse their caller. A pool of one per three tickets
  // made nearly half of a quarter's tickets come from people calling three or more times.
  const callerCount = Math.max(TOWNSHIPS.length * 50, perYear);
  const callers = buildCallers(placeRng, callerCount);
  const callerRanges: [number, number][] = [];
  let start = 0;
  TOWNSHIPS.forEach((t, i) => {
    const end = i === TOWNSHIPS.length - 1 ? callerCount : start + Math.round((callerCount * t.population) / totalPopulation);
    callerRanges.push([start, end]);
    start = end;
  });

  // The comparison sources are planted on the grid events: generated once, shared by both.
  let gridTable: ColumnarTable | null = null;
  const grid = () =>
    (gridTable ??= canonical('grid_events', generateGridEvents(createRng(seed, STREAM.grid), places, years, GRID_EVENTS_PER_YEAR, dataEnd)));
  const plantedPolice = () => generatePoliceCalls(createRng(seed, STREAM.police), gridAnchor(grid()), years, POLICE_CALLS_PER_YEAR, dataEnd);
  const plantedAlerts = () => generateAlerts(createRng(seed, STREAM.alerts), gridAnchor(grid()), years, ALERTS_PER_YEAR, dataEnd);

  return {
    seed,
    years,
    tickets: () =>
      canonical('tickets', generateTickets(createRng(seed, STREAM.tickets), { places, callers, callerRanges }, years, perYear, dataEnd)),
    grid_events: grid,
    enterprise_requests: () =>
      canonical('enterprise_requests', generateEnterpriseRequests(createRng(seed, STREAM.enterprise), years, ENTERPRISE_REQUESTS_PER_YEAR, dataEnd)),
    police_non_emergency: () => canonical('police_non_emergency', plantedPolice().table),
    special_population_alerts: () => canonical('special_population_alerts', plantedAlerts().table),
    plantedPolice,
    plantedAlerts,
  };
}

export function generateSample(options: SampleOptions = {}): SampleDataset {
  const generator = sampleGenerator(options);
  return {
    seed: generator.seed,
    years: generator.years,
    tickets: generator.tickets(),
    grid_events: generator.grid_events(),
    enterprise_requests: generator.enterprise_requests(),
    police_non_emergency: generator.police_non_emergency(),
    special_population_alerts: generator.special_population_alerts(),
  };
}
