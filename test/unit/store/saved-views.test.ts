// Named views in a Map-backed store: saved per page, replaced by name, listed by name, removed,
// and unreadable entries skipped.
import { describe, expect, it } from 'vitest';
import { viewStore, type ViewsKv, MAX_VIEWS_PER_PAGE } from '$lib/store/saved-views';

function memoryKv(): ViewsKv & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get<T>(k: string) {
      return data.get(k) as T | undefined;
    },
    async set(k: string, v: unknown) {
      data.set(k, structuredClone(v));
    },
    async delete(k: string) {
      data.delete(k);
    },
    async keys() {
      return [...data.keys()];
    },
  };
}

const at = () => new Date('2026-01-02T03:04:05Z');

describe('view store', () => {
  it('saves, lists per page by name, replaces by name and removes', async () => {
    const mem = memoryKv();
    const views = viewStore(mem, at);
    await views.save('/tickets', ' 常乐镇投诉 ', '?from=2024-01-01&township=常乐镇');
    await views.save('/tickets', 'A 全部', '');
    await views.save('/grid', '常乐镇投诉', 'township=常乐镇');
    expect((await views.list('/tickets')).map((v) => [v.name, v.query])).toEqual([
      ['A 全部', ''],
      ['常乐镇投诉', 'from=2024-01-01&township=常乐镇'],
    ]);
    await views.save('/tickets', '常乐镇投诉', 'township=常乐镇&sel_time=2024-03-01~2024-03-02');
    const listed = await views.list('/tickets');
    expect(listed).toHaveLength(2);
    expect(listed[1]).toEqual({ page: '/tickets', name: '常乐镇投诉', query: 'township=常乐镇&sel_time=2024-03-01~2024-03-02', savedAt: '2026-01-02T03:04:05.000Z' });
    await views.remove('/tickets', '常乐镇投诉');
    expect((await views.list('/tickets')).map((v) => v.name)).toEqual(['A 全部']);
    expect((await views.list('/grid')).map((v) => v.name)).toEqual(['常乐镇投诉']);
  });

  it('skips unreadable entries and refuses an unnamed view or one too many', async () => {
    const mem = memoryKv();
    const views = viewStore(mem, at);
    mem.data.set('%2Ftickets:bad', { version: 2, page: '/tickets', name: 'bad', query: '' });
    mem.data.set('%2Ftickets:junk', 'junk');
    expect(await views.list('/tickets')).toEqual([]);
    await expect(views.save('/tickets', '   ', 'x=1')).rejects.toThrow();
    for (let i = 0; i < MAX_VIEWS_PER_PAGE; i++) await views.save('/tickets', `v${i}`, '');
    await expect(views.save('/tickets', 'one more', '')).rejects.toThrow(/views per page/);
    // Replacing an existing name is still allowed when the page is full.
    await expect(views.save('/tickets', 'v0', 'from=2024-01-01')).resolves.toMatchObject({ query: 'from=2024-01-01' });
  });
});
