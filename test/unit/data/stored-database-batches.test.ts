// The save writes a table into its database file in batches of SAVE_BATCH_ROWS rows, each a
// statement without parameters (so the save's connection runs it in DuckDB's slices) and each its
// own row group; over DuckDB-WASM in Node. Rowids with gaps (an upsert's deletes) still copy every
// row once, in order; a batch that fails rolls the whole copy back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { rowidRange, SAVE_BATCH_ROWS, writeDatabaseFile, type DatabaseFileEngine } from '$lib/data/stored-database';
import { createTableSql } from '$lib/import/upsert';
import { sql, trusted, type SqlFragment } from '$lib/sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

/** The engine, with every exec recorded; `failOn` makes the matching one throw instead of running. */
function recording(failOn?: (q: SqlFragment) => boolean): { engine: DatabaseFileEngine; execs: SqlFragment[] } {
  const execs: SqlFragment[] = [];
  return {
    execs,
    engine: {
      query: (q) => engine.query(q),
      exec: async (q) => {
        execs.push(q);
        if (failOn?.(q)) throw new Error('disk full');
        await engine.exec(q);
      },
      registerMemoryFile: (name, file) => engine.registerMemoryFile(name, file),
      dropFile: (name) => engine.dropFile(name),
    },
  };
}

let attachments = 0;
/** The written file attached read-only under a fresh alias. */
async function attached(bytes: Uint8Array): Promise<string> {
  const alias = `written_${++attachments}`;
  engine.registerBuffer(`workbench-files/${alias}.duckdb`, bytes);
  await engine.exec(trusted(`ATTACH 'workbench-files/${alias}.duckdb' AS ${alias} (READ_ONLY)`));
  return alias;
}

const idsInOrder = async (relation: string) => (await engine.query(trusted(`SELECT coalesce(list(ticket_id ORDER BY rowid), []) AS ids FROM ${relation}`))).toArray()[0].ids.toArray() as string[];

describe('rowidRange', () => {
  it('writes the bounds out, for statements without parameters', () => {
    const range = rowidRange(20_480, 40_960);
    expect(range.text).toBe('rowid >= 20480 AND rowid < 40960');
    expect(range.params).toEqual([]);
  });

  it('refuses anything but a range of whole, non-negative rowids', () => {
    expect(() => rowidRange(1.5, 3)).toThrow(/not a row range/);
    expect(() => rowidRange(-1, 3)).toThrow(/not a row range/);
    expect(() => rowidRange(5, 3)).toThrow(/not a row range/);
    expect(() => rowidRange(0, Number.NaN)).toThrow(/not a row range/);
  });
});

describe('writeDatabaseFile in batches', () => {
  beforeEach(async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    await engine.exec(createTableSql('tickets'));
    // 50,000 tickets 'T0'..'T49999', then deletes that leave gaps in the rowids: every 7th, and all
    // of 20,000–29,999 (one whole batch's range and parts of two). Left: 50,000 − 7,143 (multiples
    // of 7 below 50,000) − 10,000 + 1,428 (multiples of 7 in 20,006–29,995, counted twice) = 34,285.
    await engine.exec(sql`INSERT INTO tickets (ticket_id, received_at) SELECT 'T' || range, TIMESTAMP '2024-03-01 08:00:00' + to_minutes(range) FROM range(50000)`);
    await engine.exec(sql`DELETE FROM tickets WHERE (substr(ticket_id, 2)::INTEGER) % 7 = 0 OR substr(ticket_id, 2)::INTEGER BETWEEN 20000 AND 29999`);
  });

  it('copies every row once, in rowid order, in statements of SAVE_BATCH_ROWS rowids without parameters', async () => {
    expect(SAVE_BATCH_ROWS).toBe(20_480);
    const { engine: recorder, execs } = recording();
    const bytes = await writeDatabaseFile(recorder, 'tickets');
    const alias = await attached(bytes);

    const source = await idsInOrder('tickets');
    expect(source).toHaveLength(34_285);
    expect(await idsInOrder(`${alias}.main.tickets`)).toEqual(source);

    // The highest rowid is 49,999: rowids 0–20,479, 20,480–40,959 and 40,960–61,439, three statements.
    const copies = execs.filter((q) => /FROM "tickets" WHERE rowid/.test(q.text));
    expect(copies.map((q) => q.text.match(/WHERE (.*)$/)?.[1])).toEqual([
      'rowid >= 0 AND rowid < 20480',
      'rowid >= 20480 AND rowid < 40960',
      'rowid >= 40960 AND rowid < 61440',
    ]);
    expect(copies.every((q) => q.params.length === 0)).toBe(true);
    // One transaction around them: BEGIN just before the first, COMMIT just after the last.
    const at = (q: SqlFragment) => execs.indexOf(q);
    expect(execs[at(copies[0]) - 1].text).toBe('BEGIN TRANSACTION');
    expect(execs[at(copies[2]) + 1].text).toBe('COMMIT');
  });

  it('writes row groups of at most SAVE_BATCH_ROWS rows', async () => {
    const alias = await attached(await writeDatabaseFile(engine, 'tickets'));
    const groups = (
      await engine.query(trusted(`SELECT row_group_id, max(count)::INTEGER AS n FROM pragma_storage_info('${alias}.main.tickets') WHERE column_name = 'ticket_id' GROUP BY ALL ORDER BY row_group_id`))
    ).toArray();
    // 34,285 rows: 20,480 + 13,805.
    expect(groups.map((g) => g.n)).toEqual([20_480, 13_805]);
  });

  it('an empty table gives an empty table, with one statement', async () => {
    await engine.exec(sql`DELETE FROM tickets`);
    const { engine: recorder, execs } = recording();
    const alias = await attached(await writeDatabaseFile(recorder, 'tickets'));
    expect(await idsInOrder(`${alias}.main.tickets`)).toEqual([]);
    expect(execs.filter((q) => /FROM "tickets" WHERE rowid/.test(q.text))).toHaveLength(1);
  });

  it('a batch that fails rolls the copy back and detaches; the table is untouched', async () => {
    const { engine: recorder, execs } = recording((q) => q.text.includes('rowid >= 20480'));
    await expect(writeDatabaseFile(recorder, 'tickets')).rejects.toThrow('disk full');
    const texts = execs.map((q) => q.text);
    expect(texts).toContain('ROLLBACK');
    expect(texts).not.toContain('COMMIT');
    expect(texts.at(-1)).toMatch(/^DETACH "__store_tickets_/);
    const stores = (await engine.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name LIKE '__store_%'`)).toArray()[0].n;
    expect(stores).toBe(0);
    expect(await idsInOrder('tickets')).toHaveLength(34_285);
  });
});
