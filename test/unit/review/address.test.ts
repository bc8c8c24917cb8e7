// Address normalisation and clusters, run on DuckDB as the key-ticket query runs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { addressClusterSql, normalisedAddressSql } from '$lib/review';
import { sql } from '$lib/sql';
import { oneRow } from '../metrics/fixtures';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function normalise(address: string | null): Promise<unknown> {
  const row = await oneRow(engine, sql`SELECT ${normalisedAddressSql(sql`${address}::VARCHAR`)} AS a`);
  return row.a;
}
async function cluster(address: string): Promise<unknown> {
  const row = await oneRow(engine, sql`SELECT ${addressClusterSql(normalisedAddressSql(sql`${address}::VARCHAR`))} AS c`);
  return row.c;
}

describe('normalised address', () => {
  it.each([
    ['  江苏省南通市海门区悦来镇幸福路１８号 ', '幸福路18号'],
    ['悦来镇 幸福路 18 号', '幸福路18号'],
    // The alias 悦来 is cut too, and 悦来镇 is not cut as 悦来 + 镇….
    ['悦来幸福路18号', '幸福路18号'],
    ['海门区悦来镇幸福路18号', '幸福路18号'],
    // Longest name first: 海门工业园区 is not read as the alias 海门.
    ['海门工业园区星光路3号', '星光路3号'],
    ['海门街道人民路1号', '人民路1号'],
    ['幸福花园3#楼', '幸福花园3幢'],
    ['幸福花园（二期）5栋', '幸福花园二期5幢'],
    ['幸福花园2座', '幸福花园2幢'],
    ['ＡＢＣ大厦１２０１室', 'abc大厦1201室'],
    ['人民路1-3号', '人民路13号'],
  ])('%s → %s', async (input, expected) => {
    expect(await normalise(input)).toBe(expected);
  });

  it('gives NULL for NULL, blanks and punctuation only', async () => {
    expect(await normalise(null)).toBeNull();
    expect(await normalise('   ')).toBeNull();
    expect(await normalise('，。—')).toBeNull();
    expect(await normalise('江苏省南通市海门区')).toBeNull();
  });
});

describe('address cluster', () => {
  it.each([
    ['悦来镇幸福花园12幢2单元', '幸福花园'],
    ['幸福花园3号楼', '幸福花园'],
    ['悦来镇振兴村7组32号', '振兴村7组'],
    ['悦来镇振兴村', '振兴村'],
    ['悦来镇七一西路157号', '七一西路157号'],
    ['富民新村3幢', '富民新村'],
    ['利民社区8组', '利民社区8组'],
    ['和平小区', '和平小区'],
    ['长江路弄堂口', '长江路弄'],
    // No place word: the address is its own cluster.
    ['人民路', '人民路'],
  ])('%s → %s', async (input, expected) => {
    expect(await cluster(input)).toBe(expected);
  });
});
