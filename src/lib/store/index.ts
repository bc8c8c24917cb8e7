// What other areas may use of persistence. Each store module owns one namespace of keys.
export { kv, StorageError, STORE_PREFIX } from './kv';
export type { KvNamespace } from './kv';
