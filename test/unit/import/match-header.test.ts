import { describe, expect, it } from 'vitest';
import { matchHeader } from '$lib/import/mapping';
import { normaliseHeader, timeStem } from '$lib/import/normalise';
import { TABLES, TABLE_NAMES, type TableSpec } from '$lib/schema';

/** The definition matchHeader's lookups stand for: the columns scanned in order for each kind of match. */
function byScan(header: string, table: TableSpec): { column: string; match: string } | null {
  const trimmed = header.trim();
  if (!trimmed) return null;
  for (const col of table.columns) if (col.name === trimmed || col.aliases.includes(trimmed)) return { column: col.name, match: 'exact' };
  const norm = normaliseHeader(trimmed);
  if (!norm) return null;
  for (const col of table.columns) {
    if (normaliseHeader(col.name) === norm || col.aliases.some((a) => normaliseHeader(a) === norm)) return { column: col.name, match: 'normalised' };
  }
  const stem = timeStem(norm);
  if (!stem) return null;
  const hits = table.columns.filter((c) => c.type === 'TIMESTAMP' && c.aliases.some((a) => timeStem(normaliseHeader(a)) === stem));
  return hits.length === 1 ? { column: hits[0].name, match: 'suffix' } : null;
}

describe('matchHeader', () => {
  const tickets = TABLES.tickets;
  const match = (header: string) => {
    const hit = matchHeader(header, tickets);
    return hit && [hit.column, hit.match, hit.confidence];
  };

  it('finds exact aliases, then normalised ones, then a timestamp by its stem', () => {
    expect(match('受理时间')).toEqual(['received_at', 'exact', 1]);
    expect(match(' 状态 ')).toEqual(['status', 'exact', 1]);
    // Full-width brackets become half-width and go; so does the underscore.
    expect(match('受理（时间）')).toEqual(['received_at', 'normalised', 0.9]);
    expect(match('TICKET_ID')).toEqual(['ticket_id', 'normalised', 0.9]);
    // 办结日期 and 办结时间 share the stem 办结; 办结时限 (deadline) keeps its whole text as its stem.
    expect(match('办结日期')).toEqual(['closed_at', 'suffix', 0.75]);
    expect(match('要求办结日期')).toEqual(['deadline_at', 'suffix', 0.75]);
  });

  it('matches no data cell and no bare time word', () => {
    expect(match('HM2024000123')).toBeNull();
    expect(match('2024-01-05 08:30')).toBeNull();
    expect(match('时间')).toBeNull();
    expect(match('   ')).toBeNull();
  });

  it('gives what a scan of the columns gives, for every alias of every table and variants of them', () => {
    const headers = new Set<string>(['', '时间', '日期', '满意', 'HM1', '海门街道', '2024/1/5']);
    for (const name of TABLE_NAMES) {
      for (const col of TABLES[name].columns) {
        for (const alias of [col.name, ...col.aliases]) {
          headers.add(alias);
          headers.add(` ${alias.toUpperCase()} `);
          headers.add(`【${alias}】`);
          headers.add(alias.replace(/时间$/, '日期'));
          headers.add(alias.replace(/时间$/, '（时刻）'));
          headers.add(`${alias}*`);
        }
      }
    }
    let compared = 0;
    for (const name of TABLE_NAMES) {
      for (const header of headers) {
        const hit = matchHeader(header, TABLES[name]);
        expect(hit && { column: hit.column, match: hit.match }, `${name}: ${header}`).toEqual(byScan(header, TABLES[name]));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
