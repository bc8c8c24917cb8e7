// Confirmed header mappings, kept per header set (presetKey) so that next month's export of the
// same system maps itself. The store is injected: tests hand in a Map-backed fake.
import { toPreset, type HeaderMapping, type MappingPreset } from '$lib/import';
import { kv } from '$lib/store';
import type { KvLike } from './kv-like';

export function presetStore(store: KvLike = kv('mapping-presets')) {
  return {
    async all(): Promise<MappingPreset[]> {
      const keys = await store.keys();
      const presets = await Promise.all(keys.map((k) => store.get<MappingPreset>(k)));
      return presets.filter((p): p is MappingPreset => !!p && typeof p.key === 'string' && typeof p.columns === 'object');
    },
    /** Save what the user confirmed; a later confirmation of the same header set replaces it. */
    async save(mapping: HeaderMapping, now = new Date()): Promise<MappingPreset> {
      const preset = toPreset(mapping, now.toISOString());
      await store.set(preset.key, preset);
      return preset;
    },
    async clear(): Promise<void> {
      for (const key of await store.keys()) await store.delete(key);
    },
  };
}

/** The preset for a header set, for the given table when one is forced. */
export function findPreset(presets: readonly MappingPreset[], key: string, table?: string): MappingPreset | undefined {
  return presets.find((p) => p.key === key && (!table || p.table === table));
}

export type PresetStore = ReturnType<typeof presetStore>;
