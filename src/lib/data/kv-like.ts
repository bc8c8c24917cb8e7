// The part of a kv namespace (src/lib/store/kv.ts) the data stores use: small enough to fake in tests.
export interface KvLike {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** True when values are sealed on their way in (a passphrase is set); absent in fakes that never seal. */
  seals?(): boolean;
}
