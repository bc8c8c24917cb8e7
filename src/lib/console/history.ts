// The console's query history: the newest 100 statements with when they ran and what came back,
// kept in IndexedDB under kv('sql-history'). The list logic is pure; the store takes its storage
// as an argument, so tests hand in a Map and the page hands in IndexedDB. Stored with a version
// so that a future format is never misread, and bounded so it cannot grow without end.
import type { KvNamespace } from '$lib/store';

export const HISTORY_LIMIT = 100;
/** A statement longer than this is kept cut: history is for re-use, not an archive of dumps. */
export const HISTORY_MAX_SQL = 20_000;
const VERSION = 1;
const KEY = 'entries';

export interface HistoryEntry {
  sql: string;
  /** ISO time the statement ran. */
  at: string;
  /** Rows returned; null when it failed. */
  rows: number | null;
  ms: number;
  ok: boolean;
}

interface StoredHistory {
  version: number;
  entries: HistoryEntry[];
}

/**
 * The list after running `entry`: newest first; running a statement again moves it to the top
 * instead of listing it twice; at most `limit` entries.
 */
export function recordEntry(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  const sql = entry.sql.trim().slice(0, HISTORY_MAX_SQL);
  if (!sql) return entries.slice(0, limit);
  return [{ ...entry, sql }, ...entries.filter((e) => e.sql !== sql)].slice(0, Math.max(0, limit));
}

/** Whatever was stored, as a list we can trust; anything unreadable is treated as empty. */
export function parseStored(value: unknown): HistoryEntry[] {
  if (!value || typeof value !== 'object') return [];
  const stored = value as Partial<StoredHistory>;
  if (stored.version !== VERSION || !Array.isArray(stored.entries)) return [];
  return stored.entries.filter(isEntry).slice(0, HISTORY_LIMIT);
}

function isEntry(e: unknown): e is HistoryEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return (
    typeof x.sql === 'string' &&
    typeof x.at === 'string' &&
    (x.rows === null || typeof x.rows === 'number') &&
    typeof x.ms === 'number' &&
    typeof x.ok === 'boolean'
  );
}

export type HistoryStorage = Pick<KvNamespace, 'get' | 'set' | 'delete'>;

export class QueryHistory {
  private entries: HistoryEntry[] = [];
  /** Writes run one after another, so two quick runs cannot overwrite each other's entry. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly storage: HistoryStorage) {}

  async load(): Promise<HistoryEntry[]> {
    this.entries = parseStored(await this.storage.get<unknown>(KEY));
    return this.entries;
  }

  /** The new list at once; the promise settles when it is stored (and rejects if it is not). */
  add(entry: HistoryEntry): { entries: HistoryEntry[]; saved: Promise<void> } {
    this.entries = recordEntry(this.entries, entry);
    const snapshot: StoredHistory = { version: VERSION, entries: this.entries };
    const saved = this.writing.then(() => this.storage.set(KEY, snapshot));
    this.writing = saved.catch(() => undefined);
    return { entries: this.entries, saved };
  }

  async clear(): Promise<void> {
    this.entries = [];
    const done = this.writing.then(() => this.storage.delete(KEY));
    this.writing = done.catch(() => undefined);
    await done;
  }
}
