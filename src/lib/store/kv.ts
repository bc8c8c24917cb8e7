// The one door to IndexedDB (idb-keyval). Every file:// page on this machine shares one storage
// bucket (file-protocol.md), so every key carries the app's name and a schema version; a value
// written by a future version is never misread by this one. Storage can fail (quota, private
// mode, a full disk): callers get a typed error they can show, never a silent loss. With a
// passphrase set, every value is sealed on its way in and unsealed on its way out (vault.ts);
// key names stay readable, values do not.
import { clear, createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { isSealed, keyRing, seal, unseal, VaultLocked, type KeyRing } from './vault';

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

/**
 * Whether a failed write was the disk (or the browser's quota) being full: a StorageError names it
 * 'StorageFull', also after crossing the worker boundary by name; a store that passes the
 * DOMException through says QuotaExceeded in its name or message.
 */
export function isStorageFull(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'StorageFull' || /QuotaExceeded/.test(`${error.name} ${error.message}`);
}

let defaultStore: UseStore | null = null;
function store(): UseStore {
  defaultStore ??= createStore('gov-workbench', 'kv');
  return defaultStore;
}

/** A namespace of keys, e.g. `kv('settings')` → keys `gov-workbench:v1:settings:…`. */
export function kv(namespace: string, useStore: () => UseStore = store, ring: KeyRing = keyRing) {
  const full = (key: string) => `${STORE_PREFIX}${namespace}:${key}`;
  return {
    async get<T>(key: string): Promise<T | undefined> {
      let raw: unknown;
      try {
        raw = await get(full(key), useStore());
      } catch (error) {
        throw new StorageError('read', full(key), error);
      }
      if (!isSealed(raw)) return raw as T | undefined;
      const master = ring.key();
      if (!master) throw new VaultLocked(full(key));
      return (await unseal(master, full(key), raw)) as T;
    },
    async set<T>(key: string, value: T): Promise<void> {
      const master = ring.key();
      const stored = master ? await seal(master, full(key), value) : value;
      try {
        await set(full(key), stored, useStore());
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
    /** Whether a value set now is sealed: a sealed value is read back whole, whatever it was. */
    seals(): boolean {
      return ring.key() !== null;
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

/** Every key the workbench wrote (any namespace, any version of the layout). */
export async function workbenchKeys(useStore: () => UseStore = store): Promise<string[]> {
  try {
    const all = await keys(useStore());
    return all.filter((k): k is string => typeof k === 'string' && k.startsWith('gov-workbench:'));
  } catch (error) {
    throw new StorageError('list', 'gov-workbench:', error);
  }
}

/**
 * Remove every key of the workbench's database, whatever wrote it; resolves with how many keys
 * of each namespace there were, so the page can say what it removed.
 */
export async function eraseEverything(useStore: () => UseStore = store): Promise<Record<string, number>> {
  let all: IDBValidKey[];
  try {
    all = await keys(useStore());
  } catch (error) {
    throw new StorageError('list', 'gov-workbench:', error);
  }
  const removed: Record<string, number> = {};
  for (const key of all) {
    const text = String(key);
    const namespace = text.startsWith(STORE_PREFIX) ? text.slice(STORE_PREFIX.length).split(':')[0] : text.split(':').slice(0, 2).join(':');
    removed[namespace] = (removed[namespace] ?? 0) + 1;
  }
  try {
    // The database is the workbench's own (createStore above): clearing it removes every key.
    await clear(useStore());
  } catch (error) {
    throw new StorageError('delete', 'gov-workbench:', error);
  }
  return removed;
}

/** Seal every plain value of the database under the current key (after a passphrase is set). */
export async function sealEverything(onKey: (done: number, total: number) => void = () => undefined, useStore: () => UseStore = store, ring: KeyRing = keyRing): Promise<number> {
  const master = ring.key();
  if (!master) throw new Error('no key to seal with');
  const all = (await workbenchKeys(useStore)).filter((k) => k !== VAULT_KEY);
  let sealed = 0;
  for (const [i, key] of all.entries()) {
    const raw = await get(key, useStore()).catch((error: unknown) => {
      throw new StorageError('read', key, error);
    });
    if (raw !== undefined && !isSealed(raw)) {
      const value = await seal(master, key, raw);
      await set(key, value, useStore()).catch((error: unknown) => {
        throw new StorageError('write', key, error);
      });
      sealed++;
    }
    onKey(i + 1, all.length);
  }
  return sealed;
}

/** Where the vault record lives: plain, since it is what opens everything else. */
export const VAULT_KEY = `${STORE_PREFIX}vault:record`;

export async function readVaultRecord(useStore: () => UseStore = store): Promise<unknown> {
  try {
    return await get(VAULT_KEY, useStore());
  } catch (error) {
    throw new StorageError('read', VAULT_KEY, error);
  }
}

export async function writeVaultRecord(record: unknown, useStore: () => UseStore = store): Promise<void> {
  try {
    await set(VAULT_KEY, record, useStore());
  } catch (error) {
    throw new StorageError('write', VAULT_KEY, error);
  }
}
