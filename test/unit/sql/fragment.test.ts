import { describe, expect, it } from 'vitest';
import { ident, join, literal, qualified, sql, trusted } from '$lib/sql';

describe('sql fragments', () => {
  it('binds interpolated values as parameters in order', () => {
    const q = sql`SELECT * FROM t WHERE a = ${'x'} AND b > ${3}`;
    expect(q.text).toBe('SELECT * FROM t WHERE a = ? AND b > ?');
    expect(q.params).toEqual(['x', 3]);
  });

  it('splices nested fragments with their parameters', () => {
    const where = sql`township = ${'悦来镇'}`;
    const q = sql`SELECT ${ident('total')} FROM ${qualified('main', 'tickets')} WHERE ${where} AND x = ${1}`;
    expect(q.text).toBe('SELECT "total" FROM "main"."tickets" WHERE township = ? AND x = ?');
    expect(q.params).toEqual(['悦来镇', 1]);
  });

  it('doubles the quote character in identifiers', () => {
    expect(ident('a"b').text).toBe('"a""b"');
  });

  it('joins arrays of fragments with commas', () => {
    const q = sql`SELECT ${[ident('a'), sql`${2} AS b`]}`;
    expect(q.text).toBe('SELECT "a", ? AS b');
    expect(q.params).toEqual([2]);
    expect(join([trusted('1'), trusted('2')], ' + ').text).toBe('1 + 2');
  });

  it('escapes literals for display', () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal(null)).toBe('NULL');
    expect(literal(true)).toBe('TRUE');
    expect(literal(Number.NaN)).toBe('NULL');
    expect(sql`SELECT ${"o'k"}, ${2}`.toInlineSql()).toBe("SELECT 'o''k', 2");
  });
});
