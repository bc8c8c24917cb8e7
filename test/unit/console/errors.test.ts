import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSpan, parseSqlError } from '$lib/console/errors';
import { NodeEngine } from '$lib/engine/node-engine';
import { sql, trusted } from '$lib/sql';

// The messages below are DuckDB's own text, captured from the engine; the CJK and truncated cases
// pin its display-width rules. The second block checks the same against the live engine.
describe('parseSqlError', () => {
  it('reads kind, message and position from a parser error', () => {
    const sql = 'SELECT * FORM tickets';
    const raw = 'Parser Error: syntax error at or near "tickets"\n\nLINE 1: SELECT * FORM tickets\n                      ^';
    const info = parseSqlError(raw, sql);
    expect(info.kind).toBe('Parser Error');
    expect(info.message).toBe('syntax error at or near "tickets"');
    expect(info.position).toEqual({ line: 1, column: 15, offset: 14 });
    expect(sql.slice(info.position!.offset)).toMatch(/^tickets/);
    expect(info.multipleStatements).toBe(false);
  });

  it('uses the first picture when DuckDB repeats it', () => {
    const raw =
      'Parser Error: syntax error at or near "FORM"\n\nLINE 1: SELECT * FORM\n                 ^\n\nLINE 1: SELECT * FORM\n                 ^';
    const info = parseSqlError(raw, 'SELECT * FORM');
    expect(info.message).toBe('syntax error at or near "FORM"');
    expect(info.position).toEqual({ line: 1, column: 10, offset: 9 });
  });

  it('keeps the candidate hints in the message and finds later lines', () => {
    const sql = "SELECT *\nFROM tickets\nWHERE township = '张家港' AND foo = 1";
    const raw =
      'Binder Error: Referenced column "foo" not found in FROM clause!\nCandidate bindings: "township"\n\n' +
      "LINE 3: WHERE township = '张家港' AND foo = 1\n" +
      ' '.repeat(38) +
      '^';
    const info = parseSqlError(raw, sql);
    expect(info.kind).toBe('Binder Error');
    expect(info.message).toBe('Referenced column "foo" not found in FROM clause!\nCandidate bindings: "township"');
    // Chinese characters are two columns wide in DuckDB's caret line but one character here.
    expect(info.position).toMatchObject({ line: 3, column: 28 });
    expect(sql.slice(info.position!.offset, info.position!.offset + 3)).toBe('foo');
  });

  it('undoes the "..." truncation of long lines', () => {
    const sql = "SELECT '" + '区镇'.repeat(80) + "' AS a, zzz FROM tickets";
    const shown = "...区镇区镇区镇区镇区镇区镇区镇区镇区镇区镇区镇区镇区镇' AS a, zzz FROM tickets";
    const raw = `Binder Error: Referenced column "zzz" not found in FROM clause!\n\nLINE 1: ${shown}\n${' '.repeat(71)}^`;
    const info = parseSqlError(raw, sql);
    expect(sql.slice(info.position!.offset, info.position!.offset + 3)).toBe('zzz');
    expect(info.position!.column).toBe(sql.indexOf('zzz') + 1);
  });

  it('counts CRLF as one line break, as DuckDB does', () => {
    const sql = 'SELECT 1\r\nFROM nope';
    const raw = 'Catalog Error: Table with name nope does not exist!\n\nLINE 2: FROM nope\n             ^';
    const info = parseSqlError(raw, sql);
    expect(info.position).toEqual({ line: 2, column: 6, offset: 15 });
    expect(sql.slice(info.position!.offset)).toBe('nope');
  });

  it('places "at end of input" after the last character', () => {
    const info = parseSqlError('Parser Error: syntax error at end of input', 'SELECT 1 +\n  ');
    expect(info.position).toEqual({ line: 1, column: 11, offset: 10 });
  });

  it('recognises the refusal of several statements', () => {
    const info = parseSqlError('Invalid Input Error: Cannot prepare multiple statements at once!', 'SELECT 1; SELECT 2');
    expect(info.kind).toBe('Invalid Input Error');
    expect(info.multipleStatements).toBe(true);
    expect(info.position).toBeNull();
  });

  it('passes through text that is not a DuckDB error', () => {
    const info = parseSqlError('engine not started', 'SELECT 1');
    expect(info).toMatchObject({ kind: null, message: 'engine not started', position: null });
  });

  it('does not invent a position for a line the text does not have', () => {
    const raw = 'Parser Error: x\n\nLINE 4: foo\n        ^';
    expect(parseSqlError(raw, 'SELECT 1').position).toBeNull();
  });
});

// The same, against the engine itself: whatever DuckDB prints, the offset lands on the token.
describe('parseSqlError against DuckDB', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.start();
    await engine.exec(trusted("CREATE TABLE tickets (ticket_id VARCHAR, township VARCHAR)"));
  });
  afterAll(() => engine.close());

  const cases: [string, string][] = [
    ['SELECT * FORM tickets', 'tickets'],
    ['SELECT nope FROM tickets', 'nope'],
    ["SELECT *\nFROM tickets\nWHERE township = '张家港镇' AND nope = 1", 'nope'],
    ["SELECT '" + '区镇'.repeat(80) + "' AS a, nope FROM tickets", 'nope'],
    ['SELECT 1\r\nFROM nowhere', 'nowhere'],
    ['SELECT township FROM tickets GROUP BY ticket_id', 'township'],
    ["SELECT '长长的中文内容用来测试截断位置是否正确，长长的中文内容用来测试截断位置' AS 说明, count(nope) FROM tickets", 'nope'],
  ];
  for (const [sqlText, token] of cases) {
    it(`finds ${token} in ${JSON.stringify(sqlText.slice(0, 40))}`, async () => {
      const error = await engine.query(trusted(sqlText)).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).not.toBeNull();
      const info = parseSqlError(error!.message, sqlText);
      expect(info.position, error!.message).not.toBeNull();
      expect(sqlText.slice(info.position!.offset, info.position!.offset + token.length)).toBe(token);
    });
  }

  it('reports several statements as such', async () => {
    const error = await engine.query(sql`SELECT ${1}; SELECT 2`).catch((e: Error) => e);
    expect(parseSqlError((error as Error).message, 'SELECT ?; SELECT 2').multipleStatements).toBe(true);
  });
});

describe('errorSpan', () => {
  it('covers the word at the offset', () => {
    expect(errorSpan('SELECT * FORM tickets', 9)).toEqual({ start: 9, end: 13 });
  });
  it('covers a quoted identifier or a symbol run', () => {
    expect(errorSpan('SELECT "a b" x', 7)).toEqual({ start: 7, end: 12 });
    expect(errorSpan('SELECT 1 ++ 2', 9)).toEqual({ start: 9, end: 11 });
  });
  it('is at least one character, even at the end', () => {
    expect(errorSpan('SELECT  ', 7)).toEqual({ start: 7, end: 8 });
    expect(errorSpan('SELECT', 6)).toEqual({ start: 6, end: 6 });
  });
});
