import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsToIPC } from '$lib/arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { sql } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

describe('columnsToIPC', () => {
  it('carries every canonical type into DuckDB with nulls intact', async () => {
    const ipc = columnsToIPC(
      {
        length: 3,
        columns: {
          id: ['a', 'b', null],
          town: ['悦来镇', '悦来镇', null],
          ts: [Date.UTC(2024, 0, 5, 13, 5), null, Date.UTC(2024, 1, 29)],
          ok: [true, null, false],
          n: [1, null, -2],
        },
      },
      { id: 'VARCHAR', town: 'VARCHAR', ts: 'TIMESTAMP', ok: 'BOOLEAN', n: 'INTEGER' },
    );
    await engine.insertArrow('typed', ipc, 'create');
    const rows = await engine.query(
      sql`SELECT id, town, strftime(ts, '%Y-%m-%d %H:%M') AS ts, ok, n, typeof(ts) AS t, typeof(town) AS tt FROM typed ORDER BY id NULLS LAST`,
    );
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { id: 'a', town: '悦来镇', ts: '2024-01-05 13:05', ok: true, n: 1, t: 'TIMESTAMP', tt: 'VARCHAR' },
      { id: 'b', town: '悦来镇', ts: null, ok: null, n: null, t: 'TIMESTAMP', tt: 'VARCHAR' },
      { id: null, town: null, ts: '2024-02-29 00:00', ok: false, n: -2, t: 'TIMESTAMP', tt: 'VARCHAR' },
    ]);
  });

  it('dictionary-encodes repeated text and keeps distinct text plain, both as VARCHAR', async () => {
    const n = 100;
    const ids = Array.from({ length: n }, (_, i) => `T${i}`);
    const towns = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : ['海门街道', '悦来镇'][i % 2]));
    await engine.insertArrow('dict', columnsToIPC({ length: n, columns: { id: ids, town: towns } }, { id: 'VARCHAR', town: 'VARCHAR' }), 'create');
    const r = await engine.query(
      sql`SELECT count(DISTINCT id)::INTEGER AS ids, count(town)::INTEGER AS towns, count(*) FILTER (WHERE town = '悦来镇')::INTEGER AS yue, typeof(any_value(town)) AS t FROM dict`,
    );
    // i % 3 == 0 → null (34 of 100); odd i → 悦来镇: odd i not divisible by 3 → 50 − 17 = 33.
    expect(r.toArray()[0].toJSON()).toEqual({ ids: 100, towns: 66, yue: 33, t: 'VARCHAR' });
  });

  it('refuses a column of the wrong length', () => {
    expect(() => columnsToIPC({ length: 2, columns: { a: ['x'] } }, { a: 'VARCHAR' })).toThrow(/expected 2/);
  });
});
