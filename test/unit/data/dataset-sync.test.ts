// Back to the sample: the import's extra values are dropped first, except on an engine that has
// just opened and holds nothing (the drop would only delay the first figure).
import { describe, expect, it } from 'vitest';
import { loadSampleOnly, resetToEmpty, type DataEngine } from '$lib/data/dataset-sync';
import { NodeEngine } from '$lib/engine/node-engine';
import { TABLE_NAMES } from '$lib/schema';
import { sampleCopyName } from '$lib/data/relations';
import { ident, sql } from '$lib/sql';

function recordingEngine(): { engine: DataEngine; calls: string[] } {
  const calls: string[] = [];
  const engine = {
    exec: async (q: { text: string }) => void calls.push(`exec ${q.text}`),
    useSample: async () => {
      calls.push('useSample');
      return [{ table: 'tickets', rows: 3 }];
    },
  } as unknown as DataEngine;
  return { engine, calls };
}

describe('loadSampleOnly', () => {
  it('drops the extra values of earlier imports, then binds the sample', async () => {
    const { engine, calls } = recordingEngine();
    expect(await loadSampleOnly(engine)).toEqual([{ table: 'tickets', rows: 3 }]);
    expect(calls).toEqual(['exec DROP TABLE IF EXISTS "import_extra_values"', 'useSample']);
  });

  it('binds the sample at once on an engine just opened', async () => {
    const { engine, calls } = recordingEngine();
    await loadSampleOnly(engine, { freshEngine: true });
    expect(calls).toEqual(['useSample']);
  });
});

describe('resetToEmpty', () => {
  it('on an engine just opened, creates every table and the extras without looking anything up or dropping', async () => {
    const calls: string[] = [];
    const engine = {
      exec: async (q: { text: string }) => void calls.push(q.text),
      query: async () => {
        throw new Error('nothing to look up on a fresh engine');
      },
    } as unknown as DataEngine;
    await resetToEmpty(engine, { freshEngine: true });
    // One call: a crossing to the worker each would stand between the open and a restore.
    expect(calls.length).toBe(1);
    expect(calls[0]).not.toMatch(/DROP/);
    expect(calls[0].match(/CREATE TABLE IF NOT EXISTS/g)?.length).toBe(TABLE_NAMES.length + 1);
  });
});

/** The engine, with the text of every statement sent through it kept in `sent`. */
function recording(engine: NodeEngine): { recorded: DataEngine; sent: string[] } {
  const sent: string[] = [];
  const recorded = Object.create(engine) as NodeEngine;
  recorded.exec = (q) => (sent.push(q.text), engine.exec(q));
  recorded.query = (q) => (sent.push(q.text), engine.query(q));
  return { recorded: recorded as unknown as DataEngine, sent };
}

async function countOf(engine: NodeEngine, table: string): Promise<number> {
  return Number((await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`)).toArray()[0].n);
}

/** Every canonical name bound to a base table, no extra values left, and no copy of the sample in memory. */
async function expectTablesAndNoExtras(engine: NodeEngine): Promise<void> {
  const kinds = await engine.query(sql`SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`);
  const bound = new Map(kinds.toArray().map((r) => [String(r.table_name), String(r.table_type)]));
  for (const table of TABLE_NAMES) expect(bound.get(table), table).toBe('BASE TABLE');
  for (const table of TABLE_NAMES) expect(bound.has(sampleCopyName(table)), sampleCopyName(table)).toBe(false);
  expect(await countOf(engine, 'import_extra_values')).toBe(0);
}

describe('resetToEmpty over bound names (an import replacing the sample)', () => {
  it('drops the sample\'s views and creates every table in one call when each name is a view', async () => {
    const engine = await NodeEngine.start();
    try {
      // Every name the sample's view; two of them already read their copies in memory.
      for (const table of ['tickets', 'grid_events']) await engine.exec(sql`CREATE TABLE ${ident(sampleCopyName(table))} AS SELECT range AS one FROM range(3)`);
      for (const table of TABLE_NAMES) {
        const copied = table === 'tickets' || table === 'grid_events';
        await engine.exec(sql`CREATE VIEW ${ident(table)} AS SELECT * FROM ${copied ? ident(sampleCopyName(table)) : sql`(SELECT 1 AS one)`}`);
      }
      await engine.exec(sql`CREATE TABLE import_extra_values (table_name VARCHAR, record_key VARCHAR, header VARCHAR, value VARCHAR)`);
      await engine.exec(sql`INSERT INTO import_extra_values VALUES ('tickets', 'T1', '备注', '加急')`);
      const { recorded, sent } = recording(engine);
      await resetToEmpty(recorded);
      expect(sent.length).toBe(1);
      // Five views and the extras dropped, five tables and the extras created.
      expect(sent[0].match(/DROP VIEW IF EXISTS/g)?.length).toBe(TABLE_NAMES.length);
      expect(sent[0].match(/CREATE TABLE IF NOT EXISTS/g)?.length).toBe(TABLE_NAMES.length + 1);
      await expectTablesAndNoExtras(engine);
    } finally {
      engine.close();
    }
  });

  it('drops views and tables alike without asking the catalog, and leaves every table empty', async () => {
    const engine = await NodeEngine.start();
    try {
      // As the sample leaves them: one name a view over other data, one an empty table, one unbound.
      await engine.exec(sql`CREATE TABLE sample_tickets AS SELECT 'T' || range AS ticket_id FROM range(5)`);
      await engine.exec(sql`CREATE VIEW tickets AS SELECT * FROM sample_tickets`);
      await engine.exec(sql`CREATE TABLE grid_events (event_id VARCHAR)`);
      await engine.exec(sql`INSERT INTO grid_events VALUES ('E1')`);
      // A copy of the sample left in memory, whatever the names are bound to now.
      await engine.exec(sql`CREATE TABLE ${ident(sampleCopyName('tickets'))} AS SELECT * FROM sample_tickets`);
      await engine.exec(sql`CREATE TABLE import_extra_values (table_name VARCHAR, record_key VARCHAR, header VARCHAR, value VARCHAR)`);
      await engine.exec(sql`INSERT INTO import_extra_values VALUES ('tickets', 'T1', '备注', '加急')`);

      const { recorded, sent } = recording(engine);
      await resetToEmpty(recorded);

      expect(sent.filter((text) => /duckdb_(tables|views)/.test(text))).toEqual([]);
      await expectTablesAndNoExtras(engine);
      for (const table of TABLE_NAMES) expect(await countOf(engine, table), table).toBe(0);
      // The sample's own table is left alone: only the canonical names are rebound.
      expect(await countOf(engine, 'sample_tickets')).toBe(5);
    } finally {
      engine.close();
    }
  });
});
