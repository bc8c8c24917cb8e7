import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { countFileReads, startStatement, statementLabel, statementTimings, watchEngineWork, type EngineWork } from '$lib/engine/statement-log';
import { BackgroundEngine } from '$lib/engine/sync-engine';
import { trusted } from '$lib/sql';

describe('statement log', () => {
  it("shortens an import's table names and folds whitespace in the label", () => {
    expect(statementLabel('CREATE TABLE "__import_mx7a1b2c_raw" AS\n   SELECT * FROM "__import_mx7a1b2c_lookup_4"')).toBe('CREATE TABLE raw AS SELECT * FROM lookup_4');
  });

  it('splits a statement into its slices and the time between them, and keeps only the long ones', async () => {
    const since = performance.now();
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const probe = startStatement('SELECT 1 -- long', () => 1000);
    probe.slice(() => busy(15));
    await new Promise((r) => setTimeout(r, 30));
    probe.slice(() => busy(25));
    probe.end();
    startStatement('SELECT 2 -- short', () => 0).end();
    const [t, ...rest] = statementTimings(since);
    expect(rest).toEqual([]);
    expect(t.label).toBe('SELECT 1 -- long');
    expect(t.slices).toBe(2);
    expect(t.sliceMs).toBeGreaterThanOrEqual(40);
    expect(t.longestSliceMs).toBeGreaterThanOrEqual(25);
    expect(t.longestSliceMs).toBeLessThan(t.sliceMs);
    // The 30 ms wait between the slices is a pause, not DuckDB's time.
    expect(t.paceMs).toBeGreaterThanOrEqual(25);
    expect(t.ms).toBeCloseTo(t.sliceMs + t.paceMs, 5);
    expect(t.heapBefore).toBe(1000);
  });

  it("counts the runtime's file reads made during a statement", () => {
    const since = performance.now();
    const runtime = countFileReads({ readFile: (..._args: never[]) => 4096 });
    const probe = startStatement('read', () => 0);
    probe.slice(() => {
      runtime.readFile();
      runtime.readFile();
      const end = performance.now() + 25;
      while (performance.now() < end);
    });
    probe.end();
    const t = statementTimings(since).find((e) => e.label === 'read')!;
    expect(t.reads).toBe(2);
    expect(t.readBytes).toBe(8192);
  });
});

describe('watchEngineWork', () => {
  it('tells the bytes read since it was set, after each read, until it is stopped', () => {
    const runtime = countFileReads({ readFile: (..._args: never[]) => 1000 });
    runtime.readFile(); // before the watch: not counted
    const told: number[] = [];
    watchEngineWork((work) => told.push(work.bytesRead));
    runtime.readFile();
    runtime.readFile();
    runtime.readFile();
    watchEngineWork(null);
    runtime.readFile();
    expect(told).toEqual([1000, 2000, 3000]);
  });

  it("tells the running statement's steps after each one, and its reads with the steps so far", () => {
    const runtime = countFileReads({ readFile: (..._args: never[]) => 10 });
    const told: EngineWork[] = [];
    watchEngineWork((work) => told.push(work));
    const first = startStatement('CREATE TABLE a AS SELECT 1', () => 0);
    first.slice(() => runtime.readFile());
    first.slice(() => undefined);
    first.end();
    // A statement run in one call (bound parameters) is logged, but told to no watcher.
    const once = startStatement('SELECT ?', () => 0, { watched: false });
    once.slice(() => undefined);
    once.end();
    // A new statement counts its own steps from none.
    const second = startStatement('CREATE TABLE b AS SELECT 1', () => 0);
    runtime.readFile();
    second.slice(() => undefined);
    second.end();
    watchEngineWork(null);
    second.slice(() => undefined);
    expect(told).toEqual([
      { bytesRead: 10, slices: 0 },
      { bytesRead: 10, slices: 1 },
      { bytesRead: 10, slices: 2 },
      { bytesRead: 20, slices: 0 },
      { bytesRead: 20, slices: 1 },
    ]);
  });
});

describe('BackgroundEngine', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.start();
  }, 60_000);
  afterAll(() => engine?.close());

  it('runs a long statement in slices and waits on its pace between them, with the same result', async () => {
    let waits = 0;
    const background = BackgroundEngine.over(engine.bindings, async () => {
      waits++;
    });
    // DuckDB runs a pending query in tasks; three million rows sorted by text take several (a plain
    // copy of range() can finish in one task, so it would not show the pacing). The count varies
    // from run to run: a million rows gave 2-4 pauses, three million 6-8.
    await background.exec(trusted("CREATE TABLE bg AS SELECT range AS n, 'x' || range AS s FROM range(3000000) ORDER BY s"));
    expect(waits).toBeGreaterThan(2);
    const rows = (await background.query(trusted('SELECT count(*)::INTEGER AS n, sum(n)::BIGINT AS s FROM bg'))).toArray()[0].toJSON();
    expect(rows.n).toBe(3_000_000);
    // 0 + 1 + … + 2,999,999 = 2,999,999 × 3,000,000 / 2
    expect(Number(rows.s)).toBe(4_499_998_500_000);
  }, 60_000);
});
