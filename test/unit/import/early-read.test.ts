// The engine path with DuckDB's read started from the header decision alone, beside the scan
// (engine-csv.ts startEarlyRead): the staged rows, extras, report and preview must be exactly
// those of the read made after the scan; a file the scan rules out leaves nothing behind; and the
// validation's steps count up to their total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { prepareCsvBytes, type PreparedBytes } from '$lib/import/csv-prepare';
import { stageRegistered, startEarlyRead, type CsvHead } from '$lib/import/engine-csv';
import { importId, rawTableName } from '$lib/import/raw-read';
import { dropStaged } from '$lib/import/upsert';
import { dropImportTables } from '$lib/import/staged-csv';
import type { EncodingGuess } from '$lib/import/decode';
import { ident, sql, trusted } from '$lib/sql';
import { gb18030, messyTickets } from './messy';

const UTF8: EncodingGuess = { encoding: 'utf-8', reason: 'valid-utf8', bom: false };
const GBK: EncodingGuess = { encoding: 'gb18030', reason: 'fallback', bom: false };

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function prepare(bytes: Uint8Array<ArrayBuffer>, encoding: EncodingGuess): Promise<{ prepared: PreparedBytes; heads: CsvHead[] }> {
  const heads: CsvHead[] = [];
  const prepared = await prepareCsvBytes({
    name: 't.csv',
    file: new Blob([bytes]),
    chunks: () => pieces(bytes, 1 << 16),
    encoding,
    tabSeparated: false,
    choice: { table: 'tickets' },
    onHead: (head) => heads.push(head),
  });
  expect(prepared).not.toBeNull();
  return { prepared: prepared!, heads };
}

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 60_000);
afterAll(() => engine?.close());

const rowsOf = async (table: string) =>
  (await engine.query(sql`SELECT * FROM ${ident(table)} ORDER BY ALL`)).toArray().map((r) => JSON.stringify((r as { toJSON(): unknown }).toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)));

/** The relations of imports in the engine: tables and views. */
const importTables = async () =>
  (
    await engine.query(
      trusted(
        "SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, '__import_') UNION ALL SELECT view_name FROM duckdb_views() WHERE starts_with(view_name, '__import_') ORDER BY ALL",
      ),
    )
  )
    .toArray()
    .map((r) => String(r.name));

describe('an early read', () => {
  it('is offered for a UTF-8 file once its header is decided, with the records up to the header only', async () => {
    const text = messyTickets(3000, { crlf: true, trailing: false, title: true, blanks: true });
    const { heads } = await prepare(new TextEncoder().encode(text), UTF8);
    expect(heads).toHaveLength(1);
    expect(heads[0].records.map((r) => r.row)).toEqual(Array.from({ length: heads[0].headerIndex + 1 }, (_, i) => i + 1));
    // Without onPart, a transcoded file is read only once all of it is transcoded (csv-parts.test.ts has the parts).
    const plain = ['工单编号,受理时间,所属区镇', ...Array.from({ length: 3000 }, (_, i) => `HM${i},2024-01-01 08:00:00,海门街道`)].join('\n') + '\n';
    expect((await prepare(gb18030(plain) as Uint8Array<ArrayBuffer>, GBK)).heads).toEqual([]);
  });

  for (const shape of [
    { crlf: false, trailing: false, title: false, blanks: false },
    { crlf: true, trailing: false, title: true, blanks: true },
    { crlf: false, trailing: true, title: true, blanks: true },
  ]) {
    it(`stages exactly what the read after the scan stages: ${JSON.stringify(shape)}`, async () => {
      const bytes = new TextEncoder().encode(messyTickets(4000, shape));
      const { prepared, heads } = await prepare(bytes, UTF8);
      const file = new Blob([bytes]);
      const after = await stageRegistered(engine, file, prepared.head, prepared.scan, { file: 't.csv', id: importId() });
      const early = await startEarlyRead(engine, file, heads[0], importId());
      expect(early).not.toBeNull();
      const steps: [number, number][] = [];
      const rowsTold = new Set<number>();
      const beside = await stageRegistered(engine, file, prepared.head, prepared.scan, {
        file: 't.csv',
        early: early!,
        onStep: (done, total, rows) => {
          steps.push([done, total]);
          rowsTold.add(rows);
        },
      });
      expect(after).not.toBeNull();
      expect(beside).not.toBeNull();
      expect(beside!.report).toEqual(after!.report);
      expect(beside!.preview).toEqual(after!.preview);
      expect(beside!.extraColumns).toEqual(after!.extraColumns);
      expect(await rowsOf(beside!.staged.rows)).toEqual(await rowsOf(after!.staged.rows));
      if (after!.staged.extras) expect(await rowsOf(beside!.staged.extras!)).toEqual(await rowsOf(after!.staged.extras));
      // Told as the checks begin (none done), then one step per statement, counted up; the total
      // stays ahead of the count until the last.
      expect(steps.length).toBeGreaterThan(5);
      steps.forEach(([done, total], i) => {
        if (i < steps.length - 1) {
          expect(done).toBe(i);
          expect(total).toBeGreaterThan(done);
        } else expect(done).toBe(total);
      });
      // Every step tells the same row count: the rows DuckDB read, blank ones among them.
      expect(rowsTold.size).toBe(1);
      expect([...rowsTold][0]).toBeGreaterThanOrEqual(beside!.report.rowsRead);
      // The rows are a view over the import's tables: dropping what was staged leaves nothing.
      expect(after!.staged.rowsView).toBe(true);
      expect(after!.staged.sources.length).toBeGreaterThan(0);
      for (const staged of [after!.staged, beside!.staged]) await dropStaged(engine, staged);
      expect(await importTables()).toEqual([]);
    });
  }

  it('names every relation it stages, so that dropping them by name leaves nothing', async () => {
    const bytes = new TextEncoder().encode(messyTickets(3000, { crlf: true, trailing: false, title: true, blanks: true }));
    const { prepared } = await prepare(bytes, UTF8);
    const id = importId();
    const named = new Set<string>();
    const staged = await stageRegistered(engine, new Blob([bytes]), prepared.head, prepared.scan, { file: 't.csv', id, named });
    expect(staged).not.toBeNull();
    const made = await importTables();
    // Lookup tables, the extras and the rows view among them: more than the raw table and the view.
    expect(made.length).toBeGreaterThan(2);
    // The raw table is the read's, named by its id alone; staging names the rest as it makes them.
    for (const relation of made) expect(named.has(relation) || relation === rawTableName(id), relation).toBe(true);
    await dropImportTables(engine, id, named);
    expect(await importTables()).toEqual([]);
  });

  it('leaves no table behind when the scan rules the engine path out after the read began', async () => {
    // A lone CR inside a row: csv.ts breaks the line there, DuckDB would not.
    const text = messyTickets(2000, { crlf: false, trailing: false, title: false, blanks: false }).replace('\n', '\rX\n');
    const bytes = new TextEncoder().encode(text);
    const { prepared, heads } = await prepare(bytes, UTF8);
    expect(prepared.scan.loneCr).toBeGreaterThan(0);
    const early = await startEarlyRead(engine, new Blob([bytes]), heads[0], importId());
    const reasons: string[] = [];
    const staged = await stageRegistered(engine, new Blob([bytes]), prepared.head, prepared.scan, { file: 't.csv', early: early!, onFallback: (r) => reasons.push(r) });
    expect(staged).toBeNull();
    expect(reasons).toHaveLength(1);
    expect(await importTables()).toEqual([]);
  });
});
