// Percentiles of the same values over the same rows share one list quantile (sharePercentiles):
// the SQL it writes, and that DuckDB gives exactly each percentile's own quantile_cont with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, prepareMetrics, ticketMetricsQuery, type MetricSettings } from '$lib/metrics';
import { countWhere, percentile, sharePercentiles } from '$lib/metrics/expressions';
import { ident, sql, trusted } from '$lib/sql';
import { loadTable, period, rowsOf, type FixtureRow } from './fixtures';

const hours = ident('h');
const closed = sql`(${ident('h')} IS NOT NULL)`;

describe('sharePercentiles (the SQL)', () => {
  it('writes two siblings as items 1 and 2 of one list quantile, in the order of their fractions', () => {
    const [p90, median] = sharePercentiles([percentile(hours, 0.9, closed), percentile(hours, 0.5, closed)]);
    expect(p90.text).toBe('((quantile_cont("h", [0.5, 0.9]) FILTER (WHERE ("h" IS NOT NULL)))[2])::DOUBLE');
    expect(median.text).toBe('((quantile_cont("h", [0.5, 0.9]) FILTER (WHERE ("h" IS NOT NULL)))[1])::DOUBLE');
  });

  it('leaves a lone percentile, other aggregates and percentiles over other rows or values as they were', () => {
    const lone = percentile(hours, 0.5, closed);
    const count = countWhere(closed);
    const [a, b] = sharePercentiles([lone, count]);
    expect(a).toBe(lone);
    expect(b).toBe(count);
    const otherRows = [percentile(hours, 0.5, closed), percentile(hours, 0.9, sql`(${ident('h')} > ${2})`)];
    expect(sharePercentiles(otherRows)).toEqual(otherRows);
    const otherValues = [percentile(hours, 0.5, closed), percentile(ident('g'), 0.9, closed)];
    expect(sharePercentiles(otherValues)).toEqual(otherValues);
  });

  it('tells bound values apart: the same text with another parameter is another family', () => {
    const over = (n: number) => sql`(${ident('h')} > ${n})`;
    const exprs = [percentile(hours, 0.5, over(1)), percentile(hours, 0.9, over(2)), percentile(hours, 0.9, over(1))];
    const shared = sharePercentiles(exprs);
    expect(shared[1]).toBe(exprs[1]);
    expect(shared[0].text).toContain('[0.5, 0.9]');
    expect(shared[2].text).toContain('[0.5, 0.9]');
    expect(shared[0].params).toEqual([1]);
  });

  it('keeps one item for a fraction asked twice', () => {
    const [a, b, c] = sharePercentiles([percentile(hours, 0.5, closed), percentile(hours, 0.5, closed), percentile(hours, 0.25, closed)]);
    expect(a.text).toContain('[0.25, 0.5])');
    expect(a.text).toContain(')[2])');
    expect(b.text).toBe(a.text);
    expect(c.text).toContain(')[1])');
  });
});

describe('sharePercentiles (in DuckDB)', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.start();
  });
  afterAll(() => engine.close());

  it('computes the list quantile once and gives each percentile exactly its own quantile_cont', async () => {
    // 1,001 values with repeats and NULLs, in 3 groups, one of them all NULL.
    await engine.exec(trusted(`CREATE OR REPLACE TABLE t AS
      SELECT (i % 3)::INTEGER AS g, CASE WHEN i % 3 = 2 OR i % 17 = 0 THEN NULL ELSE ((i * 7919) % 1000) / 7.0 END AS h FROM range(1001) r(i)`));
    const fractions = [0.5, 0.9, 0.1];
    const own = fractions.map((q) => percentile(hours, q, closed));
    const columns = (exprs: typeof own) => exprs.map((e, i) => sql`${e} AS ${ident(`q${i}`)}`);
    const query = (exprs: typeof own) =>
      sql`SELECT g, ${columns(exprs)[0]}, ${columns(exprs)[1]}, ${columns(exprs)[2]} FROM t GROUP BY g ORDER BY g`;
    const separate = await rowsOf(engine, query(own));
    const shared = await rowsOf(engine, query(sharePercentiles(own)));
    expect(shared).toEqual(separate);
    expect(separate[2]).toEqual({ g: 2, q0: null, q1: null, q2: null });
    expect(typeof separate[0].q0).toBe('number');
    const plan = await rowsOf(engine, sql`EXPLAIN ${query(sharePercentiles(own))}`);
    const text = plan.map((r) => String(r.explain_value)).join('\n');
    expect(text.match(/quantile_cont/g)).toHaveLength(1);
  });

  const settingsWith = (patch: Partial<MetricSettings>): MetricSettings => ({ ...defaultSettings(), ...patch });
  /** Received 2024-03-01 (a Friday) 08:00; closed `h` natural hours later. */
  const ticket = (id: string, h: number, township: string): FixtureRow => ({
    ticket_id: id,
    township,
    received_at: '2024-03-01 08:00',
    closed_at: new Date(Date.UTC(2024, 2, 1, 8) + h * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
  });

  it('gives the ticket metrics their hand-computed median and p90 in both duration modes', async () => {
    // Natural hours 1, 2, 4, 10, 70 → median 4; p90 at position 3.6 → 10 + 0.6·60 = 46.
    // Working hours (Friday 08:00 + h, the weekend not counted): 1, 2, 4, 10 stay; 70 h ends on
    // Monday 06:00, of which Saturday and Sunday's 48 h are off → 22; sorted 1, 2, 4, 10, 22 →
    // median 4, p90 10 + 0.6·12 = 17.2.
    await loadTable(engine, 'tickets', [1, 2, 4, 10, 70].map((h, i) => ticket(`W${i}`, h, i % 2 ? 'A' : 'B')));
    const march = period('2024-03-01', '2024-03-31');
    for (const [mode, median, p90] of [['natural', 4, 46], ['working', 4, 17.2]] as const) {
      await prepareMetrics(engine, settingsWith({ durationMode: mode }), ['tickets'], march);
      const [row] = await rowsOf(engine, ticketMetricsQuery({ filters: march, settings: settingsWith({ durationMode: mode }), metrics: ['median_closure_hours', 'p90_closure_hours'] }));
      expect(row.median_closure_hours).toBe(median);
      expect(row.p90_closure_hours as number).toBeCloseTo(p90, 10);
    }
    // By township: A has 2 and 10 (median 6, p90 2 + 0.9·8 = 9.2); B has 1, 4, 70.
    const byTownship = await rowsOf(engine, ticketMetricsQuery({ filters: march, settings: defaultSettings(), groupBy: 'township', metrics: ['median_closure_hours', 'p90_closure_hours'] }));
    expect(byTownship.map((r) => [r.key, r.median_closure_hours])).toEqual([['A', 6], ['B', 4]]);
    expect(byTownship[0].p90_closure_hours as number).toBeCloseTo(9.2, 10);
    // B: 1, 4, 70 → p90 at position 1.8 → 4 + 0.8·66 = 56.8.
    expect(byTownship[1].p90_closure_hours as number).toBeCloseTo(56.8, 10);
  });
});
