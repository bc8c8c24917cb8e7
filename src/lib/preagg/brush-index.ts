// Pre-aggregated indexes for the ticket dashboard's time brush (as Mosaic does): built once per
// set of base filters and settings, then every brush step answers each linked view from small
// per-day tables instead of re-scanning the tickets. The index must be rebuilt when the base
// filters, the settings or the tickets table change; a new build in the same slot drops the old.
import type { Engine } from '$lib/engine/types';
import { rowsOf, type Row } from '$lib/engine/rows';
import { prepareMetrics } from '$lib/metrics';
import type { SqlFragment } from '$lib/sql';
import { dropStatements, planIndex, type IndexOptions, type IndexPlan } from './plan';
import { effectiveRange, keyDictionary, keysSql, readStep, stepSql, type DayRange, type KeyDictionary } from './read';
import type { BrushViewSpec } from './views';

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
   * One brush step (clamped to the base period; null = no brush) as one query and the function
   * that turns its rows into every view's rows, by view name, each in the shape of the view's
   * exact query (ticketMetricsQuery for metrics views). Fits viewQuery(workbench, channel,
   * () => step.sql, step.read), so a newer step supersedes an older one.
   */
  step(range: DayRange | null): BrushStep;
  /** Every view answered for `range`, by view name. */
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
    readonly options: Readonly<IndexOptions>,
    readonly buildMs: number,
  ) {}

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
    const step = this.step(range);
    return step.read(rowsOf(await this.engine.query(step.sql)));
  }

  async drop(): Promise<void> {
    if (this.dropped) return;
    this.dropped = true;
    await runAll(this.engine, dropStatements(this.plan));
  }
}

/**
 * Build the index of `options.views` over the tickets inside `options.filters` (whose from/to, if
 * any, bound every later brush). Builds share a slot per engine (default 'tickets'): starting a
 * build drops the slot's previous index, and a build overtaken by a newer one in the same slot
 * drops its own tables and rejects with BrushIndexSuperseded.
 */
export async function buildTicketBrushIndex(engine: Engine, options: IndexOptions & { slot?: string }): Promise<TicketBrushIndex> {
  const slot = slotOf(engine, options.slot ?? 'tickets');
  const generation = ++slot.generation;
  const previous = slot.current;
  slot.current = null;
  if (previous) await previous.drop();

  const t0 = performance.now();
  const plan = planIndex(options);
  let keys: KeyDictionary;
  try {
    await prepareMetrics(engine, options.settings, ['tickets'], options.filters);
    await runAll(engine, plan.statements);
    keys = keyDictionary(rowsOf(await engine.query(keysSql(plan))));
  } catch (error) {
    await runAll(engine, dropStatements(plan)).catch(() => undefined);
    throw error;
  }
  const index = new Index(engine, plan, keys, { ...options, views: [...options.views] }, performance.now() - t0);
  if (slot.generation !== generation) {
    await index.drop();
    throw new BrushIndexSuperseded();
  }
  slot.current = index;
  return index;
}
