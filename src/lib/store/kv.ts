// The one door to IndexedDB (idb-keyval). Every file:// page on this machine shares one storage
// bucket (file-protocol.md), so every key carries the app's name and a schema version; a value
// written by a future version is never misread by this one. Storage can fail (quota, private
// mode, a full disk): callers get a typed error they can show, never a silent loss.
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

export const STORE_PREFIX = 'gov-workbench:v1:';

export class StorageError extends Error {
  constructor(
    readonly operation: 'read' | 'write' | 'delete' | 'list',
    readonly key: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`IndexedDB ${operation} of ${key} failed (${detail})`, { cause });
    this.name = cause instanceof DOMException && cause.name === 'QuotaExceededError' ? 'StorageFull' : 'StorageError';
  }

  get isQuota(): boolean {
    return this.name === 'StorageFull';
  }
}

let defaultStore: UseStore | null = null;
function store(): UseStore {
  defaultStore ??= createStore('gov-workbench', 'kv');
  return defaultStore;
}

/** A namespace of keys, e.g. `kv('settings')` → keys `gov-workbench:v1:settings:…`. */
export function kv(namespace: string, useStore: () => UseStore = store) {
  const full = (key: string) => `${STORE_PREFIX}${namespace}:${key}`;
  return {
    async get<T>(key: string): Promise<T | undefined> {
      try {
        return await get<T>(full(key), useStore());
      } catch (error) {
        throw new StorageError('read', full(key), error);
      }
    },
    async set<T>(key: string, value: T): Promise<void> {
      try {
        await set(full(key), value, useStore());
      } catch (error) {
        throw new StorageError('write', full(key), error);
      }
    },
    async delete(key: string): Promise<void> {
      try {
        await del(full(key), useStore());
      } catch (error) {
        throw new StorageError('delete', full(key), error);
      }
    },
    /** Keys of this namespace, without the prefix. */
    async keys(): Promise<string[]> {
      const prefix = full('');
      try {
        const all = await keys(useStore());
        return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      } catch (error) {
        throw new StorageError('list', prefix, error);
      }
    },
  };
}

export type KvNamespace = ReturnType<typeof kv>;
