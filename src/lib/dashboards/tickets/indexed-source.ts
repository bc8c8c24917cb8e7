// The ticket page's linked views answered from a pre-aggregated brush index (src/lib/preagg)
// while the only selection is the brush (or none): every view of one brush step reads the rows of
// ONE index query, and a newer step supersedes an older one on one channel. Anything the index
// does not cover (a clicked bar, a category drill, the volume chart, another base) is left to the
// exact source, and so is a step whose index query fails for any reason but being superseded.
//
// Exactness: counts, rates and every bar are those of the exact queries for the same input; the
// headline's median and p90 closure hours are read from 1 h histogram bins (the index's default
// bin width), so they are within 1 h of quantile_cont's (histogramQuantile in src/lib/preagg/read.ts).
import { isSuperseded, rowsOf, type EngineClient, type Row } from '$lib/engine';
import type { FilterState } from '$lib/filters';
import type { MetricSettings } from '$lib/metrics';
import type { DayRange, TicketBrushIndex } from '$lib/preagg';
import { TICKET_PAGE_BRUSH_VIEWS } from '$lib/dashboards/tickets/brush-views';
import { TICKET_VIEWS, type TicketView } from './views';
import type { TicketViewRequest } from './source';

/** What a source needs of the engine: the worker client, or NodeEngine in the unit tests. */
export type SourceEngine = Pick<EngineClient, 'query' | 'exec' | 'insertArrow' | 'registerFile' | 'dropFile'>;

/** One channel for every brush step: a newer step cancels the older one's query. */
export const BRUSH_CHANNEL = 'tickets:brush';

/** What an index is built over: the page's filters and 口径 (the brush is what it answers). */
export interface IndexBase {
  filters: FilterState;
  settings: MetricSettings;
}

const INDEXED = new Set<string>(TICKET_PAGE_BRUSH_VIEWS.map((v) => v.name));

/** JSON with object keys sorted: two equal bases give the same text whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function baseKey(base: IndexBase): string {
  return stableJson({ filters: base.filters, settings: base.settings });
}

/** The page's views of one brush step share one input object: its base key is made once. */
const inputKeys = new WeakMap<object, string>();

function inputKey(input: TicketViewRequest['input']): string {
  let key = inputKeys.get(input);
  if (key === undefined) inputKeys.set(input, (key = baseKey(input)));
  return key;
}

const rangeId = (range: DayRange | null) => (range ? `${range.from}~${range.to}` : '');

/**
 * True when the view sees no selection but the brush: none is made, or only the view's own (a
 * clicked township does not narrow the township chart). A category drill always counts: it moves
 * the category chart below level 1, which the index does not keep.
 */
export function onlyBrushed(request: TicketViewRequest): boolean {
  const s = request.input.selections;
  const own: readonly string[] = TICKET_VIEWS[request.view];
  return s.category === null && Object.entries(s.values).every(([column, v]) => own.includes(column) || (v?.length ?? 0) === 0);
}

export class IndexedTicketSource {
  private last: { range: string; rows: Promise<Record<string, Row[]>> } | null = null;
  private held: { range: string; rows: Record<string, Row[]> } | null = null;
  private readonly key: string;

  /** `valid` says whether the index still describes the engine's tickets (the data version). */
  constructor(
    readonly index: TicketBrushIndex,
    private readonly engine: SourceEngine,
    base: IndexBase,
    private readonly valid: () => boolean = () => true,
  ) {
    this.key = baseKey(base);
  }

  /** Whether the index answers this request exactly. */
  answers(engine: SourceEngine, request: TicketViewRequest): boolean {
    return (
      engine === this.engine &&
      !this.index.dropped &&
      this.valid() &&
      INDEXED.has(request.view) &&
      onlyBrushed(request) &&
      inputKey(request.input) === this.key
    );
  }

  /**
   * The view's rows at once, without a query, when the index answers the request and holds its
   * partials in the page (the page then updates every view in the same frame as the brush); null
   * otherwise, and the caller asks `rows`.
   */
  rowsNow(engine: SourceEngine, request: TicketViewRequest): Row[] | null {
    if (!this.index.held || !this.answers(engine, request)) return null;
    return shape(request.view, this.answerAll(request.input.selections.time));
  }

  /** The view's rows, in the shape of its exact query (ticketViewQuery). */
  async rows(request: TicketViewRequest): Promise<Row[]> {
    const range = request.input.selections.time;
    const byView = this.index.held ? this.answerAll(range) : await this.step(range);
    return shape(request.view, byView);
  }

  /** Every indexed view's rows for one brush step, summed in the page (the index must hold its partials). */
  answerAll(range: DayRange | null): Record<string, Row[]> {
    const id = rangeId(range);
    if (this.held?.range === id) return this.held.rows;
    const rows = this.index.answer(range);
    if (!rows) throw new Error('the brush index does not hold its partials in the page');
    this.held = { range: id, rows };
    return rows;
  }

  /** Every indexed view's rows for one brush step, by view, each in the shape of its exact query. */
  viewsAt(range: DayRange | null): Record<string, Row[]> {
    const byView = this.answerAll(range);
    return Object.fromEntries([...INDEXED].map((view) => [view, shape(view as TicketView, byView)]));
  }

  /** Every indexed view's rows for one brush step by one step query (the index's partials stay in the engine). */
  queryAll(range: DayRange | null): Promise<Record<string, Row[]>> {
    return this.step(range);
  }

  /** Views asking for the same range share one step query (the page's views ask in one tick). */
  private step(range: DayRange | null): Promise<Record<string, Row[]>> {
    const id = rangeId(range);
    if (this.last?.range === id) return this.last.rows;
    const step = this.index.step(range);
    const rows = this.engine.query(step.sql, BRUSH_CHANNEL).then((t) => step.read(rowsOf(t)));
    const entry = { range: id, rows };
    this.last = entry;
    // A failed or superseded step is asked again next time, not served from here.
    rows.catch(() => {
      if (this.last === entry) this.last = null;
    });
    return rows;
  }
}

function shape(view: TicketView, byView: Record<string, Row[]>): Row[] {
  if (view !== 'on_time') return byView[view];
  const [counts] = byView.on_time;
  return [{ total: byView.headline[0]?.total ?? 0, ...counts }];
}

/** The index's rows at once when it answers the request from partials held in the page, else null. */
export function indexedNow(indexed: IndexedTicketSource | null, engine: SourceEngine, request: TicketViewRequest): Row[] | null {
  try {
    return indexed?.rowsNow(engine, request) ?? null;
  } catch {
    // e.g. the index was dropped a moment ago: the asynchronous path falls back to the exact query.
    return null;
  }
}

/**
 * Rows from the index when it answers the request, else (or when its query fails for another
 * reason than a newer step) from `exact`. Which one answered comes back with the rows.
 */
export async function indexedOrExact(
  indexed: IndexedTicketSource | null,
  exact: (engine: SourceEngine, request: TicketViewRequest, channel: string) => Promise<Row[]>,
  engine: SourceEngine,
  request: TicketViewRequest,
  channel: string,
): Promise<{ rows: Row[]; source: 'index' | 'exact' }> {
  if (indexed?.answers(engine, request)) {
    try {
      return { rows: await indexed.rows(request), source: 'index' };
    } catch (error) {
      if (isSuperseded(error)) throw error;
      // e.g. the index dropped under a queued step: the exact query still knows the answer.
    }
  }
  return { rows: await exact(engine, request, channel), source: 'exact' };
}
