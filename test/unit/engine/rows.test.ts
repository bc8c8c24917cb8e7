import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { rowsOf, sameRows } from '$lib/engine/rows';
import { sql } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('rowsOf', () => {
  it('turns BIGINT into numbers, applies DECIMAL scale, keeps NULL', async () => {
    const table = await engine.query(
      sql`SELECT 42::BIGINT AS n, 1.25::DECIMAL(5,2) AS d, -0.5::DECIMAL(18,3) AS neg, sum(x) AS s, NULL::DECIMAL(4,1) AS nothing FROM (VALUES (1.5::DECIMAL(4,1)), (2.0)) t(x)`,
    );
    expect(rowsOf(table)).toEqual([{ n: 42, d: 1.25, neg: -0.5, s: 3.5, nothing: null }]);
  });
});

describe('sameRows', () => {
  it('is true for equal cells in equal rows, whatever the objects', () => {
    expect(sameRows([{ key: 'A', total: 3, rate: null }], [{ key: 'A', total: 3, rate: null }])).toBe(true);
    expect(sameRows([], [])).toBe(true);
  });

  it('is false for another value, another length, or a cell missing', () => {
    expect(sameRows([{ key: 'A', total: 3 }], [{ key: 'A', total: 4 }])).toBe(false);
    expect(sameRows([{ key: 'A', total: 3 }], [{ key: 'A', total: 3 }, { key: 'B', total: 1 }])).toBe(false);
    expect(sameRows([{ key: 'A', total: 3 }], [{ key: 'A' }])).toBe(false);
    expect(sameRows([{ key: 'A', n: 1 }], [{ key: 'A', m: 1 }])).toBe(false);
    // NULL and a missing cell differ; 0 and NULL differ.
    expect(sameRows([{ rate: 0 }], [{ rate: null }])).toBe(false);
  });
});
