// The explain page on the sample from file://: a township's satisfaction change against the same
// half-year a year earlier, by category level 1. The expected change, group counts and effects are
// recomputed here in plain TypeScript from the generated rows and Kitagawa's formula.
import { categoryPath, satisfactionGroups } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, test, waitForReady, gotoInPage } from './support/fixtures';

test.beforeAll(() => {
  sampleTickets();
});

const TOWNSHIP = '海门街道';
const NOW = { from: '2025-01-01', to: '2025-06-30' };
const BEFORE = { from: '2024-01-01', to: '2024-06-30' };

function expected() {
  const table = sampleTickets();
  const town = table.columns.township;
  const where = (i: number) => town[i] === TOWNSHIP;
  const key = (i: number) => categoryPath(table.columns.category[i], 1);
  const g0 = satisfactionGroups(table, BEFORE, key, where);
  const g1 = satisfactionGroups(table, NOW, key, where);
  const sum = (m: typeof g0, f: 'rated' | 'satisfied') => [...m.values()].reduce((s, v) => s + v[f], 0);
  const n0 = sum(g0, 'rated');
  const n1 = sum(g1, 'rated');
  const change = sum(g1, 'satisfied') / n1 - sum(g0, 'satisfied') / n0;
  // Groups under 30 rated in either period pooled, then each group's mix (centred on the mean of
  // the two overall rates) and rate effect.
  const groups = new Map<string, { r0: number; s0: number; r1: number; s1: number }>();
  for (const k of new Set([...g0.keys(), ...g1.keys()])) {
    const a = g0.get(k) ?? { rated: 0, satisfied: 0 };
    const b = g1.get(k) ?? { rated: 0, satisfied: 0 };
    const name = a.rated >= 30 && b.rated >= 30 ? k : '__pooled__';
    const acc = groups.get(name) ?? { r0: 0, s0: 0, r1: 0, s1: 0 };
    groups.set(name, { r0: acc.r0 + a.rated, s0: acc.s0 + a.satisfied, r1: acc.r1 + b.rated, s1: acc.s1 + b.satisfied });
  }
  const mean = (sum(g0, 'satisfied') / n0 + sum(g1, 'satisfied') / n1) / 2;
  const effects = new Map<string, { n0: number; n1: number; mix: number; rate: number }>();
  for (const [k, v] of groups) {
    if (v.r0 === 0 && v.r1 === 0) continue;
    const own0 = v.r0 ? v.s0 / v.r0 : v.s1 / v.r1;
    const own1 = v.r1 ? v.s1 / v.r1 : own0;
    const w0 = v.r0 / n0;
    const w1 = v.r1 / n1;
    effects.set(k, { n0: v.r0, n1: v.r1, mix: (w1 - w0) * ((own0 + own1) / 2 - mean), rate: ((own1 - own0) * (w0 + w1)) / 2 });
  }
  return { change, effects };
}

test('explain: a township’s satisfaction change by category, mix and rate summing to the change', async ({ samplePage: page }) => {
  test.setTimeout(240_000);
  const params = new URLSearchParams({ metric: 'satisfaction_rate', township: TOWNSHIP, by: 'category1', from: NOW.from, to: NOW.to, compare: 'yoy' });
  await gotoInPage(page, `#/explain?${params}`);
  await waitForReady(page);
  await expect(page.getByTestId('explain-periods')).toHaveAttribute('data-base-from', BEFORE.from);
  const total = page.getByTestId('explain-total');
  await expect(total).toHaveAttribute('data-value', /\d/);
  const want = expected();
  expect(Number(await total.getAttribute('data-value'))).toBeCloseTo(want.change, 12);

  const drivers = await page.getByTestId('explain-driver').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key')!,
      mix: Number(tr.getAttribute('data-mix')),
      rate: Number(tr.getAttribute('data-rate')),
      n0: Number(tr.getAttribute('data-n0')),
      n1: Number(tr.getAttribute('data-n1')),
    })),
  );
  expect(drivers.map((d) => d.key).sort()).toEqual([...want.effects.keys()].sort());
  for (const d of drivers) {
    const w = want.effects.get(d.key)!;
    expect([d.n0, d.n1], d.key).toEqual([w.n0, w.n1]);
    expect(d.mix, `${d.key} mix`).toBeCloseTo(w.mix, 12);
    expect(d.rate, `${d.key} rate`).toBeCloseTo(w.rate, 12);
  }
  // The contributions add up to the change exactly (to 1e-12).
  const sum = drivers.reduce((s, d) => s + d.mix + d.rate, 0);
  expect(Math.abs(sum - want.change)).toBeLessThan(1e-12);
  // Largest contribution first; the waterfall has a bar per step and ends on the change.
  const totals = drivers.map((d) => Math.abs(d.mix + d.rate));
  expect(totals).toEqual([...totals].sort((a, b) => b - a));
  const last = page.getByTestId('explain-waterfall').locator('g[data-kind="total"]');
  expect(Number(await last.getAttribute('data-value'))).toBeCloseTo(want.change, 12);
});
