// The report command on the fixtures of test/fixtures/report (see make-fixtures.ts there):
// metrics.md's worked example split over two monthly CSV exports, the same tickets as XLSX,
// and a few grid events and enterprise requests computed by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ReportArgs } from '../../../cli/report/args';
import { ReportError } from '../../../cli/report/errors';
import { OVERALL_KEY, formatCsv, formatJson } from '../../../cli/report/format';
import { runReport, type Report } from '../../../cli/report/run';
import { stderrSummary } from '../../../cli/report/summary';
import { NodeEngine } from '$lib/engine/node-engine';
import { EXTRA_VALUES_TABLE, ImportError } from '$lib/import';
import { ident, sql } from '$lib/sql';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/report/${name}`, import.meta.url));

// One engine for the file (starting DuckDB-WASM takes seconds); each report starts from empty
// tables, as a fresh run of the command does.
let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

async function report(reportArgs: ReportArgs): Promise<Report> {
  for (const table of ['tickets', 'grid_events', 'enterprise_requests', 'police_non_emergency', 'special_population_alerts', EXTRA_VALUES_TABLE]) {
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
  }
  return runReport(reportArgs, { engine });
}

function args(overrides: Partial<ReportArgs>): ReportArgs {
  return { tickets: [], grid: [], enterprise: [], police: [], alerts: [], from: '2024-03-01', to: '2024-03-31', by: 'township', format: 'json', settings: null, targets: false, explain: null, evaluation: null, ...overrides };
}

// metrics.md's worked example: overall, A and B. Integers exact, fractions to 10 decimals.
const OVERALL = {
  total: 8, rated: 4, satisfaction_rate: 0.75, on_time_rate: 4 / 6, median_closure_hours: 30, p90_closure_hours: 144,
  direct_answer_rate: 0.125, resolution_rate: 4 / 6, reopen_rate: 0.125, return_rate: 0.25, closed: 6, due: 6, overdue_open: 1,
  median_sign_hours: null, enterprise_share: 0,
};
const TOWNSHIP_A = {
  total: 5, rated: 3, satisfaction_rate: 2 / 3, on_time_rate: 2 / 3, median_closure_hours: 72, p90_closure_hours: 153.6,
  direct_answer_rate: 0, resolution_rate: 0.75, reopen_rate: 0.2, return_rate: 0.4, due: 3, overdue_open: 0,
};
const TOWNSHIP_B = {
  total: 3, rated: 1, satisfaction_rate: 1, on_time_rate: 2 / 3, median_closure_hours: 18.25, p90_closure_hours: 32.45,
  direct_answer_rate: 1 / 3, resolution_rate: 0.5, reopen_rate: 0, return_rate: 0, due: 3, overdue_open: 1,
};

// grid.csv, period March, as-of 2024-04-01 00:00. E1 closes its loop on time; E2 is handled a day
// late and never verified; E3 is self-resolved on the spot, without dispatch; E4 is open past
// its deadline. Stage hours: dispatch E1 2, E2 1; handle E1 22, E2 95; feedback E1 4, E3 0;
// verify E1 20, E3 1; loop E1 48, E3 2.
const GRID_OVERALL = {
  total: 4, loop_closed_rate: 0.5, due: 4, on_time_rate: 0.5, overdue_open: 1, self_resolved_rate: 1 / 3,
  supervised_share: 0.25, median_dispatch_hours: 1.5, median_handle_hours: 58.5, median_feedback_hours: 2,
  median_verify_hours: 10.5, median_loop_hours: 25, workers: 3, events_per_worker: 4 / 3,
};
// enterprise.csv: Q1 closed in 10 h (满意, direct), Q2 in 48 h (不满意), Q3 open; Q4 is in April.
const ENTERPRISE_OVERALL = { total: 3, rated: 2, satisfaction_rate: 0.5, direct_answer_rate: 1 / 3, closed: 2, median_closure_hours: 29 };

function expectFigures(actual: Record<string, unknown> | undefined, expected: Record<string, number | null>): void {
  expect(actual).toBeDefined();
  for (const [id, value] of Object.entries(expected)) {
    const got = actual![id];
    if (value === null || Number.isInteger(value)) expect(got, id).toBe(value);
    else expect(got as number, id).toBeCloseTo(value, 10);
  }
}

describe('the report on the worked example in two monthly CSV exports', () => {
  let result: Report;
  beforeAll(async () => {
    result = await report(
      args({ tickets: [fixture('tickets-part1.csv'), fixture('tickets-part2.csv')], grid: [fixture('grid.csv')], enterprise: [fixture('enterprise.csv')] }),
    );
  });

  it('counts the import as metrics.md defines it', () => {
    // Part 1: 7 data rows under a title row (not counted), one with an unreadable 受理时间.
    // Part 2: 5 rows, one without an id; its T2 replaces part 1's open T2.
    expect(result.import.tickets).toEqual({ files: 2, rows_read: 12, rows_loaded: 10, rows_rejected: 2, duplicates_replaced: 1 });
    expect(result.import.grid).toEqual({ files: 1, rows_read: 4, rows_loaded: 4, rows_rejected: 0, duplicates_replaced: 0 });
    expect(result.import.enterprise).toEqual({ files: 1, rows_read: 4, rows_loaded: 4, rows_rejected: 0, duplicates_replaced: 0 });
  });

  it('gives every figure of the worked example, overall and by township', () => {
    const tickets = result.scopes.tickets!;
    expect(tickets.by).toBe('township');
    expectFigures(tickets.overall, OVERALL);
    expect(tickets.groups.map((g) => g.key)).toEqual(['A', 'B']);
    expectFigures(tickets.groups[0].figures, TOWNSHIP_A);
    expectFigures(tickets.groups[1].figures, TOWNSHIP_B);
    expect(tickets.asOf).toBe('2024-04-01 00:00:00');
  });

  it('gives the hand-computed grid and enterprise figures, grouped by township', () => {
    expectFigures(result.scopes.grid!.overall, GRID_OVERALL);
    expect(result.scopes.grid!.groups.map((g) => [g.key, g.figures.total])).toEqual([['A', 2], ['B', 2]]);
    // B has no event with both 上报 and 分流: an empty median is null, not 0.
    expect(result.scopes.grid!.groups[1].figures.median_dispatch_hours).toBeNull();
    expectFigures(result.scopes.enterprise!.overall, ENTERPRISE_OVERALL);
    expect(result.scopes.enterprise!.groups.find((g) => g.key === 'B')?.figures).toMatchObject({ total: 1, rated: 0, satisfaction_rate: null });
  });

  it('prints metrics.md JSON: import, then by/overall/groups per table, spec ids first, unrounded', () => {
    const json = JSON.parse(formatJson(result)) as Record<string, any>;
    expect(Object.keys(json)).toEqual(['import', 'tickets', 'grid', 'enterprise']);
    expect(Object.keys(json.tickets)).toEqual(['by', 'overall', 'groups']);
    expect(Object.keys(json.tickets.overall).slice(0, 10)).toEqual([
      'total', 'rated', 'satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'p90_closure_hours',
      'direct_answer_rate', 'resolution_rate', 'reopen_rate', 'return_rate',
    ]);
    expect(json.tickets.overall.on_time_rate).toBe(2 / 3);
    expect(json.tickets.overall.median_sign_hours).toBeNull();
    expect(Object.keys(json.tickets.groups[0])[0]).toBe('key');
    expect(json.grid.by).toBe('township');
    // Default settings: nothing to declare.
    expect(json.settings).toBeUndefined();
  });

  it('prints CSV with one row per scope and an empty cell for NULL', () => {
    const lines = formatCsv(result).trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['table', 'by', 'key', 'total']);
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'table,by,key',
      `tickets,,${OVERALL_KEY}`, 'tickets,township,A', 'tickets,township,B',
      `grid,,${OVERALL_KEY}`, 'grid,township,A', 'grid,township,B',
      `enterprise,,${OVERALL_KEY}`, 'enterprise,township,A', 'enterprise,township,B',
    ]);
    const overall = Object.fromEntries(header.map((h, i) => [h, lines[1].split(',')[i]]));
    expect(overall).toMatchObject({ total: '8', satisfaction_rate: '0.75', p90_closure_hours: '144', median_sign_hours: '', loop_closed_rate: '' });
  });

  it('summarises rejected rows by reason and the warnings on stderr, per file', () => {
    const text = stderrSummary(result);
    expect(text).toContain('tickets: 2 files, 12 rows read, 10 loaded, 2 rejected, 1 duplicates replaced; as-of 2024-04-01 00:00:00');
    expect(text).toMatch(/tickets-part1\.csv: rejected rows by reason[^\n]*\n\s+1 × a required timestamp cannot be parsed/);
    expect(text).toMatch(/tickets-part2\.csv: rejected rows by reason[^\n]*\n\s+1 × no key: the id is empty/);
    expect(text).toMatch(/6 × unknown township/);
  });
});

describe('the report on other inputs', () => {
  it('gives the same figures from the XLSX (notes sheet first, title and merged group-header rows, date serials)', async () => {
    const result = await report(args({ tickets: [fixture('tickets.xlsx')] }));
    expect(result.fileIssues.tickets![0].sheet).toBe('工单明细');
    expect(result.import.tickets).toEqual({ files: 1, rows_read: 9, rows_loaded: 9, rows_rejected: 0, duplicates_replaced: 0 });
    expectFigures(result.scopes.tickets!.overall, OVERALL);
    expectFigures(result.scopes.tickets!.groups[0].figures, TOWNSHIP_A);
    expectFigures(result.scopes.tickets!.groups[1].figures, TOWNSHIP_B);
  });

  it('counts a later file against an earlier one: the XLSX after both CSVs replaces all 9 tickets', async () => {
    const result = await report(args({ tickets: [fixture('tickets-part1.csv'), fixture('tickets-part2.csv'), fixture('tickets.xlsx')], by: 'department' }));
    expect(result.import.tickets).toEqual({ files: 3, rows_read: 21, rows_loaded: 19, rows_rejected: 2, duplicates_replaced: 10 });
    expectFigures(result.scopes.tickets!.overall, OVERALL);
    // No file has a 承办单位 column: one group with a null key holding everything.
    expect(result.scopes.tickets!.by).toBe('department');
    expect(result.scopes.tickets!.groups).toHaveLength(1);
    expect(result.scopes.tickets!.groups[0]).toMatchObject({ key: null, figures: { total: 8 } });
  });

  it('applies a settings file exported by the browser, and says the figures use non-default settings', async () => {
    const result = await report(args({ tickets: [fixture('tickets.xlsx')], settings: fixture('settings-basic-not-satisfied.json') }));
    // metrics.md: 0.5 overall if 基本满意 does not count.
    expect(result.scopes.tickets!.overall.satisfaction_rate).toBe(0.5);
    expect(result.nonDefaultSettings).toEqual(['basicSatisfiedCounts']);
    expect(JSON.parse(formatJson(result)).settings.non_default).toEqual(['basicSatisfiedCounts']);
    expect(stderrSummary(result)).toContain('non-default settings (非默认口径): basicSatisfiedCounts');
  });

  it('prepares the working-day calendar when the settings ask for working time', async () => {
    const result = await report(args({ tickets: [fixture('tickets.xlsx')], settings: fixture('settings-working-time.json') }));
    // March 2024 has no holidays, so only weekends drop out. Closure in working hours: T1 Fri
    // 09:00→Sat 15; T2 Fri 10:00→next Fri 10:00 14+96+10 = 120; T3 on a Saturday 0; T6 Tue→Wed
    // 15+21 = 36; T7 24; T8 Thu 09:00→Tue 09:00 15+24+24+9 = 72. Sorted 0, 15, 24, 36, 72, 120.
    expect(result.scopes.tickets!.overall).toMatchObject({ median_closure_hours: 30, p90_closure_hours: 96, total: 8 });
    expect(result.nonDefaultSettings).toEqual(['durationMode']);
  });

  it('without --to, takes the as-of time from the latest timestamp and keeps every period', async () => {
    const result = await report(args({ tickets: [fixture('tickets.xlsx')], from: null, to: null }));
    expect(result.scopes.tickets!.overall.total).toBe(9);
    expect(result.scopes.tickets!.asOf).toBe('2024-03-12 09:00:00');
  });

  it('refuses a file without a ticket id column, naming the file', async () => {
    const error = await report(args({ tickets: [fixture('tickets.xlsx'), fixture('no-ticket-id.csv')] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('no-key-column');
    expect((error as ImportError).file).toBe(fixture('no-ticket-id.csv'));
  });

  it('refuses a missing settings file before importing anything', async () => {
    const error = await report(args({ tickets: [fixture('tickets.xlsx')], settings: fixture('nope.json') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).message).toMatch(/nope\.json: no such file/);
  });
});

describe('the comparison in the report', () => {
  // By hand: T1 and P1 are at G1's place after it (grid first), P4 is on a road no grid event has
  // (missed), T1 and P1 are one problem in two channels (repeats 2), G1 follows A1 an hour later.
  const compareFixture = (name: string) => fileURLToPath(new URL(`../../fixtures/compare/${name}`, import.meta.url));

  it('is printed per township when police calls or alerts are given with grid events', async () => {
    const r = await report(args({
      tickets: [compareFixture('tickets.csv')],
      grid: [compareFixture('grid.csv')],
      police: [compareFixture('police.csv')],
      alerts: [compareFixture('alerts.csv')],
      from: null,
      to: null,
    }));
    expect(r.import.police?.rows_loaded).toBe(2);
    expect(r.comparison?.townships).toEqual([
      expect.objectContaining({ key: '悦来镇', problems: 3, grid_first: 2, grid_later: 0, missed: 1, repeats: 2, alerts: 1, alerts_unfollowed: 0 }),
    ]);
    expect(r.comparison!.townships[0].discovery_rate).toBeCloseTo(2 / 3, 12);
    expect(JSON.parse(formatJson(r)).comparison.townships[0].key).toBe('悦来镇');
  });
});

// --evaluation on grid.csv, year 2024 (as-of 2025-01-01), default rules, by hand:
//   W1 (A, E1): events 1 → 1.667 pts; verified 1 → 100; returned 0 → 100; on time 1 → 100;
//     loop 48 h → 50; supervised 0 → 100; self-resolved 0 → 0; missed 0 → 100
//     score (25·1.667 + 1000 + 1000 + 2000 + 500 + 1000 + 0 + 500) / 100 = 60.42 → 基本称职
//   W2 (A, E2): never verified, so the loop hours are left out (weights present 90);
//     events 1.667, verified 0, returned 100, on time 0 (late), supervised 1 → 0, self 0, missed 100
//     score (41.667 + 1000 + 500) / 90 = 17.13 → 不称职
//   W3 (B, E3 E4): events 2 → 3.333; verified 1/2 → 0; returned 100; on time 1/2 → 0; loop 2 h → 100;
//     supervised 100; self-resolved 1/1 → 100; missed 100; score (83.333 + 4500) / 100 = 45.83 → 不称职
//   Only W1 has a coefficient above 0 (基本称职 0.6): the whole pool is W1's.
describe('the evaluation in the report', () => {
  it('scores, grades and pays every worker of the year', async () => {
    const r = await report(args({ tickets: [fixture('tickets-part1.csv')], grid: [fixture('grid.csv')], evaluation: { year: 2024 } }));
    const out = JSON.parse(formatJson(r)).evaluation;
    expect(out.year).toBe(2024);
    expect(out.workers.map((w: Record<string, unknown>) => [w.worker_id, w.township, w.score, w.grade, w.subsidy])).toEqual([
      ['W1', 'A', 60.42, '基本称职', 8_440_000],
      ['W2', 'A', 17.13, '不称职', 0],
      ['W3', 'B', 45.83, '不称职', 0],
    ]);
    expect(out.workers[1].components.loopHours).toEqual({ raw: null, points: null, weight: 10, contribution: 0 });
    expect(out.totals).toMatchObject({ workers: 3, pool: 8_440_000, paid: 8_440_000, by_grade: { 优秀: 0, 称职: 0, 基本称职: 1, 不称职: 2 } });
  });

  it('takes the latest year when none is given', async () => {
    const r = await report(args({ tickets: [fixture('tickets-part1.csv')], grid: [fixture('grid.csv')], evaluation: { year: 'latest' } }));
    expect((r.evaluation as { year: number }).year).toBe(2024);
  });
});
