// The console's masked views use SQL macros; every other reader uses mask.ts. The two must agree:
// each macro is run in DuckDB-WASM on hand-written edge cases and on the sample's own personal
// values, and compared with the JavaScript rule on the same value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { maskMacroName, maskMacrosSql, maskedViewSql, MASKED_SCHEMA } from '$lib/privacy/sql';
import { maskPersonal, type PersonalKind } from '$lib/privacy';
import { sampleGenerator } from '../../../sample-data/generator';
import { ident, sql, trusted } from '$lib/sql';
import { createTableSql } from '$lib/import/upsert';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  for (const statement of maskMacrosSql()) await engine.exec(statement);
});
afterAll(() => engine.close());

const EDGES: Record<PersonalKind, string[]> = {
  name: ['张三丰', '李', '', '  王小二 ', '欧阳娜娜', 'Zhang San'],
  phone: ['13812341234', '0512-58123456', '+86 138 1234 1234', '12345', '', '138****1234', '(0513)8123-4567'],
  'id-number': ['32058219900101123X', '320582900101123', '3205', '32058219900101123x'],
  'free-text': [
    '请联系13812341234处理',
    '回拨 +86 138-1234-5678 谢谢',
    '电话138 1234 5678',
    '座机0513-81234567，或(0513)8123 4567',
    '身份证320582199001011234',
    '老身份证320582900101123',
    '金额 1381234123456 元',
    '工单HM2024040001于2024-04-01受理',
    '两个号码13812341234,13912345678连在一起',
    '13812341234',
    '010-1234567 和 0513-8123456',
    '罚款 3000 元',
    '',
  ],
  address: ['海门街道人民路88号3栋502室', '三厂街道长江路 12-3 号', '悦来镇第6村民小组', '包场镇北街', '人民路8号，电话13912345678', '东方路1203号1201室'],
};

async function sqlMasks(kind: PersonalKind, values: string[]): Promise<(string | null)[]> {
  const name = `__mask_${kind.replace('-', '_')}`;
  await engine.insertArrow(name, tableToIPC(tableFromArrays({ i: Int32Array.from(values.map((_, i) => i)), v: values }), 'stream'), 'create');
  const t = await engine.query(sql`SELECT i, ${trusted(maskMacroName(kind))}(v) AS m FROM ${ident(name)} ORDER BY i`);
  await engine.exec(sql`DROP TABLE ${ident(name)}`);
  return t.toArray().map((r) => r.m as string | null);
}

describe('SQL masking macros', () => {
  for (const kind of Object.keys(EDGES) as PersonalKind[]) {
    it(`${kind}: the macro gives what mask.ts gives on hand-written edge cases`, async () => {
      const values = EDGES[kind];
      expect(await sqlMasks(kind, values)).toEqual(values.map((v) => maskPersonal(kind, v)));
    });
  }

  it('agree with mask.ts on every personal value of 3,000 sample tickets', async () => {
    const tickets = sampleGenerator({ ticketsPerYear: 1_500 }).tickets();
    const column = (name: string) => [...new Set((tickets.columns[name] as (string | null)[]).filter((v): v is string => v !== null))];
    const checks: [PersonalKind, string[]][] = [
      ['name', column('caller_name')],
      ['phone', column('caller_phone')],
      ['address', column('address')],
      ['free-text', column('content')],
    ];
    let compared = 0;
    for (const [kind, values] of checks) {
      expect(await sqlMasks(kind, values)).toEqual(values.map((v) => maskPersonal(kind, v)));
      compared += values.length;
    }
    expect(compared).toBeGreaterThan(3_000);
  });

  it('the masked view masks through any alias, function or aggregate', async () => {
    await engine.exec(sql`DROP TABLE IF EXISTS tickets`);
    await engine.exec(createTableSql('tickets'));
    await engine.exec(sql`INSERT INTO tickets (ticket_id, caller_name, caller_phone, address, content) VALUES
      ('T1', '张三丰', '13812341234', '人民路88号', '回电13912345678'), ('T2', '李四', '13900001111', '北街1号', NULL)`);
    await engine.exec(sql`CREATE SCHEMA IF NOT EXISTS ${ident(MASKED_SCHEMA)}`);
    await engine.exec(maskedViewSql('tickets'));
    const rows = await engine.query(trusted(`SELECT caller_name AS n, upper(address) AS a, string_agg(caller_phone, ',' ORDER BY ticket_id) OVER () AS p, content AS c
      FROM ${MASKED_SCHEMA}.tickets ORDER BY ticket_id`));
    expect(rows.toArray().map((r) => r.toJSON())).toEqual([
      { n: '张**', a: '人民路**号', p: '138****1234,139****1111', c: '回电139****5678' },
      { n: '李*', a: '北街*号', p: '138****1234,139****1111', c: null },
    ]);
  });
});
