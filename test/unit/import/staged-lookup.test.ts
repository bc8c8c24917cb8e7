// The two forms of the engine path's lookups (inlined CASE expressions, a joined table) must give
// the same answers, and the inlined literals must be the values the Arrow table would hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { buildLookup, changesNoValue, lookupAccess, valueLiteral } from '$lib/import/staged-lookup';
import { sql, trusted } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const one = async (q: ReturnType<typeof sql>) => (await engine.query(q)).toArray()[0].toJSON() as Record<string, unknown>;

describe('valueLiteral', () => {
  it('writes each type as the value itself', async () => {
    const row = await one(sql`SELECT ${valueLiteral("it's", 'VARCHAR')} AS s, ${valueLiteral(true, 'BOOLEAN')} AS b,
      ${valueLiteral(Date.UTC(2024, 0, 5, 13, 5, 0, 250), 'TIMESTAMP')} = TIMESTAMP '2024-01-05 13:05:00.25' AS t,
      ${valueLiteral(-7, 'INTEGER')} AS i, ${valueLiteral(0.1, 'DOUBLE')} AS d, ${valueLiteral(null, 'TIMESTAMP')} IS NULL AS n`);
    expect(row).toEqual({ s: "it's", b: true, t: true, i: -7, d: 0.1, n: true });
  });
});

describe('lookupAccess', () => {
  const resolve = (t: string) => (t === '海门' ? '海门街道' : null);
  beforeAll(async () => {
    await engine.exec(sql`CREATE TABLE cells AS SELECT * FROM (VALUES (1, '是'), (2, ' 否'), (3, NULL), (4, '也许'), (5, '是')) t(id, c)`);
  });

  it.each([
    ['inlined', 32],
    ['joined', 0],
  ])('%s: a found cell takes its answer, any other the simple rule', async (_, inlineMax) => {
    // Simple here: a missing cell. The rule's value for it: the text 'simple'.
    const lookup = await buildLookup(
      engine,
      { table: `lookup_${inlineMax}`, source: 'cells', column: trusted('r.c'), simple: trusted('(v IS NULL)') },
      { kind: 'boolean', type: 'BOOLEAN', required: false, resolve },
      inlineMax,
    );
    expect(lookup?.table).toBe(inlineMax === 0 ? `lookup_0` : null);
    expect(lookup?.values.raw.slice().sort()).toEqual([' 否', '也许', '是']);
    const found = lookupAccess(lookup!, trusted('r.c'), 'l');
    const rows = (
      await engine.query(sql`SELECT r.id, ${found.pick('v', trusted('NULL::BOOLEAN'))} AS v, ${found.pick('code', trusted("'none'"))} AS code
        FROM cells r${found.joins} ORDER BY r.id`)
    ).toArray().map((r) => r.toJSON());
    expect(rows).toEqual([
      { id: 1, v: true, code: null },
      { id: 2, v: false, code: null },
      { id: 3, v: null, code: 'none' },
      { id: 4, v: null, code: 'invalid-value' },
      { id: 5, v: true, code: null },
    ]);
  });

  it('is null when every cell is simple', async () => {
    const lookup = await buildLookup(
      engine,
      { table: 'unused', source: 'cells', column: trusted('r.c'), simple: trusted('true') },
      { kind: 'boolean', type: 'BOOLEAN', required: false, resolve },
    );
    expect(lookup).toBeNull();
  });
});

describe('changesNoValue', () => {
  const townships = (t: string) => (t === '海门街道' || t === '余东镇' ? t : t === '海门' ? '海门街道' : null);
  const lookupOf = async (name: string, values: string[]) => {
    await engine.exec(sql`CREATE TABLE ${trusted(name)} AS SELECT unnest(${trusted(`[${values.map((v) => `'${v}'`).join(', ')}]`)}) AS c`);
    return (await buildLookup(
      engine,
      { table: `${name}_lookup`, source: name, column: trusted('r.c'), simple: trusted('(v IS NULL)') },
      { kind: 'township', type: 'VARCHAR', required: false, resolve: townships },
    ))!;
  };

  it('holds for a township column written as the township table writes it', async () => {
    expect(changesNoValue(await lookupOf('canonical_towns', ['海门街道', '余东镇', '海门街道']))).toBe(true);
  });

  it('fails for a township written otherwise (an alias, a space at an edge)', async () => {
    expect(changesNoValue(await lookupOf('alias_towns', ['海门街道', '海门']))).toBe(false);
    expect(changesNoValue(await lookupOf('spaced_towns', ['海门街道', ' 余东镇']))).toBe(false);
  });

  it('holds for a township not in the table, which keeps its text (with a warning the lookup still gives)', async () => {
    const lookup = await lookupOf('unknown_towns', ['海门街道', '火星镇']);
    expect(changesNoValue(lookup)).toBe(true);
    expect(lookup.flags).toBe(true);
  });

  it('fails for a lookup of another type, whatever its values', async () => {
    await engine.exec(sql`CREATE TABLE flags AS SELECT unnest(['是', '否']) AS c`);
    const lookup = await buildLookup(
      engine,
      { table: 'flags_lookup', source: 'flags', column: trusted('r.c'), simple: trusted('(v IS NULL)') },
      { kind: 'boolean', type: 'BOOLEAN', required: false, resolve: townships },
    );
    expect(changesNoValue(lookup!)).toBe(false);
  });
});
