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
  const record = (table: 'tickets' | 'grid_events', generation = 'g1', parts = 1): DatasetRecord => ({
    version: 2,
    meta: mergeMeta(undefined, table, 1, [file('x.csv', 1)], new Date(0)),
    generation,
    parts,
    extrasParts: 0,
    bytes: 3,
  });

  it('lists stored tables in schema order (never their pieces) and loads records', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await store.writePiece('grid_events', 'g1', 'rows', 0, new Uint8Array([1]));
    await store.saveRecord(record('grid_events'));
    await store.saveRecord(record('tickets'));
    expect(await store.tables()).toEqual(['tickets', 'grid_events']);
    expect((await store.load('tickets'))?.meta.table).toBe('tickets');
    expect(await store.piece('grid_events', 'g1', 'rows', 0)).toEqual(new Uint8Array([1]));
  });

  it('still reads the single-buffer layout of version 1', async () => {
    const kv = fakeKv();
    kv.map.set('tickets', { version: 1, meta: mergeMeta(undefined, 'tickets', 1, [], new Date(0)), ipc: new Uint8Array([1]), extras: null });
    expect((await datasetStore(kv).load('tickets'))?.version).toBe(1);
  });

  it('ignores a record of another layout instead of misreading it', async () => {
    const kv = fakeKv();
    kv.map.set('tickets', { version: 2, meta: {}, ipc: 'x' });
    kv.map.set('grid_events', { version: 4, meta: { table: 'grid_events' }, generation: 'g', parts: 1, extrasParts: 0 });
    expect(await datasetStore(kv).load('tickets')).toBeUndefined();
    expect(await datasetStore(kv).load('grid_events')).toBeUndefined();
  });

  it('a missing piece is an error that names it, not an empty table', async () => {
    const store = datasetStore(fakeKv());
    await expect(store.piece('tickets', 'g1', 'rows', 4)).rejects.toThrow('tickets@g1:rows:4');
  });

  it('drops the pieces of other generations only, or of one generation only', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    for (const g of ['old', 'new']) for (let i = 0; i < 2; i++) await store.writePiece('tickets', g, 'rows', i, new Uint8Array([i]));
    await store.writePiece('grid_events', 'old', 'rows', 0, new Uint8Array([9]));
    await store.dropPieces('tickets', { keep: 'new' });
    expect([...kv.map.keys()].sort()).toEqual(['grid_events@old:rows:0', 'tickets@new:rows:0', 'tickets@new:rows:1']);
    await store.dropPieces('tickets', { only: 'new' });
    expect([...kv.map.keys()]).toEqual(['grid_events@old:rows:0']);
  });

  it('remove takes the record and every piece of the table', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await store.writePiece('tickets', 'g1', 'rows', 0, new Uint8Array([1]));
    await store.saveRecord(record('tickets'));
    await store.saveRecord(record('grid_events'));
    await store.remove('tickets');
    expect([...kv.map.keys()]).toEqual(['grid_events']);
  });

  it('clear removes every key of the namespace', async () => {
    const kv = fakeKv();
    const store = datasetStore(kv);
    await store.saveRecord(record('tickets'));
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
