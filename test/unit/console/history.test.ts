import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, QueryHistory, parseStored, recordEntry, type HistoryEntry, type HistoryStorage } from '$lib/console/history';

const entry = (sql: string, i = 0): HistoryEntry => ({ sql, at: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(), rows: i, ms: 5, ok: true });

/** An in-memory stand-in for kv('sql-history'). */
function memoryStorage(): HistoryStorage & { data: Map<string, unknown>; fail: boolean } {
  const data = new Map<string, unknown>();
  const storage = {
    data,
    fail: false,
    async get<T>(key: string) {
      return data.get(key) as T | undefined;
    },
    async set<T>(key: string, value: T) {
      if (storage.fail) throw new Error('QuotaExceededError');
      data.set(key, structuredClone(value));
    },
    async delete(key: string) {
      data.delete(key);
    },
  };
  return storage;
}

describe('recordEntry', () => {
  it('puts the newest first and keeps at most the limit', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 130; i++) list = recordEntry(list, entry(`SELECT ${i}`, i));
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0].sql).toBe('SELECT 129');
    expect(list.at(-1)!.sql).toBe('SELECT 30');
  });

  it('moves a repeated statement to the top instead of listing it twice', () => {
    let list = [entry('SELECT 1'), entry('SELECT 2')];
    list = recordEntry(list, entry('SELECT 2', 9));
    expect(list.map((e) => e.sql)).toEqual(['SELECT 2', 'SELECT 1']);
    expect(list[0].rows).toBe(9);
  });

  it('ignores blank statements and trims whitespace around the text', () => {
    expect(recordEntry([], entry('   '))).toEqual([]);
    expect(recordEntry([], entry('  SELECT 1 \n'))[0].sql).toBe('SELECT 1');
  });
});

describe('parseStored', () => {
  it('accepts only its own version and well-formed entries', () => {
    expect(parseStored(undefined)).toEqual([]);
    expect(parseStored({ version: 2, entries: [entry('x')] })).toEqual([]);
    expect(parseStored({ version: 1, entries: [entry('x'), { sql: 1 }, null] })).toEqual([entry('x')]);
  });
});

describe('QueryHistory', () => {
  it('stores, reloads and clears through the storage it is given', async () => {
    const storage = memoryStorage();
    const history = new QueryHistory(storage);
    expect(await history.load()).toEqual([]);
    await history.add(entry('SELECT 1', 1)).saved;
    await history.add(entry('SELECT 2', 2)).saved;
    const again = new QueryHistory(storage);
    expect((await again.load()).map((e) => e.sql)).toEqual(['SELECT 2', 'SELECT 1']);
    await again.clear();
    expect(await new QueryHistory(storage).load()).toEqual([]);
  });

  it('keeps the list in memory and reports a failed save', async () => {
    const storage = memoryStorage();
    const history = new QueryHistory(storage);
    storage.fail = true;
    const { entries, saved } = history.add(entry('SELECT 1'));
    expect(entries).toHaveLength(1);
    await expect(saved).rejects.toThrow('QuotaExceededError');
    storage.fail = false;
    // A failed write does not block the next one.
    await history.add(entry('SELECT 2')).saved;
    expect(((storage.data.get('entries') as { entries: HistoryEntry[] }).entries).map((e) => e.sql)).toEqual(['SELECT 2', 'SELECT 1']);
  });
});
