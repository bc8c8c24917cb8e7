// The sample's tickets at a million rows: the original plus `copies` shifted copies. Every
// timestamp of copy k moves by k·7 h 13 min and closed_at by a further k·17 min, so copies fall
// on other days and other closure-hour bins instead of repeating the original cells; ids get a
// `~k` suffix so keys stay unique.
import { TABLES } from '../../src/lib/schema';
import { ident, join, sql, type SqlFragment } from '../../src/lib/sql';

export function scaledTicketsSelect(source: string, copies: number): SqlFragment {
  const k = sql`copy.k`;
  const shift = (extra: number) => sql`to_minutes(CAST(${k} * ${433 + extra} AS BIGINT))`;
  const replaced = TABLES.tickets.columns
    .filter((c) => c.type === 'TIMESTAMP' || c.name === 'ticket_id')
    .map((c) => {
      const name = ident(c.name);
      if (c.name === 'ticket_id') return sql`CASE WHEN ${k} = 0 THEN ${name} ELSE ${name} || ${'~'} || CAST(${k} AS VARCHAR) END AS ${name}`;
      return sql`${name} + ${shift(c.name === 'closed_at' ? 17 : 0)} AS ${name}`;
    });
  const ks = join(
    Array.from({ length: copies + 1 }, (_, i) => sql`(${i}::INTEGER)`),
    ', ',
  );
  return sql`SELECT * EXCLUDE (k) REPLACE (${join(replaced, ', ')}) FROM ${ident(source)}, (VALUES ${ks}) AS copy(k)`;
}

/**
 * Statements that put the scaled tickets in place of the sample's: the sample's names are views
 * over its read-only file (or its in-memory copy), so the scaled rows go into a table of their own
 * that then takes the name. The background copy of the sample leaves a name that is no longer a
 * view alone.
 */
export function replaceTicketsWithScaled(copies: number): SqlFragment[] {
  const scaled = ident('__bench_scaled_tickets');
  return [
    sql`CREATE OR REPLACE TABLE ${scaled} AS ${scaledTicketsSelect('tickets', copies)}`,
    sql`DROP VIEW IF EXISTS ${ident('tickets')}`,
    sql`ALTER TABLE ${scaled} RENAME TO ${ident('tickets')}`,
  ];
}
