// The synchronous engine both the browser's worker and Node run: the interruptible path gives the
// same answers as the direct one, a cancel lands between slices, and results stream in pieces
// that DuckDB's own Arrow reader takes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { QueryInterrupted } from '$lib/engine/sync-engine';
import { ident, sql } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(sql`CREATE TABLE nums AS SELECT range::INTEGER AS n, 'v' || range AS s FROM range(5000)`);
});
afterAll(() => engine.close());

const rows = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON());

describe('SyncEngine.run', () => {
  it('answers the same with and without a cancel signal, and with bound parameters', async () => {
    const text = 'SELECT n % 3 AS k, count(*)::INTEGER AS c FROM nums GROUP BY ALL ORDER BY k';
    const expected = [
      { k: 0, c: 1667 },
      { k: 1, c: 1667 },
      { k: 2, c: 1666 },
    ];
    expect(rows(await engine.run(text))).toEqual(expected);
    expect(rows(await engine.run(text, [], new AbortController().signal))).toEqual(expected);
    expect(rows(await engine.run('SELECT n % ? AS k, count(*)::INTEGER AS c FROM nums GROUP BY ALL ORDER BY k', [3]))).toEqual(expected);
  });

  it('keeps the schema of an empty result on the interruptible path', async () => {
    const table = tableFromIPC(await engine.run('SELECT n, s FROM nums WHERE false', [], new AbortController().signal));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['n', 's']);
  });

  it('interrupts a running statement when its signal aborts, and the connection stays usable', async () => {
    const controller = new AbortController();
    const slow = engine.run('SELECT count(*) FROM range(200000000) a, range(10) b WHERE a.range % 7 = b.range', [], controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(slow).rejects.toBeInstanceOf(QueryInterrupted);
    expect(rows(await engine.run('SELECT 41 + 1 AS x'))).toEqual([{ x: 42 }]);
  });
});

describe('a cancelled statement', () => {
  it('is rolled back at once: another connection can then create the table it was creating', async () => {
    const copier = engine.connectAgain();
    const controller = new AbortController();
    // Stopped at its first pause: the statement has begun, and its table exists in its transaction.
    const pace = async () => controller.abort();
    const creating = copier.run('CREATE TABLE made AS SELECT a.range AS x FROM range(3000000) a ORDER BY hash(a.range)', [], controller.signal, pace);
    await expect(creating).rejects.toBeInstanceOf(QueryInterrupted);
    // Left open, its transaction would hold the name until the copier's next statement:
    // "Catalog write-write conflict on create".
    await engine.exec(sql`CREATE OR REPLACE TABLE made AS SELECT 7 AS x`);
    expect(rows(await engine.run('SELECT x FROM made'))).toEqual([{ x: 7 }]);
    expect(rows(await copier.run('SELECT count(*)::INTEGER AS n FROM made'))).toEqual([{ n: 1 }]);
  });
});

describe('SyncEngine.stream', () => {
  it('cuts a result into pieces of whole batches that insert back to the same rows', async () => {
    const pieces: Uint8Array[][] = [];
    for await (const piece of engine.stream(sql`SELECT * FROM ${ident('nums')} ORDER BY n`, 8_000)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    for (const [i, piece] of pieces.entries()) engine.insertIPC('nums_copy', piece, i === 0 ? 'create' : 'append');
    const check = await engine.query(sql`SELECT count(*)::INTEGER AS c, sum(n)::BIGINT AS s, max(s) AS m FROM ${ident('nums_copy')}`);
    expect(check.toArray()[0].toJSON()).toEqual({ c: 5000, s: 12497500n, m: 'v999' });
  });

  it('streams a statement with bound parameters too', async () => {
    const pieces: Uint8Array[][] = [];
    for await (const piece of engine.stream(sql`SELECT n FROM ${ident('nums')} WHERE n < ${3} ORDER BY n`)) pieces.push(piece);
    engine.insertIPC('nums_small', pieces[0], 'create');
    const check = await engine.query(sql`SELECT list(n ORDER BY n) AS l FROM ${ident('nums_small')}`);
    expect([...(check.toArray()[0].toJSON().l as Iterable<number>)]).toEqual([0, 1, 2]);
  });
});
