import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NodeEngine } from '$lib/engine/node-engine';
import { ident, sql, trusted } from '$lib/sql';
import { EXTRA_VALUES_TABLE, ImportError, createTableSql, loadParsedImport, parseImport, parseImportWithEngine, upsertInto } from '$lib/import';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url))) });

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function rows(q: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return (await engine.query(q)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

describe('upsert', () => {
  it('loads overlapping monthly exports: the later file wins and replaced rows are counted', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    const april = await loadParsedImport(engine, await parseImport(fixture('month-04.csv')));
    expect(april).toMatchObject({ rowsRead: 3, rowsRejected: 0, rowsLoaded: 3, duplicatesReplaced: 0, inserted: 3 });
    const may = await loadParsedImport(engine, await parseImport(fixture('month-05.csv')));
    expect(may).toMatchObject({ rowsRead: 3, rowsLoaded: 3, duplicatesReplaced: 2, inserted: 3 });
    const table = await rows(sql`SELECT ticket_id, status FROM tickets ORDER BY ticket_id`);
    // metrics.md: the table holds rows_loaded − duplicates_replaced summed over files.
    expect(table.length).toBe(3 + 3 - 2);
    expect(table).toEqual([
      { ticket_id: 'HM2024040001', status: '已办结' },
      { ticket_id: 'HM2024040002', status: '已办结' },
      { ticket_id: 'HM2024040003', status: '已办结' },
      { ticket_id: 'HM2024050001', status: '办理中' },
    ]);
  });

  it('counts a key repeated within one file as replaced, and keeps the later row', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    const parsed = await parseImport(fixture('quirks.csv'));
    const result = await loadParsedImport(engine, parsed);
    expect(result).toMatchObject({ rowsRead: 11, rowsRejected: 5, rowsLoaded: 6, duplicatesReplaced: 1, inserted: 5 });
    const [row] = await rows(sql`SELECT content, CAST(closed_at AS VARCHAR) AS closed FROM tickets WHERE ticket_id = 'HM2024030001'`);
    expect(row).toEqual({ content: '同一文件重复编号，以此为准', closed: '2024-03-04 08:00:00' });
    const [count] = await rows(sql`SELECT count(*)::INTEGER AS n FROM tickets`);
    expect(count.n).toBe(result.rowsLoaded - result.duplicatesReplaced);
  });

  it('gives the same table from many batches as from one: a key repeated across batches keeps its later row', async () => {
    const parsedWhole = await parseImport(fixture('quirks.csv'));
    const parsedInTwos = await parseImport(fixture('quirks.csv'), { batchRows: 2 });
    expect(parsedWhole.batches.length).toBe(1);
    expect(parsedInTwos.batches.length).toBe(3);
    const tableOf = async (parsed: typeof parsedWhole) => {
      await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
      const result = await loadParsedImport(engine, parsed);
      return { result, table: await rows(sql`SELECT ticket_id, content, CAST(closed_at AS VARCHAR) AS closed FROM tickets ORDER BY ticket_id`) };
    };
    const whole = await tableOf(parsedWhole);
    const inTwos = await tableOf(parsedInTwos);
    expect(inTwos).toEqual(whole);
    expect(inTwos.result).toMatchObject({ rowsLoaded: 6, duplicatesReplaced: 1, inserted: 5 });
    expect(inTwos.table.find((r) => r.ticket_id === 'HM2024030001')?.content).toBe('同一文件重复编号，以此为准');
  });

  it('stores naive timestamps unshifted and types every column', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    await loadParsedImport(engine, await parseImport(fixture('gbk-title.csv')));
    const [row] = await rows(
      sql`SELECT CAST(received_at AS VARCHAR) AS received, resolved, returned_count, typeof(received_at) AS t FROM tickets WHERE ticket_id = 'HM2024010001'`,
    );
    expect(row).toEqual({ received: '2024-01-05 13:05:00', resolved: true, returned_count: 0, t: 'TIMESTAMP' });
  });

  it('keeps unmapped columns, keyed by record, replaced with their row', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(EXTRA_VALUES_TABLE)}`);
    await loadParsedImport(engine, await parseImport(fixture('merged-headers.xlsx'), { sheet: '工单明细' }));
    const extras = await rows(sql`SELECT record_key, header, value FROM ${ident(EXTRA_VALUES_TABLE)} ORDER BY record_key`);
    expect(extras).toEqual([
      { record_key: '202406000004', header: '备注', value: '编号存成了数字但未丢位' },
      { record_key: 'HM2024060001', header: '备注', value: '首行' },
    ]);
  });

  it('rolls back on failure, leaving the table exactly as before', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    // The canonical table plus a CHECK that month-05.csv breaks on INSERT, after its DELETE ran.
    const ddl = createTableSql('tickets').text.replace(/\)$/, ", CHECK (ticket_id <> 'HM2024050001'))");
    await engine.exec(trusted(ddl));
    await loadParsedImport(engine, await parseImport(fixture('month-04.csv')));
    const before = await rows(sql`SELECT * FROM tickets ORDER BY ticket_id`);
    expect(before.length).toBe(3);
    const err = await loadParsedImport(engine, await parseImport(fixture('month-05.csv'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('load-failed');
    expect(await rows(sql`SELECT * FROM tickets ORDER BY ticket_id`)).toEqual(before);
    const staging = await rows(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, '__staging')`);
    expect(staging[0].n).toBe(0);
  });

  it('leaves an empty table empty when typing the rows in place fails, and drops what was staged', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    await engine.exec(createTableSql('tickets'));
    const parsed = await parseImportWithEngine(engine, fixture('month-04.csv'), { table: 'tickets', engineMinBytes: 0 });
    expect(parsed.staged?.inPlace).toBeTruthy();
    // As if DuckDB failed on the last statement (out of memory, say), after the others changed the raw table.
    const inPlace = parsed.staged!.inPlace!;
    const failing = { ...parsed, staged: { ...parsed.staged!, inPlace: { ...inPlace, statements: [...inPlace.statements, "SELECT error('out of memory')"] } } };
    const err = await loadParsedImport(engine, failing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('load-failed');
    expect(await rows(sql`SELECT count(*)::INTEGER AS n FROM tickets`)).toEqual([{ n: 0 }]);
    const left = await rows(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, '__import_')`);
    expect(left).toEqual([{ n: 0 }]);
    // The same import, not tampered with, then loads in place.
    const again = await parseImportWithEngine(engine, fixture('month-04.csv'), { table: 'tickets', engineMinBytes: 0 });
    expect(await loadParsedImport(engine, again)).toMatchObject({ rowsLoaded: 3, inserted: 3 });
    expect(await rows(sql`SELECT ticket_id FROM tickets ORDER BY ticket_id`)).toEqual([{ ticket_id: 'HM2024040001' }, { ticket_id: 'HM2024040002' }, { ticket_id: 'HM2024040003' }]);
  });

  it('accepts an empty import without touching the table', async () => {
    expect(await upsertInto(engine, 'grid_events', [])).toEqual({ inserted: 0, replaced: 0 });
    const [n] = await rows(sql`SELECT count(*)::INTEGER AS n FROM grid_events`);
    expect(n.n).toBe(0);
  });
});

