// The console's lane on a real DuckDB-WASM (Node): the issue's own walk-arounds come out masked,
// raw names and engine statements are refused, writes reach only the user's own tables, the row
// cap holds, and a cancel stops a long statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { ConsoleLane } from '$lib/engine/worker/console-lane';
import { createTableSql } from '$lib/import/upsert';
import { sql } from '$lib/sql';

let engine: NodeEngine;
let lane: ConsoleLane;
beforeAll(async () => {
  engine = await NodeEngine.start();
  for (const table of ['tickets', 'grid_events', 'enterprise_requests'] as const) await engine.exec(createTableSql(table));
  await engine.exec(sql`INSERT INTO tickets (ticket_id, township, caller_name, caller_phone, address, content) VALUES
    ('T1', '海门街道', '张三丰', '13812341234', '人民路88号3栋502室', '请回电13912345678，身份证320582199001011234'),
    ('T2', '海永镇', '李四', '0513-81234567', '北街1号', '座机(0513)8123 4567，老证320582900101123'),
    ('T3', '海永镇', '王五', '+86 138-1234-5678', NULL, NULL)`);
  lane = new ConsoleLane(engine.bindings);
});
afterAll(() => engine.close());

const never = new AbortController().signal;
const READ = { allowWrites: false, unmasked: false, rowCap: 1000 };

async function rows(text: string, options = READ) {
  const result = await lane.run(text, options, never);
  return tableFromIPC(result.ipc).toArray().map((r) => r.toJSON());
}

describe('the console lane', () => {
  it('masks what the issue read in clear: aliases, functions, aggregates and numbers in free text', async () => {
    expect(await rows('SELECT caller_name AS n, caller_phone AS p, address AS a FROM tickets ORDER BY ticket_id')).toEqual([
      { n: '张**', p: '138****1234', a: '人民路**号*栋***室' },
      { n: '李*', p: '051*-****4567', a: '北街*号' },
      { n: '王*', p: '+86 1**-****-5678', a: null },
    ]);
    expect(await rows("SELECT upper(caller_name) AS u, string_agg(caller_phone, ',' ORDER BY ticket_id) AS s FROM tickets GROUP BY ALL ORDER BY u")).toEqual([
      { u: '张**', s: '138****1234' },
      { u: '李*', s: '051*-****4567' },
      { u: '王*', s: '+86 1**-****-5678' },
    ]);
    const content = (await rows('SELECT content FROM tickets ORDER BY ticket_id')).map((r) => r.content);
    expect(content).toEqual(['请回电139****5678，身份证320582********1234', '座机(0513)**** 4567，老证320582******123', null]);
  });

  it('shows the raw values when the user chose to, and the same statement masked again after', async () => {
    expect(await rows("SELECT caller_name FROM tickets WHERE ticket_id = 'T1'", { ...READ, unmasked: true })).toEqual([{ caller_name: '张三丰' }]);
    expect(await rows("SELECT caller_name FROM tickets WHERE ticket_id = 'T1'")).toEqual([{ caller_name: '张**' }]);
  });

  it('refuses raw qualified names, by-name readers, engine statements and two statements at once', async () => {
    await expect(lane.run('SELECT caller_name FROM main.tickets', READ, never)).rejects.toThrow(/绕过个人信息遮蔽/);
    await expect(lane.run("SELECT * FROM query_table('tickets')", READ, never)).rejects.toThrow(/query_table/);
    await expect(lane.run('SET autoload_known_extensions = true', READ, never)).rejects.toThrow(/SET/);
    await expect(lane.run('SELECT 1; SELECT 2', READ, never)).rejects.toThrow(/multiple statements/);
  });

  it('gives DuckDB’s errors in their usual form, kind and position included', async () => {
    await expect(lane.run('SELECT * FORM tickets', READ, never)).rejects.toThrow(/^Parser Error: syntax error at or near "tickets"[\s\S]*LINE 1:/);
  });

  it('a URL is refused by the locked engine itself', async () => {
    await expect(lane.run("SELECT * FROM read_csv('https://example.invalid/x.csv')", { ...READ, unmasked: true }, never)).rejects.toThrow(/Permission Error/);
  });

  it('read-only rolls back; with writes the user’s own table changes, the workbench’s never', async () => {
    await lane.run('CREATE TABLE rolled AS SELECT 1 AS x', READ, never);
    await expect(lane.run('SELECT * FROM rolled', READ, never)).rejects.toThrow(/rolled does not exist/);
    const writes = { ...READ, allowWrites: true };
    await expect(lane.run("DELETE FROM tickets WHERE township = '海永镇'", writes, never)).rejects.toThrow(/只能通过导入修改/);
    await expect(lane.run('ALTER TABLE tickets ADD COLUMN x INTEGER', writes, never)).rejects.toThrow(/只能通过导入修改/);
    await lane.run('CREATE TABLE mine AS SELECT * FROM tickets', writes, never);
    await lane.run("DELETE FROM mine WHERE township = '海永镇'", writes, never);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM mine')).toEqual([{ n: 1 }]);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM tickets')).toEqual([{ n: 3 }]);
    // Made through the masked view, the copy holds masked values only.
    expect(await rows('SELECT caller_name FROM mine', { ...READ, unmasked: true })).toEqual([{ caller_name: '张**' }]);
    // The dashboards' connection never sees the console's search path.
    expect((await engine.query(sql`SELECT caller_name FROM tickets WHERE ticket_id = 'T1'`)).toArray()[0].caller_name).toBe('张三丰');
  });

  it('stops at the row cap without producing the rest', async () => {
    const result = await lane.run('SELECT i FROM range(100000) t(i)', { ...READ, rowCap: 5000 }, never);
    expect(result.truncated).toBe(true);
    expect(result.rows).toBeGreaterThanOrEqual(5000);
    expect(result.rows).toBeLessThan(100000);
    const small = await lane.run('SELECT i FROM range(4000) t(i)', { ...READ, rowCap: 5000 }, never);
    expect(small).toMatchObject({ truncated: false, rows: 4000 });
  });

  it('a cancel interrupts a long statement, and the lane answers the next one', async () => {
    const controller = new AbortController();
    const long = lane.run('SELECT count(*) FROM range(3000000000) a(i) WHERE i % 7 = 3', READ, controller.signal);
    setTimeout(() => controller.abort(), 200);
    const t0 = Date.now();
    await expect(long).rejects.toThrow(/interrupted/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await rows('SELECT 42 AS n')).toEqual([{ n: 42 }]);
  });
});
