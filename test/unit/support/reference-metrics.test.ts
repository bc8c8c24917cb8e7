// The browser tests' reference implementation (test/support/reference-metrics.ts) checked by hand:
// metrics.md's worked example, every figure of its table, overall and per township; the settings
// variants worked out here by hand; and the ranking plan of test/fixtures/rankings (ties.csv),
// whose scores were worked out by hand in rankings-ties.spec.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANKING_RULES,
  DEFAULT_TICKET_RULES,
  categoryPath,
  closureDayBins,
  enterpriseFigures,
  gridFigures,
  groupBy,
  naive,
  quantileCont,
  rankUnits,
  select,
  ticketFigures,
  ticketFiguresOf,
  type Cell,
  type Columns,
} from '../../support/reference-metrics';

/** Rows of objects → columns; absent fields are NULL. */
function table(rows: Record<string, Cell>[], names: readonly string[]): Columns {
  return { length: rows.length, columns: Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n] ?? null)])) };
}

const TICKET_COLUMNS = [
  'ticket_id', 'township', 'received_at', 'dispatched_at', 'signed_at', 'deadline_at', 'closed_at', 'satisfaction', 'exit_reason',
  'direct_answer', 'resolved', 'reopened', 'returned_count', 'enterprise_related', 'unattributable', 'department',
] as const;

const t = (s: string) => naive(`2024-${s}`);
// metrics.md, "A worked example": eight tickets of March 2024.
const WORKED = table(
  [
    { ticket_id: 'T1', township: 'A', received_at: t('03-01 09:00'), deadline_at: t('03-06 09:00'), closed_at: t('03-02 09:00'), satisfaction: '满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
    { ticket_id: 'T2', township: 'A', received_at: t('03-01 10:00'), deadline_at: t('03-06 10:00'), closed_at: t('03-08 10:00'), satisfaction: '不满意', direct_answer: false, resolved: false, reopened: true, returned_count: 1 },
    { ticket_id: 'T3', township: 'B', received_at: t('03-02 08:00'), deadline_at: t('03-07 08:00'), closed_at: t('03-02 08:30'), satisfaction: '基本满意', direct_answer: true, resolved: true, reopened: false, returned_count: 0 },
    { ticket_id: 'T4', township: 'B', received_at: t('03-03 12:00'), deadline_at: t('03-08 12:00'), direct_answer: false, reopened: false, returned_count: 0 },
    { ticket_id: 'T5', township: 'A', received_at: t('03-10 12:00'), deadline_at: t('04-02 12:00'), direct_answer: false, reopened: false, returned_count: 2 },
    { ticket_id: 'T6', township: 'B', received_at: t('03-05 09:00'), deadline_at: t('03-10 09:00'), closed_at: t('03-06 21:00'), satisfaction: '不满意', exit_reason: '恶意举报', direct_answer: false, resolved: false, reopened: false, returned_count: 0 },
    { ticket_id: 'T7', township: 'A', received_at: t('03-06 09:00'), closed_at: t('03-07 09:00'), satisfaction: '无法联系', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
    { ticket_id: 'T8', township: 'A', received_at: t('03-07 09:00'), deadline_at: t('03-12 09:00'), closed_at: t('03-12 09:00'), satisfaction: '非常满意', direct_answer: false, resolved: true, reopened: false, returned_count: 0 },
  ],
  TICKET_COLUMNS,
);
const MARCH = { from: '2024-03-01', to: '2024-03-31' };

describe('reference ticket metrics: metrics.md worked example', () => {
  // metric → [overall, A, B], exactly as the spec's table gives them (4 decimals where it rounds).
  const EXPECTED: Record<string, [number, number, number]> = {
    total: [8, 5, 3],
    rated: [4, 3, 1],
    satisfaction_rate: [0.75, 2 / 3, 1],
    due: [6, 3, 3],
    on_time_rate: [2 / 3, 2 / 3, 2 / 3],
    overdue_open: [1, 0, 1],
    median_closure_hours: [30, 72, 18.25],
    p90_closure_hours: [144, 153.6, 32.45],
    direct_answer_rate: [0.125, 0, 1 / 3],
    resolution_rate: [2 / 3, 0.75, 0.5],
    reopen_rate: [0.125, 0.2, 0],
    return_rate: [0.25, 0.4, 0],
  };
  const township = WORKED.columns.township;
  const overall = ticketFigures(WORKED, MARCH);
  const a = ticketFigures(WORKED, { ...MARCH, where: (i) => township[i] === 'A' });
  const b = ticketFigures(WORKED, { ...MARCH, where: (i) => township[i] === 'B' });

  for (const [id, [all, inA, inB]] of Object.entries(EXPECTED)) {
    it(`${id}: ${all} overall, ${inA} in A, ${inB} in B`, () => {
      const got = [overall, a, b].map((f) => f[id as keyof typeof f]);
      got.forEach((value, k) => expect(value, ['overall', 'A', 'B'][k]).toBeCloseTo([all, inA, inB][k], 10));
    });
  }

  it('grouping the same rows per township gives the same figures', () => {
    const asOf = naive('2024-04-01');
    const groups = groupBy(select(WORKED, 'received_at', MARCH), (i) => township[i] as string);
    expect(ticketFiguresOf(WORKED, groups.get('A')!, asOf)).toEqual(a);
    expect(ticketFiguresOf(WORKED, groups.get('B')!, asOf)).toEqual(b);
  });

  it('on time, closed late and overdue add up to due: T1 T3 T6 T8 on time, T2 late, T4 overdue', () => {
    expect([overall.on_time, overall.closed_late, overall.overdue_open, overall.due]).toEqual([4, 1, 1, 6]);
  });

  it('without a period end, the as-of time is the latest timestamp in the table (T8 closed 03-12 09:00)', () => {
    const open = ticketFigures(WORKED, { from: '2024-03-01' });
    // T4 (due 03-08 12:00) is past due by then, T5 (due 04-02) is not: the same as with the period's end.
    expect([open.due, open.overdue_open]).toEqual([6, 1]);
  });
});

describe('reference ticket metrics: the settings, worked by hand on the example', () => {
  it('基本满意 not satisfied: T1 and T8 of T1, T2, T3, T8 = 0.5 (metrics.md)', () => {
    expect(ticketFigures(WORKED, MARCH, { ...DEFAULT_TICKET_RULES, basicSatisfiedCounts: false }).satisfaction_rate).toBe(0.5);
  });

  it('weighted: (100 + 0 + 80 + 100) / 4 = 70 → 0.7', () => {
    expect(ticketFigures(WORKED, MARCH, { ...DEFAULT_TICKET_RULES, weighted: true }).satisfaction_rate).toBeCloseTo(0.7, 12);
  });

  it('only 涉法涉诉 excludes: T6 (恶意举报, 不满意) is rated, 3 of 5', () => {
    const f = ticketFigures(WORKED, MARCH, { ...DEFAULT_TICKET_RULES, exitReasons: ['涉法涉诉'] });
    expect([f.rated, f.satisfaction_rate]).toEqual([5, 0.6]);
  });

  it('as of 2024-03-08 00:00: T4 is not yet due, so 4 of 5 on time and none overdue', () => {
    const f = ticketFigures(WORKED, MARCH, { ...DEFAULT_TICKET_RULES, asOf: naive('2024-03-08') });
    expect([f.due, f.overdue_open, f.on_time_rate]).toEqual([5, 0, 0.8]);
  });

  it('an empty selection has NULL rates, never 0 or NaN', () => {
    const f = ticketFigures(WORKED, { from: '2025-01-01', to: '2025-01-31' });
    expect(f.total).toBe(0);
    for (const id of ['satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'direct_answer_rate', 'resolution_rate', 'return_rate'] as const) {
      expect(f[id], id).toBeNull();
    }
  });
});

describe('reference helpers', () => {
  it('quantile_cont interpolates at (n−1)·q', () => {
    expect(quantileCont([10, 0, 20, 30], 0.5)).toBe(15);
    expect(quantileCont([0, 10], 0.9)).toBe(9);
    expect(quantileCont([7], 0.9)).toBe(7);
    expect(quantileCont([], 0.5)).toBeNull();
  });

  it('category paths keep levels addressable', () => {
    expect(categoryPath('城市管理>市容环境>占道经营', 1)).toBe('城市管理');
    expect(categoryPath('城市管理 > 市容环境>占道经营', 2)).toBe('城市管理>市容环境');
    expect(categoryPath('城市管理>市容环境', 3)).toBeNull();
    expect(categoryPath(null, 1)).toBeNull();
  });

  it('closure days: T3 in day 0; T1, T6, T7 in day 1; T8 in day 5; T2 (7 days) in the tail', () => {
    const bins = closureDayBins(WORKED, select(WORKED, 'received_at', MARCH), 6);
    // 0.5 h → day 0; 24 h, 24 h, 36 h → day 1; 120 h → day 5; 168 h → the "6 and more" bin.
    expect(bins).toEqual([1, 3, 0, 0, 0, 1, 1]);
  });
});

describe('reference grid and enterprise metrics, by hand', () => {
  const h = (s: string) => naive(`2024-05-${s}`);
  const GRID = table(
    [
      // reported 08:00, dispatched +1 h, handled +3 h, feedback +1 h, verified +2 h: loop 7 h; handled before the deadline.
      { event_id: 'E1', reported_at: h('01 08:00'), dispatched_at: h('01 09:00'), handled_at: h('01 12:00'), feedback_at: h('01 13:00'), verified_at: h('01 15:00'), deadline_at: h('02 08:00'), self_resolved: true, worker_id: 'W1' },
      // handled after its deadline, supervised, never verified.
      { event_id: 'E2', reported_at: h('02 08:00'), dispatched_at: h('02 11:00'), handled_at: h('04 08:00'), supervised_at: h('03 09:00'), feedback_at: h('04 09:00'), deadline_at: h('03 08:00'), self_resolved: false, worker_id: 'W1' },
      // not handled, past its deadline at the as-of time (June 1st).
      { event_id: 'E3', reported_at: h('20 08:00'), dispatched_at: h('20 10:00'), deadline_at: h('25 08:00'), worker_id: 'W2' },
    ],
    ['event_id', 'reported_at', 'dispatched_at', 'handled_at', 'supervised_at', 'feedback_at', 'verified_at', 'deadline_at', 'self_resolved', 'worker_id'],
  );

  it('grid events of May', () => {
    const f = gridFigures(GRID, { from: '2024-05-01', to: '2024-05-31' });
    expect(f).toEqual({
      total: 3,
      loop_closed_rate: 1 / 3,
      due: 3,
      on_time_rate: 1 / 3,
      overdue_open: 1,
      self_resolved_rate: 0.5,
      supervised_share: 1 / 3,
      median_dispatch_hours: 2, // 1, 3, 2
      median_handle_hours: 24, // 3, 45
      median_feedback_hours: 1, // 1, 1
      median_verify_hours: 2,
      median_loop_hours: 7,
      workers: 2,
      events_per_worker: 1.5,
    });
  });

  it('enterprise requests: direct answers over all, closure over the closed', () => {
    const e = table(
      [
        { received_at: h('01 08:00'), closed_at: h('01 10:00'), direct_answer: true, satisfaction: '满意' },
        { received_at: h('02 08:00'), closed_at: h('03 08:00'), direct_answer: false, satisfaction: '基本满意' },
        { received_at: h('03 08:00'), direct_answer: false, satisfaction: '未回访' },
      ],
      ['received_at', 'closed_at', 'direct_answer', 'satisfaction'],
    );
    expect(enterpriseFigures(e)).toEqual({ total: 3, rated: 2, satisfaction_rate: 1, direct_answer_rate: 1 / 3, closed: 2, median_closure_hours: 13 });
  });
});

describe('reference ranking: the hand-worked plan of test/fixtures/rankings/ties.csv', () => {
  const lines = readFileSync(new URL('../../fixtures/rankings/ties.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(','));
  const when = (v: string) => (v ? naive(v) : null);
  const yes = (v: string) => (v === '是' ? true : v === '否' ? false : null);
  const TIES: Columns = {
    length: rows.length,
    columns: {
      ticket_id: rows.map((r) => r[col('工单编号')]),
      received_at: rows.map((r) => when(r[col('受理时间')])),
      township: rows.map((r) => r[col('所属区镇')]),
      department: rows.map((r) => r[col('承办单位')]),
      deadline_at: rows.map((r) => when(r[col('办理时限')])),
      closed_at: rows.map((r) => when(r[col('办结时间')])),
      resolved: rows.map((r) => yes(r[col('是否解决')])),
      satisfaction: rows.map((r) => r[col('满意度')] || null),
      returned_count: rows.map((r) => Number(r[col('退单次数')])),
      ...Object.fromEntries(['dispatched_at', 'signed_at', 'exit_reason', 'direct_answer', 'reopened', 'enterprise_related', 'unattributable'].map((c) => [c, rows.map(() => null)])),
    },
  };
  const shown = (period: { from: string; to: string }) =>
    rankUnits(TIES, period, 'township').map((u) => [u.key, u.rank, u.score === null ? null : Math.round(u.score * 1000) / 1000]);

  it('January: 1.000, 0.767, 0.533, 0.300; 正余镇 (10 rated) unranked', () => {
    expect(shown({ from: '2024-01-01', to: '2024-01-31' })).toEqual([
      ['海门街道', 1, 1],
      ['三厂街道', 2, 0.767],
      ['四甲镇', 3, 0.533],
      ['悦来镇', 4, 0.3],
      ['正余镇', null, null],
    ]);
  });

  it('February: 0.9; 0.65 and 0.65 share rank 2; 0.1 takes rank 4', () => {
    expect(shown({ from: '2024-02-01', to: '2024-02-29' })).toEqual([
      ['四甲镇', 1, 0.9],
      ['三厂街道', 2, 0.65],
      ['悦来镇', 2, 0.65],
      ['海门街道', 4, 0.1],
      ['正余镇', null, null],
    ]);
  });

  it('the minimum of rated tickets is a rule, not a constant', () => {
    const all = rankUnits(TIES, { from: '2024-02-01', to: '2024-02-29' }, 'township', { ...DEFAULT_RANKING_RULES, minRated: 29 });
    // 正余镇 now counts, perfect on everything: it becomes the maximum of satisfaction (1.0) and is first.
    expect(all[0]).toMatchObject({ key: '正余镇', rank: 1 });
    expect(all.every((u) => u.rank !== null)).toBe(true);
  });
});
