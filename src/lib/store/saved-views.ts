// Named views: a name for a page's address query (filters and chart selections), saved in
// IndexedDB so an evaluator can return to "常乐镇 投诉 2024Q1" in one click. A view is nothing
// but its query: applying it is navigating to it, so it shows exactly what the address would.
import { kv, StorageError, type KvNamespace } from './kv';

export type ViewsKv = Pick<KvNamespace, 'get' | 'set' | 'delete' | 'keys'>;

export interface SavedView {
  /** The page's route, e.g. '/tickets'. */
  page: string;
  name: string;
  /** The hash route's query, without '?'. */
  query: string;
  savedAt: string;
}

interface StoredView extends SavedView {
  version: 1;
}

/** More than this many views per page is a list nobody reads; saving one more is refused. */
export const MAX_VIEWS_PER_PAGE = 50;
export const MAX_VIEW_NAME = 60;

export interface ViewStore {
  /** The page's views, by name. Unreadable entries are skipped, never shown half-read. */
  list(page: string): Promise<SavedView[]>;
  /** Saves (or replaces, by name) a view; throws StorageError when the write fails or the page is full. */
  save(page: string, name: string, query: string): Promise<SavedView>;
  remove(page: string, name: string): Promise<void>;
}

const keyOf = (page: string, name: string) => `${encodeURIComponent(page)}:${encodeURIComponent(name)}`;

function readStored(raw: unknown): SavedView | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const v = raw as Partial<StoredView>;
  if (v.version !== 1 || typeof v.page !== 'string' || typeof v.name !== 'string' || typeof v.query !== 'string') return null;
  return { page: v.page, name: v.name, query: v.query, savedAt: typeof v.savedAt === 'string' ? v.savedAt : '' };
}

export function viewStore(store: ViewsKv = kv('views'), now: () => Date = () => new Date()): ViewStore {
  async function list(page: string): Promise<SavedView[]> {
    const prefix = `${encodeURIComponent(page)}:`;
    const keys = (await store.keys()).filter((k) => k.startsWith(prefix));
    const views = await Promise.all(keys.map(async (k) => readStored(await store.get<unknown>(k))));
    return views
      .filter((v): v is SavedView => v !== null && v.page === page)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // code-point order: the same on every machine
  }
  return {
    list,
    async save(page, name, query) {
      const trimmed = name.trim().slice(0, MAX_VIEW_NAME);
      if (!trimmed) throw new Error('a view needs a name');
      const existing = await list(page);
      if (!existing.some((v) => v.name === trimmed) && existing.length >= MAX_VIEWS_PER_PAGE) {
        throw new StorageError('write', keyOf(page, trimmed), new Error(`at most ${MAX_VIEWS_PER_PAGE} views per page`));
      }
      const view: StoredView = { version: 1, page, name: trimmed, query: query.replace(/^\?/, ''), savedAt: now().toISOString() };
      await store.set(keyOf(page, trimmed), view);
      return readStored(view)!;
    },
    async remove(page, name) {
      await store.delete(keyOf(page, name));
    },
  };
}
