// The briefing basket: charts and tables collected from any page, in the order they will appear
// in the deck, kept in IndexedDB (src/lib/store/kv.ts) so a reload or a browser restart loses
// nothing. Items are plain data (ChartData/TableData + SVG markup), never live elements.
import { SaveQueue } from '$lib/state/save-queue.svelte';
import { kv, type KvNamespace } from '$lib/store/kv';
import type { BriefingItem, Deck } from '$lib/export/types';
import { moveItem } from './order';

export { newItemId, moveItem } from './order';

export interface BasketState {
  version: 1;
  title: string;
  subtitle: string;
  source: string;
  items: BriefingItem[];
}

const KEY = 'basket';

export class Basket {
  items = $state<BriefingItem[]>([]);
  title = $state('');
  subtitle = $state('');
  source = $state('');
  loaded = $state(false);
  /** Why the stored basket could not be read (a failed write is said through `saves`). */
  error = $state<string | null>(null);
  /** The writes, one after another so an older state never lands after a newer one. */
  readonly saves = new SaveQueue();
  private loading: Promise<void> | null = null;

  constructor(private readonly store: KvNamespace = kv('briefing')) {}

  load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const stored = await this.store.get<BasketState>(KEY);
        if (stored?.version === 1) {
          // Items added before the stored state arrived stay, after the stored ones.
          this.items = [...stored.items, ...this.items];
          this.title ||= stored.title;
          this.subtitle ||= stored.subtitle;
          this.source ||= stored.source;
        }
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      } finally {
        this.loaded = true;
      }
    })();
    return this.loading;
  }

  private save(): Promise<void> {
    const state: BasketState = $state.snapshot({ version: 1 as const, title: this.title, subtitle: this.subtitle, source: this.source, items: this.items });
    return this.saves.run(() => this.store.set(KEY, state));
  }

  async add(item: BriefingItem, context?: { subtitle: string; source: string }): Promise<void> {
    await this.load();
    this.items = [...this.items, item];
    // The deck's cover follows the latest item until the user writes their own.
    if (context) {
      this.subtitle = context.subtitle;
      this.source = context.source;
    }
    await this.save();
  }

  update(id: string, patch: Partial<Pick<BriefingItem, 'title' | 'note'>>): Promise<void> {
    this.items = this.items.map((item) => (item.id === id ? ({ ...item, ...patch } as BriefingItem) : item));
    return this.save();
  }

  move(from: number, to: number): Promise<void> {
    this.items = moveItem(this.items, from, to);
    return this.save();
  }

  remove(id: string): Promise<void> {
    this.items = this.items.filter((item) => item.id !== id);
    return this.save();
  }

  setDeck(patch: Partial<Pick<BasketState, 'title' | 'subtitle' | 'source'>>): Promise<void> {
    if (patch.title !== undefined) this.title = patch.title;
    if (patch.subtitle !== undefined) this.subtitle = patch.subtitle;
    if (patch.source !== undefined) this.source = patch.source;
    return this.save();
  }

  clear(): Promise<void> {
    this.items = [];
    return this.save();
  }

  /** Empty, without saving: the store was just erased, and the next change must not bring the old items back. */
  forget(): void {
    this.items = [];
    this.title = '';
    this.subtitle = '';
    this.source = '';
    this.error = null;
    this.saves.forget();
  }

  deck(defaultTitle: string): Deck {
    return $state.snapshot({ title: this.title || defaultTitle, subtitle: this.subtitle, source: this.source, items: this.items }) as Deck;
  }
}

/** The one basket of the app (every page adds to it; #/briefing shows it). */
export const basket = new Basket();
