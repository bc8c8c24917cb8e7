// Pre-aggregated indexes for the ticket dashboard's time brush (as Mosaic does): built once per
// set of base filters and settings, then every brush step answers each linked view from small
// per-day tables instead of re-scanning the tickets. The index must be rebuilt when the base
// filters, the settings or the tickets table change; a new build in the same slot drops the old.
import type { Engine } from '$lib/engine/types';
import { rowsOf, type Row } from '$lib/engine/rows';
import { prepareMetrics } from '$lib/metrics';
import type { SqlFragment } from '$lib/sql';
import { MAX_HELD_ROWS, PartialCube } from './cube';
import { dropStatements, planIndex, type IndexOptions, type IndexPlan } from './plan';
import { effectiveRange, keyDictionary, keysSql, readStep, stepSql, viewRows, type DayRange, type KeyDictionary } from './read';
import type { BrushViewSpec } from './specs';

export class BrushIndexSuperseded extends Error {
  constructor() {
    super('a newer brush index build replaced this one');
    this.name = 'BrushIndexSuperseded';
  }
}

export class BrushIndexDropped extends Error {
  constructor() {
    super('this brush index has been dropped');
    this.name = 'BrushIndexDropped';
  }
}

export interface TicketBrushIndex {
  readonly options: Readonly<IndexOptions>;
  readonly views: readonly BrushViewSpec[];
  /** Wall time of the build (statements through the engine, work calendar included). */
  readonly buildMs: number;
  readonly binHours: number;
  /** Generated names of the TEMP tables, for inspection and tests. */
  readonly tables: readonly string[];
  /**
   * Whether the partials are held in the page (see ./cube), so `answer` sums a step here without
   * a query. False when the build was asked not to hold them or they exceed MAX_HELD_ROWS.
   */
  readonly held: boolean;
  /** Partial rows held in the page (0 when not held). */
  readonly heldRows: number;
  /**
   * Every view answered for `range` (clamped to the base period; null = no brush) from the
   * partials held in the page, at once, by view name, each in the shape of the view's exact query
   * (ticketMetricsQuery for metrics views); null when they are not held.
   */
  answer(range: DayRange | null): Record<string, Row[]> | null;
  /**
   * One brush step as one query to the engine and the function that turns its rows into every
   * view's rows (as `answer`). Fits viewQuery(workbench, channel, () => step.sql, step.read), so a
   * newer step supersedes an older one. Works whether or not the partials are held.
   */
  step(range: DayRange | null): BrushStep;
  /** Every view answered for `range`, by view name: `answer` when held, else the step query. */
  query(range: DayRange | null): Promise<Record<string, Row[]>>;
  readonly dropped: boolean;
  drop(): Promise<void>;
}

export interface BrushStep {
  sql: SqlFragment;
  read(rows: Row[]): Record<string, Row[]>;
}

interface Slot {
  generation: number;
  current: TicketBrushIndex | null;
}

const slots = new WeakMap<Engine, Map<string, Slot>>();

function slotOf(engine: Engine, name: string): Slot {
  let byName = slots.get(engine);
  if (!byName) {
    byName = new Map();
    slots.set(engine, byName);
  }
  let slot = byName.get(name);
  if (!slot) {
    slot = { generation: 0, current: null };
    byName.set(name, slot);
  }
  return slot;
}

async function runAll(engine: Engine, statements: readonly SqlFragment[]): Promise<void> {
  for (const statement of statements) await engine.exec(statement);
}

class Index implements TicketBrushIndex {
  dropped = false;

  constructor(
    private readonly engine: Engine,
    private readonly plan: IndexPlan,
    private readonly keys: KeyDictionary,
    private cube: PartialCube | null,
    readonly options: Readonly<IndexOptions>,
    readonly buildMs: number,
  ) {}

  get held(): boolean {
    return this.cube !== null;
  }

  get heldRows(): number {
    return this.cube?.rows ?? 0;
  }

  answer(range: DayRange | null): Record<string, Row[]> | null {
    if (this.dropped) throw new BrushIndexDropped();
    if (!this.cube) return null;
    const clamped = effectiveRange(this.options.filters, range);
    return viewRows(this.plan, this.keys, this.options.views, clamped, this.cube.sums(clamped));
  }

  get views(): readonly BrushViewSpec[] {
    return this.options.views;
  }

  get binHours(): number {
    return this.plan.binHours;
  }

  get tables(): readonly string[] {
    return this.plan.tables;
  }

  step(range: DayRange | null): BrushStep {
    if (this.dropped) throw new BrushIndexDropped();
    const clamped = effectiveRange(this.options.filters, range);
    return {
      sql: stepSql(this.plan, clamped),
      read: (rows) => readStep(this.plan, this.keys, this.options.views, clamped, rows),
    };
  }

  async query(range: DayRange | null): Promise<Record<string, Row[]>> {
    const held = this.answer(range);
    if (held) return held;
    const step = this.step(range);
    return step.read(rowsOf(await this.engine.query(step.sql)));
  }

  async drop(): Promise<void> {
    if (this.dropped) return;
    this.dropped = true;
    this.cube = null;
    await runAll(this.engine, dropStatements(this.plan));
  }
}

/**
 * Build the index of `options.views` over the tickets inside `options.filters` (whose from/to, if
 * any, bound every later brush), and hold its partials in the page unless `hold` is false or they
 * are too many (MAX_HELD_ROWS). Builds share a slot per engine (default 'tickets'): starting a
 * build drops the slot's previous index, and a build overtaken by a newer one in the same slot
 * drops its own tables and rejects with BrushIndexSuperseded.
 */
export async function buildTicketBrushIndex(engine: Engine, options: IndexOptions & { slot?: string; hold?: boolean }): Promise<TicketBrushIndex> {
  const slot = slotOf(engine, options.slot ?? 'tickets');
  const generation = ++slot.generation;
  const previous = slot.current;
  slot.current = null;
  if (previous) await previous.drop();

  const t0 = performance.now();
  const plan = planIndex(options);
  let keys: KeyDictionary;
  let cube: PartialCube | null = null;
  try {
    await prepareMetrics(engine, options.settings, ['tickets'], options.filters);
    await runAll(engine, plan.statements);
    keys = keyDictionary(rowsOf(await engine.query(keysSql(plan))));
    if (options.hold !== false && (await PartialCube.countRows(engine, plan)) <= MAX_HELD_ROWS) {
      cube = await PartialCube.load(engine, plan, keys);
    }
  } catch (error) {
    await runAll(engine, dropStatements(plan)).catch(() => undefined);
    throw error;
  }
  const index = new Index(engine, plan, keys, cube, { ...options, views: [...options.views] }, performance.now() - t0);
  if (slot.generation !== generation) {
    await index.drop();
    throw new BrushIndexSuperseded();
  }
  slot.current = index;
  return index;
}
