import { describe, expect, it } from 'vitest';
import { boundLiteral, ident, inlineParams, join, literal, qualified, sql, trusted } from '$lib/sql';

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

  it('inlines values for placeholders only, never for a ? inside quotes or comments', () => {
    const q = sql`SELECT ${ident('备注?')}, '?' AS q, ${'it\'s?'} -- why?
      FROM t /* it's? */ WHERE a = ${1.5} AND b IN (${['x', 'y'].map((v) => sql`${v}`)})`;
    expect(q.params).toEqual(["it's?", 1.5, 'x', 'y']);
    expect(inlineParams(q.text, q.params, literal)).toBe(`SELECT "备注?", '?' AS q, 'it''s?' -- why?
      FROM t /* it's? */ WHERE a = 1.5 AND b IN ('x', 'y')`);
    expect(q.toInlineSql()).toBe(inlineParams(q.text, q.params, literal));
  });

  it('refuses a count of values that does not match the placeholders', () => {
    expect(() => inlineParams('SELECT ?, ?', ['a'], literal)).toThrow(/more placeholders/);
    expect(() => inlineParams('SELECT ?', ['a', 'b'], literal)).toThrow(/2 parameters for 1 placeholders/);
  });

  it('writes a number as the DOUBLE the bindings make of it, text and NULL untyped', () => {
    expect(boundLiteral(1)).toBe('CAST(1 AS DOUBLE)');
    expect(boundLiteral(-0.25)).toBe('CAST(-0.25 AS DOUBLE)');
    expect(boundLiteral(1e21)).toBe('CAST(1e+21 AS DOUBLE)');
    expect(boundLiteral(12n)).toBe('CAST(12 AS DOUBLE)');
    expect(boundLiteral(Number.POSITIVE_INFINITY)).toBe('NULL');
    expect(boundLiteral("o'k")).toBe("'o''k'");
    expect(boundLiteral(null)).toBe('NULL');
    expect(boundLiteral(false)).toBe('FALSE');
  });
});
