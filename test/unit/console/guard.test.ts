// What the console refuses before DuckDB sees a statement (console/guard.ts), case by case: the
// qualified names and by-name functions that would bypass the masked views, the statements that
// change the engine, and writes to the workbench's own tables — and what it lets through.
import { describe, expect, it } from 'vitest';
import { checkConsoleStatement, tokenize, writeTargets } from '$lib/console/guard';

const MASKED = { masked: true, allowWrites: false };
const WRITES = { masked: true, allowWrites: true };
const RAW = { masked: false, allowWrites: false };
const code = (text: string, rules = MASKED, tables: string[] = []) => checkConsoleStatement(text, rules, tables)?.code ?? null;

describe('tokenize', () => {
  it('keeps strings, quoted names and comments apart from words', () => {
    expect(tokenize(`SELECT 'main.x' AS "main", -- main.tickets\n /* query( */ t.a FROM $$main.y$$`)).toEqual([
      { kind: 'word', text: 'SELECT', quoted: false },
      { kind: 'string', text: 'main.x' },
      { kind: 'word', text: 'AS', quoted: false },
      { kind: 'word', text: 'main', quoted: true },
      { kind: 'symbol', text: ',' },
      { kind: 'word', text: 't', quoted: false },
      { kind: 'symbol', text: '.' },
      { kind: 'word', text: 'a', quoted: false },
      { kind: 'word', text: 'FROM', quoted: false },
      { kind: 'string', text: 'main.y' },
    ]);
  });

  it('reads doubled quotes as one and Chinese letters as words', () => {
    expect(tokenize(`'it''s' "a""b" 村居`)).toEqual([
      { kind: 'string', text: "it's" },
      { kind: 'word', text: 'a"b', quoted: true },
      { kind: 'word', text: '村居', quoted: false },
    ]);
  });
});

describe('masked mode', () => {
  it('lets plain reads, aliases, functions, aggregates and table aliases through', () => {
    for (const text of [
      'SELECT caller_name AS n, caller_phone AS p, address AS a FROM tickets',
      'SELECT upper(caller_name), string_agg(caller_phone, \',\') FROM tickets t WHERE t.township = \'main.\'',
      'WITH w AS (SELECT * FROM tickets) SELECT count(*) FROM w',
      'SELECT * FROM masked.tickets',
      'DESCRIBE tickets',
      'SUMMARIZE tickets',
    ]) {
      expect(code(text), text).toBeNull();
    }
  });

  it('refuses a name qualified by a raw catalog or schema, however it is written', () => {
    expect(code('SELECT * FROM main.tickets')).toBe('qualified-name');
    expect(code('SELECT * FROM memory.main.tickets')).toBe('qualified-name');
    expect(code('SELECT * FROM "main"."tickets"')).toBe('qualified-name');
    expect(code('SELECT * FROM MAIN . tickets')).toBe('qualified-name');
    expect(code('SELECT * FROM sample.tickets')).toBe('qualified-name');
    expect(code('SELECT (SELECT max(caller_name) FROM temp.main.x)')).toBe('qualified-name');
  });

  it('refuses functions that read a table or file by its name', () => {
    expect(code("SELECT * FROM query('SELECT * FROM tickets')")).toBe('raw-function');
    expect(code("SELECT * FROM query_table('tickets')")).toBe('raw-function');
    expect(code("SELECT * FROM read_csv('workbench-files/x.csv')")).toBe('raw-function');
    expect(code("SELECT * FROM 'workbench-files/import-1.csv'")).toBe('raw-file');
  });

  it('refuses the internal tables DuckDB names in the statement', () => {
    expect(code('SELECT * FROM __import_1_raw', MASKED, ['__import_1_raw'])).toBe('internal-table');
  });

  it('unmasked, the same names are the user’s choice', () => {
    expect(code('SELECT * FROM main.tickets', RAW)).toBeNull();
    expect(code("SELECT * FROM query_table('tickets')", RAW)).toBeNull();
  });
});

describe('engine statements', () => {
  it('are refused in every mode, the WITH-less keyword named', () => {
    for (const text of ['SET autoload_known_extensions = true', 'RESET search_path', "ATTACH 'x.db'", 'DETACH sample', 'USE sample', 'INSTALL httpfs', 'LOAD httpfs', 'PRAGMA enable_profiling', 'COMMIT', 'CALL pragma_version()']) {
      for (const rules of [MASKED, WRITES, RAW]) expect(checkConsoleStatement(text, rules)?.code, text).toBe('engine-statement');
    }
    expect(checkConsoleStatement('  -- a comment\n set x = 1', RAW)?.subject).toBe('SET');
  });
});

describe('writes', () => {
  it('finds what each kind of statement changes', () => {
    expect(writeTargets('INSERT OR REPLACE INTO mine SELECT * FROM tickets')).toEqual([['mine']]);
    expect(writeTargets('UPDATE main.tickets SET a = 1')).toEqual([['main', 'tickets']]);
    expect(writeTargets('DELETE FROM tickets WHERE true')).toEqual([['tickets']]);
    expect(writeTargets('TRUNCATE TABLE grid_events')).toEqual([['grid_events']]);
    expect(writeTargets('ALTER TABLE IF EXISTS tickets ADD COLUMN x INT')).toEqual([['tickets']]);
    expect(writeTargets('DROP TABLE IF EXISTS a, tickets')).toEqual([['a'], ['tickets']]);
    expect(writeTargets('CREATE OR REPLACE TEMP TABLE IF NOT EXISTS mine AS SELECT 1')).toEqual([['mine']]);
    expect(writeTargets('CREATE UNIQUE INDEX i ON tickets (ticket_id)')).toEqual([['i'], ['tickets']]);
    expect(writeTargets('CREATE OR REPLACE MACRO wb_mask_name(v) AS v')).toEqual([['wb_mask_name']]);
    expect(writeTargets('WITH x AS (SELECT 1) DELETE FROM tickets')).toEqual([['tickets']]);
    expect(writeTargets('SELECT 1')).toEqual([]);
  });

  it('refuses a change to the workbench’s tables and helpers, allows the user’s own', () => {
    for (const text of [
      "DELETE FROM tickets WHERE township = '海永镇'",
      'ALTER TABLE tickets ADD COLUMN x INTEGER',
      'DROP TABLE enterprise_requests',
      'CREATE OR REPLACE TABLE tickets AS SELECT 1',
      'INSERT INTO import_extra_values VALUES (1, 2, 3, 4)',
      'DROP TABLE work_calendar',
      'CREATE OR REPLACE MACRO wb_mask_phone(v) AS v',
      'CREATE OR REPLACE VIEW masked.tickets AS SELECT 1',
      'DROP SCHEMA masked CASCADE',
      'UPDATE "Tickets" SET x = 1',
    ]) {
      expect(code(text, WRITES), text).toBe('protected-write');
    }
    for (const text of ['CREATE TABLE mine AS SELECT * FROM tickets', "DELETE FROM mine WHERE township = '海永镇'", 'DROP TABLE mine', 'UPDATE mine SET x = (SELECT count(*) FROM tickets)']) {
      expect(code(text, WRITES), text).toBeNull();
    }
  });

  it('read-only, a write to the workbench’s tables is refused too; the user’s own is left to the rollback', () => {
    expect(code('DELETE FROM tickets', MASKED)).toBe('protected-write');
    expect(code('CREATE TABLE mine AS SELECT 1', MASKED)).toBeNull();
  });
});
