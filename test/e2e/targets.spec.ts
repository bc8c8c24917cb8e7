// The targets page on the sample from file://: the district's default target read for 2024 (a
// past year: the whole year, December the latest complete month), checked against satisfaction
// over the province's and city's callbacks recomputed in plain TypeScript over the generated rows.
import { satisfactionTargetReading } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, test, waitForReady, gotoInPage } from './support/fixtures';

test.beforeAll(() => {
  sampleTickets();
});

const close = (actual: string | null, expected: number) => expect(Number(actual)).toBeCloseTo(expected, 9);

test('targets: the default satisfaction target for 2024, overall and per township', async ({ samplePage: page }) => {
  test.setTimeout(240_000);
  await gotoInPage(page, '#/targets?year=2024');
  await waitForReady(page);
  const card = page.getByTestId('target-satisfaction_rate');
  await expect(card).toHaveAttribute('data-state', 'ready');
  // The sample carries callback levels, so the page reads province and city callbacks and says so.
  await expect(card).toHaveAttribute('data-scope', 'callbacks');
  await expect(page.getByTestId('target-scope')).toContainText('省、市回访');

  const year = satisfactionTargetReading(sampleTickets(), { from: '2024-01-01', to: '2024-12-31' }, 'township', 0.95);
  expect(year.overall.rated).toBeGreaterThan(100);
  await expect(card).toHaveAttribute('data-target', '0.95');
  close(await card.getAttribute('data-value'), year.overall.value!);
  close(await card.getAttribute('data-gap'), year.overall.value! - 0.95);

  const reading = (id: string) => card.locator(`[data-testid="target-reading"][data-reading="${id}"]`);
  const december = satisfactionTargetReading(sampleTickets(), { from: '2024-12-01', to: '2024-12-31' }, 'township', 0.95);
  const last30 = satisfactionTargetReading(sampleTickets(), { from: '2024-12-02', to: '2024-12-31' }, 'township', 0.95);
  close(await reading('month').getAttribute('data-value'), december.overall.value!);
  await expect(reading('month')).toHaveAttribute('data-denominator', String(december.overall.rated));
  close(await reading('rolling30').getAttribute('data-value'), last30.overall.value!);
  // A past year is over: its projection is its final value, certain either way.
  const pMiss = Number(await card.getByTestId('target-projection').getAttribute('data-p-miss'));
  expect(pMiss).toBe(year.overall.below ? 1 : 0);

  const rows = card.getByTestId('target-unit');
  await expect(rows).toHaveCount(year.units.length);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key')!,
      value: Number(tr.getAttribute('data-value')),
      gapTickets: Number(tr.getAttribute('data-gap-tickets')),
      below: tr.getAttribute('data-below'),
    })),
  );
  const want = new Map(year.units.map((u) => [u.key, u]));
  for (const row of shown) {
    const unit = want.get(row.key);
    expect(unit, row.key).toBeDefined();
    expect(row.value, `${row.key} value`).toBeCloseTo(unit!.value!, 9);
    expect(row.gapTickets, `${row.key} gap in tickets`).toBe(unit!.gapTickets);
    expect(row.below, `${row.key} below`).toBe(String(unit!.below));
  }
  // Below-target units first, the most tickets away at the top.
  const belowCount = year.units.filter((u) => u.below).length;
  expect(belowCount, 'some townships below 95% in the sample').toBeGreaterThan(0);
  expect(shown.slice(0, belowCount).every((r) => r.below === 'true')).toBe(true);
  expect(shown.slice(belowCount).every((r) => r.below === 'false')).toBe(true);
  const gaps = shown.slice(0, belowCount).map((r) => r.gapTickets);
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
});
