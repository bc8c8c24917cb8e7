// The data page's stores over a Map-backed fake kv: metadata merge, preset lookup, clearing.
import { describe, expect, it } from 'vitest';
import { mapHeaders, presetKey, setColumn } from '$lib/import';
import { datasetStore, mergeMeta, type DatasetRecord, type SourceFileRecord } from '$lib/data/datasets';
import { findPreset, presetStore } from '$lib/data/presets';
import type { KvLike } from '$lib/data/kv-like';

function fakeKv(): KvLike & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async <T>(k: string, v: T) => void map.set(k, v),
    delete: async (k: string) => void map.delete(k),
    keys: async () => [...map.keys()],
  };
}

const file = (name: string, rowsRead: number): SourceFileRecord => ({ name, size: 100, importedAt: '2024-05-01T00:00:00.000Z', rowsRead, rejected: 0, replaced: 0 });

describe('mergeMeta', () => {
  it('starts a table with its first file', () => {
    const meta = mergeMeta(undefined, 'tickets', 3, [file('a.csv', 3)], new Date('2024-05-01T08:00:00Z'));
    expect(meta).toEqual({ table: 'tickets', rows: 3, sourceFiles: [file('a.csv', 3)], updatedAt: '2024-05-01T08:00:00.000Z' });
  });

  it('appends later files and takes the new row count', () => {
    const first = mergeMeta(undefined, 'tickets', 3, [file('04.csv', 3)], new Date('2024-05-01T08:00:00Z'));
    const second = mergeMeta(first, 'tickets', 4, [file('05.csv', 3)], new Date('2024-06-01T08:00:00Z'));
    expect(second.rows).toBe(4);
    expect(second.sourceFiles.map((f) => f.name)).toEqual(['04.csv', '05.csv']);
    expect(second.updatedAt).toBe('2024-06-01T08:00:00.000Z');
    expect(first.sourceFiles).toHaveLength(1);
  });
});

describe('datasetStore', () => {
  const record = (table: 'tickets' | 'grid_events'): DatasetRecord => ({
    version: 1,
    meta: mergeMeta(undefined, table, 1, [file('x.csv', 1)], new Date(0)),
    ipc: new Uint8Array([1, 2, 3]),
    extras: null,
  });

  it('lists stored tables in schema order and loads records', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await store.save(record('grid_events'));
    await store.save(record('tickets'));
    expect(await store.tables()).toEqual(['tickets', 'grid_events']);
    expect((await store.load('tickets'))?.meta.table).toBe('tickets');
  });

  it('ignores a record of another layout instead of misreading it', async () => {
    const kv = fakeKv();
    kv.map.set('tickets', { version: 2, meta: {}, ipc: 'x' });
    expect(await datasetStore(kv).load('tickets')).toBeUndefined();
  });

  it('clear removes every key of the namespace', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await store.save(record('tickets'));
    kv.map.set('leftover-from-elsewhere', 1);
    await store.clear();
    expect(kv.map.size).toBe(0);
  });
});

describe('presets', () => {
  const headers = ['单号', '登记日期', '所属区镇'];

  it('saves a confirmed mapping under the header set key and finds it again', async () => {
    const kv = fakeKv();
    const store = presetStore(kv);
    let mapping = mapHeaders(headers, 'tickets');
    mapping = setColumn(mapping, 0, 'ticket_id');
    mapping = setColumn(mapping, 1, 'received_at');
    await store.save(mapping, new Date('2024-05-01T00:00:00Z'));
    const all = await store.all();
    expect(all).toHaveLength(1);
    // Order and full-width spacing do not change the key.
    const found = findPreset(all, presetKey(['所属区镇', '登记日期', '单号']));
    expect(found?.columns).toMatchObject({ 单号: 'ticket_id', 登记日期: 'received_at' });
    expect(found?.savedAt).toBe('2024-05-01T00:00:00.000Z');
  });

  it('does not offer a preset of another table when the table is forced', async () => {
    const kv = fakeKv();
    const store = presetStore(kv);
    await store.save(setColumn(mapHeaders(headers, 'tickets'), 0, 'ticket_id'));
    const all = await store.all();
    expect(findPreset(all, presetKey(headers), 'grid_events')).toBeUndefined();
    expect(findPreset(all, presetKey(headers), 'tickets')).toBeDefined();
    expect(findPreset(all, presetKey(['别的表头']))).toBeUndefined();
  });

  it('clear removes them all', async () => {
    const kv = fakeKv();
    const store = presetStore(kv);
    await store.save(mapHeaders(headers, 'tickets'));
    await store.clear();
    expect(await store.all()).toEqual([]);
  });
});
