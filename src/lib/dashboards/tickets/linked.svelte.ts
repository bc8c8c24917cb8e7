// The ticket page's linked views as LiveQueries: each asks its page's sources again only when the
// view's own request changed. A brush that moves does not change the volume chart's request (its
// own selection is left out of it), so the chart under the brush is not redrawn while dragging;
// the other views are re-asked on their channel, and a newer ask supersedes an older one.
// The brush index behind the source is kept here too (TicketBrushIndexer).
import { untrack } from 'svelte';
import { sameRows, type Row } from '$lib/engine';
import { benchRequested } from '$lib/engine/bench-hook';
import { BrushIndexSuperseded, buildTicketBrushIndex } from '$lib/preagg';
import { exposeBrushBench } from '$lib/preagg/bench-hook';
import { TICKET_PAGE_BRUSH_VIEWS } from '$lib/dashboards/tickets/brush-views';
import { settings } from '$lib/state/settings.svelte';
import type { Workbench } from '$lib/state/workbench.svelte';
import { LiveQuery } from '$lib/ui/live-query.svelte';
import type { TicketView } from './views';
import { baseKey, IndexedTicketSource, type IndexBase } from './indexed-source';
import { requestKey, TicketViewSources, type TicketViewRequest } from './source';

/** One ticket page's linked views: their sources (exact, and the brush index once built) and which answered each. */
export class TicketLinkedViews {
  readonly sources = new TicketViewSources();
  /** Which source gave each view its shown rows: the page exposes it (data-source) for the tests. */
  answeredBy = $state<Partial<Record<TicketView, 'index' | 'exact'>>>({});

  constructor(private readonly workbench: Workbench) {}

  /**
   * One view as a LiveQuery. While the brush index holds its partials in the page, the view is
   * answered in the same update as the brush moved (no query, no loading state); otherwise its
   * query runs on its own channel. Rows equal to those already shown keep the data they were read
   * into, so nothing downstream (the chart) redraws for a view the step did not change.
   */
  view<T>(request: () => TicketViewRequest | null, read: (rows: Row[]) => T): LiveQuery<T> {
    const workbench = this.workbench;
    const current = $derived(request());
    const key = $derived(current ? requestKey(current) : null);
    let shown: { rows: Row[]; data: T } | null = null;
    const finish = (view: TicketView, rows: Row[], source: 'index' | 'exact'): T => {
      this.answeredBy[view] = source;
      if (shown && sameRows(shown.rows, rows)) return shown.data;
      shown = { rows, data: read(rows) };
      return shown.data;
    };
    return new LiveQuery<T>(() => {
      const engine = workbench.engine;
      void workbench.dataVersion;
      if (!engine || !workbench.ready || !settings.loaded || !key) return null;
      const req = untrack(() => current)!;
      const channel = `tickets:${req.view}`;
      return () =>
        untrack(() => {
          const now = this.sources.now(engine, req);
          if (now) return finish(req.view, now, 'index');
          return this.sources.answer(engine, req, channel).then((answer) => finish(req.view, answer.rows, answer.source));
        });
    });
  }
}

/** Wait this long after the base settles before building: a burst of filter changes builds once. */
const BUILD_DELAY_MS = 500;

export type IndexStatus = 'off' | 'waiting' | 'building' | 'ready' | 'failed';

/**
 * Keeps a brush index for the page's base (filters, 口径, data version): built in the background
 * once `settled` says the page's figures are shown (the first paint never waits for it), dropped
 * when the base changes or the page is left. Until it is ready the exact source answers.
 */
export class TicketBrushIndexer {
  status = $state<IndexStatus>('off');
  /** Build time of the current index (ms), for the status line and measurements. */
  buildMs = $state<number | null>(null);
  private key: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private source: IndexedTicketSource | null = null;

  constructor(
    workbench: Workbench,
    private readonly sources: TicketViewSources,
    base: () => IndexBase,
    settled: () => boolean,
  ) {
    if (benchRequested(location.hash)) {
      exposeBrushBench(() => ({ source: this.source, status: this.status, buildMs: this.buildMs, heldRows: this.source?.index.heldRows ?? 0 }));
    }
    $effect(() => {
      const engine = workbench.engine;
      const version = workbench.dataVersion;
      if (!engine || !workbench.ready || !settings.loaded) return;
      const b = base();
      const key = `${version}\u0000${baseKey(b)}`;
      // A new base: the old index no longer answers anything; the next is built once settled.
      untrack(() => {
        if (this.key !== null && this.key !== key) this.reset(null);
      });
      if (!settled()) return;
      untrack(() => {
        if (this.key === key) return;
        this.key = key;
        this.status = 'waiting';
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.build(key, b, () => workbench.dataVersion === version && workbench.engine === engine, engine);
        }, BUILD_DELAY_MS);
      });
    });
    $effect(() => () => untrack(() => this.reset(null)));
  }

  private async build(key: string, base: IndexBase, valid: () => boolean, engine: NonNullable<Workbench['engine']>): Promise<void> {
    if (this.key !== key) return;
    this.status = 'building';
    try {
      const index = await buildTicketBrushIndex(engine, { ...base, views: TICKET_PAGE_BRUSH_VIEWS, slot: 'tickets-page' });
      if (this.key !== key) {
        await index.drop();
        return;
      }
      this.source = new IndexedTicketSource(index, engine, base, valid);
      this.sources.use(this.source);
      this.buildMs = index.buildMs;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof BrushIndexSuperseded || this.key !== key) return;
      // The page still works from the exact source; only the speed-up is lost.
      console.warn('ticket brush index build failed', error);
      this.status = 'failed';
    }
  }

  /** Forget the current index (and a pending build): the exact source answers until the next. */
  private reset(key: string | null): void {
    this.key = key;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const source = this.source;
    this.source = null;
    this.sources.use(null);
    this.status = 'off';
    this.buildMs = null;
    if (source) void source.index.drop().catch(() => undefined);
  }
}
