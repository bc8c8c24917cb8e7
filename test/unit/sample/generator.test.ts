import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnarTable } from '$lib/arrow';
import { creditCodeIsValid } from '$lib/schema/credit-code';
import { SATISFACTION_LEVELS, TABLES, type TableName } from '$lib/schema/tables';
import { TOWNSHIPS } from '$lib/schema/townships';
import { generateSample, type SampleDataset } from '../../../sample-data/generator';

type Cells = Record<string, readonly unknown[]>;

let sample: SampleDataset;
let t: Cells;
let g: Cells;
let e: Cells;
const DATA_START = Date.UTC(2024, 0, 1);
const DATA_END = Date.UTC(2025, 11, 31, 23, 59, 59);

beforeAll(() => {
  sample = generateSample();
  t = sample.tickets.columns as Cells;
  g = sample.grid_events.columns as Cells;
  e = sample.enterprise_requests.columns as Cells;
});

function share(n: number, pred: (i: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (pred(i)) c++;
  return c / n;
}

function tablesEqual(a: ColumnarTable, b: ColumnarTable): boolean {
  if (a.length !== b.length) return false;
  for (const [name, values] of Object.entries(a.columns)) {
    const other = b.columns[name];
    if (!other || other.length !== values.length) return false;
    for (let i = 0; i < values.length; i++) if (!Object.is(values[i], other[i])) return false;
  }
  return true;
}

const SATISFIED = new Set<string>(SATISFACTION_LEVELS.slice(0, 3));
const RATED = new Set<string>(SATISFACTION_LEVELS);

describe('sample shape', () => {
  it.each(['tickets', 'grid_events', 'enterprise_requests'] as TableName[])('%s has every canonical column, in order, typed', (name) => {
    const table = sample[name as 'tickets'];
    const spec = TABLES[name];
    expect(Object.keys(table.columns)).toEqual(spec.columns.map((c) => c.name));
    for (const c of spec.columns) {
      const values = table.columns[c.name];
      expect(values.length, c.name).toBe(table.length);
      const ok = (v: unknown): boolean => {
        if (v === null) return !c.required && !c.key;
        switch (c.type) {
          case 'VARCHAR':
            return typeof v === 'string' && v.length > 0;
          case 'TIMESTAMP':
            // Whole seconds inside the span: naive China time, as real exports carry it.
            return typeof v === 'number' && v % 1000 === 0 && v >= DATA_START && v <= DATA_END + 40 * 86_400_000;
          case 'BOOLEAN':
            return typeof v === 'boolean';
          case 'INTEGER':
            return Number.isInteger(v);
          default:
            return false;
        }
      };
      let bad = -1;
      for (let i = 0; i < values.length && bad < 0; i++) if (!ok(values[i])) bad = i;
      expect(bad, `${name}.${c.name} row ${bad}: ${String(values[bad])}`).toBe(-1);
    }
  });

  it('has the stated volumes', () => {
    expect(sample.seed).toBe(20240101);
    expect(sample.years).toEqual([2024, 2025]);
    expect(sample.tickets.length).toBe(340_000);
    expect(sample.grid_events.length).toBeGreaterThan(170_000);
    expect(sample.grid_events.length).toBeLessThan(190_000);
    expect(sample.enterprise_requests.length).toBeGreaterThan(2_600);
    expect(sample.enterprise_requests.length).toBeLessThan(3_000);
    expect(new Set(g.worker_id).size).toBeGreaterThan(1_400);
    expect(new Set(g.worker_id).size).toBeLessThan(1_600);
    expect(new Set(e.specialist).size).toBe(67);
    expect(new Set(e.department).size).toBe(30);
    const departments = new Set(t.department);
    departments.delete(null);
    expect(departments.size).toBeGreaterThanOrEqual(38);
  });

  it('honours ticketsPerYear and years', () => {
    const small = generateSample({ years: [2023], ticketsPerYear: 5_000 });
    expect(small.tickets.length).toBe(5_000);
    expect(small.years).toEqual([2023]);
    const first = small.tickets.columns.received_at[0] as number;
    expect(new Date(first).getUTCFullYear()).toBe(2023);
  });
});

describe('determinism', () => {
  it('gives identical data for the same seed', () => {
    const again = generateSample();
    expect(tablesEqual(sample.tickets, again.tickets)).toBe(true);
    expect(tablesEqual(sample.grid_events, again.grid_events)).toBe(true);
    expect(tablesEqual(sample.enterprise_requests, again.enterprise_requests)).toBe(true);
  });

  it('gives different data for another seed', () => {
    const a = generateSample({ years: [2024], ticketsPerYear: 3_000 });
    const b = generateSample({ seed: 7, years: [2024], ticketsPerYear: 3_000 });
    expect(b.seed).toBe(7);
    expect(tablesEqual(a.tickets, b.tickets)).toBe(false);
    expect(tablesEqual(a.grid_events, b.grid_events)).toBe(false);
    expect(tablesEqual(a.enterprise_requests, b.enterprise_requests)).toBe(false);
  });
});

describe('tickets', () => {
  it('are sorted by received_at with unique, well-formed ids', () => {
    const received = t.received_at as number[];
    let unsorted = 0;
    for (let i = 1; i < received.length; i++) if (received[i] < received[i - 1]) unsorted++;
    expect(unsorted).toBe(0);
    expect(new Set(t.ticket_id).size).toBe(sample.tickets.length);
    expect(share(sample.tickets.length, (i) => !/^HM20\d{12}$/.test(t.ticket_id[i] as string))).toBe(0);
  });

  it('keep the handling timeline in order', () => {
    const n = sample.tickets.length;
    const at = (c: string, i: number) => t[c][i] as number | null;
    const bad = share(n, (i) => {
      const r = at('received_at', i)!;
      const d = at('dispatched_at', i);
      const s = at('signed_at', i);
      const dl = at('deadline_at', i);
      const c = at('closed_at', i);
      if (d !== null && d < r) return true;
      if (s !== null && (d === null || s < d)) return true;
      if (dl !== null && (d === null || dl <= d)) return true;
      if (c !== null && (c < r || (s !== null && c < s))) return true;
      if (c === null && t.status[i] === '已办结') return true;
      if (c !== null && t.status[i] !== '已办结') return true;
      return [d, s, c].some((x) => x !== null && x > DATA_END);
    });
    expect(bad).toBe(0);
  });

  it('answer about 30% directly, without dispatch or department', () => {
    const n = sample.tickets.length;
    const direct = share(n, (i) => t.direct_answer[i] === true);
    expect(direct).toBeGreaterThan(0.27);
    expect(direct).toBeLessThan(0.33);
    expect(share(n, (i) => t.direct_answer[i] === true && (t.dispatched_at[i] !== null || t.department[i] !== null))).toBe(0);
  });

  it('leave some tickets open at the end of the span, none earlier', () => {
    const n = sample.tickets.length;
    const open: number[] = [];
    for (let i = 0; i < n; i++) if (t.closed_at[i] === null) open.push(t.received_at[i] as number);
    expect(open.length).toBeGreaterThan(100);
    expect(Math.min(...open)).toBeGreaterThan(Date.UTC(2025, 9, 1));
    const statuses = new Set(t.status);
    for (const s of ['已办结', '办理中', '待签收']) expect(statuses.has(s)).toBe(true);
  });

  it('have satisfaction in the 90s with persistent differences between areas', () => {
    const byTown = new Map<string, [number, number]>();
    let rated = 0;
    let satisfied = 0;
    for (let i = 0; i < sample.tickets.length; i++) {
      const s = t.satisfaction[i] as string | null;
      if (s === null || !RATED.has(s) || t.exit_reason[i] !== null) continue;
      const town = byTown.get(t.township[i] as string) ?? [0, 0];
      town[1]++;
      rated++;
      if (SATISFIED.has(s)) {
        town[0]++;
        satisfied++;
      }
      byTown.set(t.township[i] as string, town);
    }
    expect(satisfied / rated).toBeGreaterThan(0.9);
    expect(satisfied / rated).toBeLessThan(0.99);
    const rates = [...byTown.values()].map(([s, r]) => s / r);
    expect(rates.length).toBe(TOWNSHIPS.length);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThanOrEqual(0.04);
    expect(new Set(t.satisfaction)).toEqual(new Set([...SATISFACTION_LEVELS, '未回访', '无法联系', null]));
  });

  it('close 90–97% of due tickets on time', () => {
    let due = 0;
    let onTime = 0;
    for (let i = 0; i < sample.tickets.length; i++) {
      const deadline = t.deadline_at[i] as number | null;
      if (deadline === null) continue;
      const closed = t.closed_at[i] as number | null;
      if (closed !== null) {
        due++;
        if (closed <= deadline) onTime++;
      } else if (deadline < DATA_END) due++;
    }
    expect(onTime / due).toBeGreaterThan(0.9);
    expect(onTime / due).toBeLessThan(0.97);
  });

  it('link repeats to an earlier ticket of the same caller and address', () => {
    const n = sample.tickets.length;
    const index = new Map<unknown, number>();
    for (let i = 0; i < n; i++) index.set(t.ticket_id[i], i);
    let repeats = 0;
    let broken = 0;
    for (let i = 0; i < n; i++) {
      if (t.repeat_of[i] === null) continue;
      repeats++;
      const j = index.get(t.repeat_of[i]);
      if (j === undefined || j >= i || t.caller_phone[j] !== t.caller_phone[i] || t.address[j] !== t.address[i]) broken++;
    }
    expect(broken).toBe(0);
    expect(repeats / n).toBeGreaterThan(0.04);
    expect(repeats / n).toBeLessThan(0.06);
  });

  it('have the stated shares of channels, flags and exits', () => {
    const n = sample.tickets.length;
    const phone = share(n, (i) => t.channel[i] === '电话');
    expect(phone).toBeGreaterThan(0.55);
    expect(phone).toBeLessThan(0.65);
    // Exactly the referred tickets carry a province or city id.
    expect(share(n, (i) => (t.channel[i] === '省市交办') !== (t.upper_ticket_id[i] !== null))).toBe(0);
    const between = (v: number, lo: number, hi: number) => {
      expect(v).toBeGreaterThan(lo);
      expect(v).toBeLessThan(hi);
    };
    between(share(n, (i) => t.reopened[i] === true), 0.015, 0.04);
    between(share(n, (i) => t.exit_reason[i] !== null), 0.005, 0.015);
    between(share(n, (i) => t.unattributable[i] === true), 0.003, 0.008);
    between(share(n, (i) => t.enterprise_related[i] === true), 0.06, 0.1);
    between(share(n, (i) => (t.returned_count[i] as number) > 0), 0.03, 0.1);
    expect(share(n, (i) => (t.returned_count[i] as number) > 3)).toBe(0);
    expect(share(n, (i) => /^\d{3}\*{4}\d{4}$/.test(t.caller_phone[i] as string))).toBeGreaterThan(0.7);
  });

  it('follow population, the seasons and the working week', () => {
    const n = sample.tickets.length;
    const totalPopulation = TOWNSHIPS.reduce((s, x) => s + x.population, 0);
    const counts = new Map<unknown, number>();
    for (let i = 0; i < n; i++) counts.set(t.township[i], (counts.get(t.township[i]) ?? 0) + 1);
    for (const town of TOWNSHIPS) {
      const ratio = (counts.get(town.township) ?? 0) / n / (town.population / totalPopulation);
      expect(ratio, town.township).toBeGreaterThan(0.8);
      expect(ratio, town.township).toBeLessThan(1.2);
    }
    const byMonth = new Array(12).fill(0);
    let weekday = 0;
    let weekend = 0;
    let day = 0;
    let night = 0;
    for (let i = 0; i < n; i++) {
      const d = new Date(t.received_at[i] as number);
      byMonth[d.getUTCMonth()]++;
      if (d.getUTCDay() === 0 || d.getUTCDay() === 6) weekend++;
      else weekday++;
      const h = d.getUTCHours();
      if (h >= 9 && h < 11) day++;
      if (h >= 2 && h < 4) night++;
    }
    expect(byMonth[6] / 31).toBeGreaterThan((1.3 * byMonth[1]) / 29);
    expect(weekend / 2).toBeLessThan((0.85 * weekday) / 5);
    expect(night).toBeLessThan(day / 20);
  });
});

describe('grid events', () => {
  it('keep the six stages in order', () => {
    const n = sample.grid_events.length;
    const stages = ['reported_at', 'dispatched_at', 'handled_at', 'feedback_at', 'verified_at'];
    const bad = share(n, (i) => {
      let last = -Infinity;
      let gap = false;
      for (const s of stages) {
        const v = g[s][i] as number | null;
        if (v === null) {
          gap = true;
          continue;
        }
        // A later stage cannot exist when an earlier one has not happened.
        if (gap || v < last) return true;
        last = v;
      }
      const sup = g.supervised_at[i] as number | null;
      const handled = g.handled_at[i] as number | null;
      if (sup !== null && (sup < (g.dispatched_at[i] as number) || (handled !== null && sup > handled))) return true;
      return (g.status[i] === '已结案') !== (g.verified_at[i] !== null);
    });
    expect(bad).toBe(0);
    expect(share(n, (i) => g.verified_at[i] === null)).toBeGreaterThan(0);
  });

  it('are mostly self-resolved and sometimes supervised or overdue', () => {
    const n = sample.grid_events.length;
    const self = share(n, (i) => g.self_resolved[i] === true);
    expect(self).toBeGreaterThan(0.55);
    expect(self).toBeLessThan(0.65);
    const supervised = share(n, (i) => g.supervised_at[i] !== null);
    expect(supervised).toBeGreaterThan(0.07);
    expect(supervised).toBeLessThan(0.13);
    const late = share(n, (i) => g.handled_at[i] !== null && (g.handled_at[i] as number) > (g.deadline_at[i] as number));
    expect(late).toBeGreaterThan(0.005);
    expect(late).toBeLessThan(0.1);
    expect(new Set(g.event_type)).toEqual(new Set(['安全隐患', '矛盾纠纷', '环境卫生', '城市管理', '民生服务', '其他']));
  });
});

describe('enterprise requests', () => {
  it('carry valid credit codes', () => {
    expect(share(sample.enterprise_requests.length, (i) => !creditCodeIsValid(e.credit_code[i] as string))).toBe(0);
  });

  it('are answered directly about 47% of the time and almost always satisfy', () => {
    const n = sample.enterprise_requests.length;
    const direct = share(n, (i) => e.direct_answer[i] === true);
    expect(direct).toBeGreaterThan(0.42);
    expect(direct).toBeLessThan(0.52);
    let rated = 0;
    let satisfied = 0;
    for (let i = 0; i < n; i++) {
      const s = e.satisfaction[i] as string | null;
      if (s === null || !RATED.has(s)) continue;
      rated++;
      if (SATISFIED.has(s)) satisfied++;
    }
    expect(satisfied / rated).toBeGreaterThan(0.99);
    expect(share(n, (i) => e.closed_at[i] !== null && (e.closed_at[i] as number) < (e.received_at[i] as number))).toBe(0);
  });
});
