// The raw read's statement (raw-read.ts): every column as text under the names the checks use,
// the file's own delimiter and skip, smaller buffers for bytes in memory (more progress), a part
// after the first appended, the columns laid out as asked, and a refusal told, not thrown.
import { describe, expect, it } from 'vitest';
import type { Engine } from '$lib/engine/types';
import { rawCellText, readRawTable } from '$lib/import/raw-read';
import { ident, type SqlFragment } from '$lib/sql';

function recording(fail?: string): { engine: Engine; statements: string[] } {
  const statements: string[] = [];
  const engine = {
    exec: async (q: SqlFragment) => {
      statements.push(q.text);
      if (fail) throw new Error(fail);
    },
  } as unknown as Engine;
  return { engine, statements };
}

describe('readRawTable', () => {
  it('creates the table from a File with 16 MB buffers, every column text', async () => {
    const { engine, statements } = recording();
    expect(await readRawTable(engine, 'raw t', { engineFile: "workbench-files/a'b.csv", delimiter: ';', skip: 3, width: 2 })).toBeNull();
    expect(statements).toHaveLength(1);
    const text = statements[0];
    expect(text.startsWith('CREATE TABLE "raw t" AS SELECT * FROM read_csv(\'workbench-files/a\'\'b.csv\'')).toBe(true);
    expect(text).toContain("delim = ';'");
    expect(text).toContain('skip = 3');
    expect(text).toContain(`buffer_size = ${16 * 1024 * 1024}`);
    expect(text).toContain("columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR'}");
    expect(text).toContain('strict_mode = true');
  });

  it('appends a later part, read from memory with 8 MB buffers', async () => {
    const { engine, statements } = recording();
    await readRawTable(engine, 'raw', { engineFile: 'workbench-files/p.csv', delimiter: ',', skip: 0, width: 1, append: true, inMemory: true });
    expect(statements[0].startsWith('INSERT INTO "raw" SELECT * FROM read_csv(')).toBe(true);
    expect(statements[0]).toContain(`buffer_size = ${8 * 1024 * 1024}`);
  });

  it('lays the columns out as asked: the file\'s in another order, a typed NULL column for one it lacks', async () => {
    const { engine, statements } = recording();
    await readRawTable(engine, 'raw', {
      engineFile: 'f.csv',
      delimiter: ',',
      skip: 1,
      width: 2,
      layout: [{ source: 1 }, { absent: 'received_at', type: 'TIMESTAMP' }, { source: 0 }],
    });
    expect(statements[0].startsWith('CREATE TABLE "raw" AS SELECT "c1", CAST(NULL AS TIMESTAMP) AS "received_at", "c0" FROM read_csv(')).toBe(true);
    // The reader still reads the file's two columns, as text.
    expect(statements[0]).toContain("columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR'}");
  });

  it("returns DuckDB's refusal, its first line only", async () => {
    const { engine } = recording('Invalid Input Error: CSV Error on Line: 7\nmore detail');
    expect(await readRawTable(engine, 'raw', { engineFile: 'f.csv', delimiter: ',', skip: 1, width: 3 })).toBe(
      "DuckDB's reader refused the file: Invalid Input Error: CSV Error on Line: 7",
    );
  });
});

describe('readRawTable with columns read typed', () => {
  it("has the reader type plain timestamps and counts, and turns a yes/no column's two words into values as it reads", async () => {
    const { engine, statements } = recording();
    const types = new Map([
      [1, { column: 1, type: 'TIMESTAMP' as const }],
      [2, { column: 2, type: 'INTEGER' as const }],
      [3, { column: 3, type: 'BOOLEAN' as const, words: { yes: '是', no: null } }],
    ]);
    await readRawTable(engine, 'raw', { engineFile: 'workbench-files/p.csv', delimiter: ',', skip: 0, width: 4, types });
    const text = statements[0];
    expect(text).toContain("columns = {'c0': 'VARCHAR', 'c1': 'TIMESTAMP', 'c2': 'INTEGER', 'c3': 'VARCHAR'}");
    // By hand: the words as literals; a word not met yet has no branch.
    expect(text).toContain(`SELECT "c0", "c1", "c2", CAST(CASE "c3" WHEN '是' THEN true END AS BOOLEAN) AS "c3" FROM read_csv(`);
  });
});

describe('rawCellText', () => {
  it("gives a typed column's cells back as text, a yes/no value as its own word", () => {
    const c = ident('c3');
    expect(rawCellText(c, { column: 3, type: 'TIMESTAMP' }).text).toBe('CAST("c3" AS VARCHAR)');
    expect(rawCellText(c, { column: 3, type: 'BOOLEAN', words: { yes: "是'", no: '否' } }).text).toBe(`CASE "c3" WHEN true THEN '是''' WHEN false THEN '否' END`);
  });
});
