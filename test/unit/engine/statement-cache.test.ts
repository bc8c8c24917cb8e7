// Kept prepared statements: the same answers as preparing afresh, also after the tables or views
// they read are replaced (DuckDB re-binds them), a failed statement is not kept, and the cache
// never holds more than its capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { RecentTexts, StatementCache, isKeptKind, type StatementBindings } from '$lib/engine/statement-cache';
import { sql, trusted } from '$lib/sql';
import { rowsOf } from '$lib/engine/rows';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const rows = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON());

describe('kept prepared statements in the engine', () => {
  it('answer with the values bound this time, not the first time', async () => {
    await engine.exec(sql`CREATE OR REPLACE TABLE kept AS SELECT range::INTEGER AS n FROM range(10)`);
    const text = 'SELECT count(*)::INTEGER AS c FROM kept WHERE n < ?';
    expect(rows(await engine.run(text, [3]))).toEqual([{ c: 3 }]);
    expect(rows(await engine.run(text, [7]))).toEqual([{ c: 7 }]);
  });

  it('read the new table after it was replaced, even with other columns', async () => {
    await engine.exec(sql`CREATE OR REPLACE TABLE swapped AS SELECT range::INTEGER AS n FROM range(10)`);
    const text = 'SELECT * FROM swapped WHERE n >= ? ORDER BY n';
    expect(rows(await engine.run(text, [8]))).toEqual([{ n: 8 }, { n: 9 }]);
    await engine.exec(sql`CREATE OR REPLACE TABLE swapped AS SELECT (range + 100)::INTEGER AS n, 'x' AS label FROM range(3)`);
    expect(rows(await engine.run(text, [101]))).toEqual([
      { n: 101, label: 'x' },
      { n: 102, label: 'x' },
    ]);
  });

  it('follow a view that now reads another table (how the sample moves into memory)', async () => {
    await engine.exec(sql`CREATE OR REPLACE TABLE first_home AS SELECT 1 AS v`);
    await engine.exec(sql`CREATE OR REPLACE TABLE second_home AS SELECT 2 AS v`);
    await engine.exec(sql`CREATE OR REPLACE VIEW moving AS SELECT * FROM first_home`);
    const text = 'SELECT v + ? AS w FROM moving';
    expect(rows(await engine.run(text, [10]))).toEqual([{ w: 11 }]);
    await engine.exec(sql`CREATE OR REPLACE VIEW moving AS SELECT * FROM second_home`);
    expect(rows(await engine.run(text, [10]))).toEqual([{ w: 12 }]);
  });

  it('read a database attached again under the same name (how stored tables are restored)', async () => {
    await engine.exec(sql`ATTACH ':memory:' AS shelf`);
    await engine.exec(sql`CREATE TABLE shelf.items AS SELECT 1 AS v`);
    const text = 'SELECT v + ? AS w FROM shelf.items';
    expect(rows(await engine.run(text, [1]))).toEqual([{ w: 2 }]);
    await engine.exec(sql`DETACH shelf`);
    await engine.exec(sql`ATTACH ':memory:' AS shelf`);
    await engine.exec(sql`CREATE TABLE shelf.items AS SELECT 40 AS v`);
    expect(rows(await engine.run(text, [1]))).toEqual([{ w: 41 }]);
    await engine.exec(sql`DETACH shelf`);
  });

  it('fail cleanly once their table is gone, and work again when it is back', async () => {
    await engine.exec(sql`CREATE OR REPLACE TABLE fleeting AS SELECT 5 AS v`);
    const text = 'SELECT v * ? AS w FROM fleeting';
    expect(rows(await engine.run(text, [2]))).toEqual([{ w: 10 }]);
    await engine.exec(sql`DROP TABLE fleeting`);
    await expect(engine.run(text, [2])).rejects.toThrow(/fleeting/);
    await engine.exec(sql`CREATE TABLE fleeting AS SELECT 6 AS v`);
    expect(rows(await engine.run(text, [2]))).toEqual([{ w: 12 }]);
  });
});

/** Bindings that only count: which statements exist, and which were closed. */
function countingBindings() {
  let next = 1;
  const open = new Set<number>();
  const bindings: StatementBindings = {
    createPrepared: () => {
      open.add(next);
      return next++;
    },
    closePrepared: (_connection, statement) => {
      open.delete(statement);
    },
  };
  return { bindings, open, created: () => next - 1 };
}

describe('kept reads asked again, with their values inlined', () => {
  it('give what the same statement gives with its values bound, wherever a value stands', async () => {
    // Bound straight through the bindings (what SyncEngine did before), against engine.query.
    const b = engine.bindings;
    const connection = engine.connection;
    await engine.exec(trusted(`CREATE OR REPLACE TABLE typed AS SELECT i::INTEGER AS n, (DATE '2025-01-01' + i::INTEGER)::DATE AS d,
      (TIMESTAMP '2025-01-01 08:00' + INTERVAL (i) HOUR) AS ts, 'k' || i AS s, i % 2 = 0 AS even FROM range(10) r(i)`));
    const cases = [
      sql`SELECT count(*) AS n FROM typed WHERE n >= ${3} AND n < ${7.5}`,
      sql`SELECT count(*) AS n FROM typed WHERE d >= ${'2025-01-04'} AND ts < ${'2025-01-01 12:30'}::TIMESTAMP`,
      sql`SELECT ${2} / ${4} AS q, ${7} AS seven, ${'镇'} || s AS t, ${true} AS yes FROM typed WHERE s IN (${'k1'}, ${'k2'}) AND even = ${false} ORDER BY s`,
      sql`SELECT sum(n * ${0.5}) AS half, coalesce(${null}, s) AS s FROM typed WHERE s = ${"k'1"} OR n = ${9} GROUP BY s ORDER BY s`,
    ];
    for (const q of cases) {
      const statement = b.createPrepared(connection, q.text);
      const bound = tableFromIPC(b.runPrepared(connection, statement, [...q.params]));
      b.closePrepared(connection, statement);
      // Asked once the values stay bound; asked again, the statement carries them inlined.
      const first = await engine.query(q);
      const inlined = await engine.query(q);
      expect(rowsOf(first)).toEqual(rowsOf(bound));
      expect(inlined.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(bound.schema.fields.map((f) => `${f.name}:${f.type}`));
      expect(rowsOf(inlined)).toEqual(rowsOf(bound));
    }
    expect(rowsOf(await engine.query(cases[0]))).toEqual([{ n: 5 }]);
    expect(rowsOf(await engine.query(cases[2]))).toEqual([{ q: 0.5, seven: 7, t: '镇k1', yes: true }]);
  });
});

describe('RecentTexts', () => {
  it('tells a text seen before, and forgets the least recent beyond its capacity', () => {
    const recent = new RecentTexts(2);
    expect(recent.seenBefore('a')).toBe(false);
    expect(recent.seenBefore('a')).toBe(true);
    expect(recent.seenBefore('b')).toBe(false);
    // 'a' is now the least recent: 'c' pushes it out.
    expect(recent.seenBefore('c')).toBe(false);
    expect(recent.seenBefore('b')).toBe(true);
    expect(recent.seenBefore('a')).toBe(false);
  });
});

describe('StatementCache', () => {
  it('prepares a text once and reuses it', () => {
    const b = countingBindings();
    const cache = new StatementCache(b.bindings, 0, 4);
    const seen = [cache.with('SELECT a', (s) => s), cache.with('SELECT a', (s) => s), cache.with('SELECT b', (s) => s)];
    expect(seen).toEqual([1, 1, 2]);
    expect(b.created()).toBe(2);
  });

  it('closes the least recently used beyond its capacity', () => {
    const b = countingBindings();
    const cache = new StatementCache(b.bindings, 0, 2);
    cache.with('SELECT a', () => null); // 1
    cache.with('SELECT b', () => null); // 2
    cache.with('SELECT a', () => null); // a is now the most recent
    cache.with('SELECT c', () => null); // 3: b goes
    expect(cache.size).toBe(2);
    expect([...b.open].sort()).toEqual([1, 3]);
    expect(cache.with('SELECT b', (s) => s)).toBe(4);
  });

  it('closes and forgets a statement whose run failed', () => {
    const b = countingBindings();
    const cache = new StatementCache(b.bindings, 0, 4);
    expect(() =>
      cache.with('SELECT bad', () => {
        throw new Error('Catalog Error');
      }),
    ).toThrow('Catalog Error');
    expect(cache.size).toBe(0);
    expect(b.open.size).toBe(0);
    expect(cache.with('SELECT bad', (s) => s)).toBe(2);
  });

  it('keeps reads only: a statement that writes is prepared, run and closed', () => {
    const b = countingBindings();
    const cache = new StatementCache(b.bindings, 0, 4);
    cache.with('CREATE TABLE s AS SELECT ?', () => null);
    cache.with('CREATE TABLE s AS SELECT ?', () => null);
    expect(b.created()).toBe(2);
    expect(cache.size).toBe(0);
    expect(b.open.size).toBe(0);
    expect(isKeptKind('  with a AS (SELECT 1) SELECT * FROM a')).toBe(true);
    expect(isKeptKind('SELECT 1')).toBe(true);
    expect(isKeptKind('FROM t')).toBe(true);
    expect(isKeptKind('INSERT INTO t SELECT 1')).toBe(false);
    expect(isKeptKind('SELECTED')).toBe(false);
  });

  it('clear closes everything it kept', () => {
    const b = countingBindings();
    const cache = new StatementCache(b.bindings, 0, 4);
    cache.with('SELECT a', () => null);
    cache.with('SELECT b', () => null);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(b.open.size).toBe(0);
  });
});
