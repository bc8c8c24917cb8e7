// The comparison page from file:// on the sample: every township's discovery rate and missed
// reports, and the candidates of one township, against the comparison recomputed in plain
// TypeScript (test/support/reference-compare.ts); then checking begins — one candidate accepted —
// and the figures count that match only, saved offline and still there after a reload.
import { referenceComparison } from '../support/reference-compare';
import { sampleAlerts, sampleGridEvents, samplePoliceCalls, sampleTickets } from '../support/sample';
import { expectUnits, shownUnits } from './support/compare-page';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';

let reference: ReturnType<typeof referenceComparison>;
test.beforeAll(() => {
  reference = referenceComparison({
    tickets: sampleTickets(),
    grid_events: sampleGridEvents(),
    police_non_emergency: samplePoliceCalls(),
    special_population_alerts: sampleAlerts(),
  });
});

test('comparison figures and checking from file://', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(siteUrl('file', '#/compare?level=township'));
  await waitForReady(page);
  expectUnits(await shownUnits(page), reference.figures(null), 'before checking');
  await expect(page.getByTestId('compare-checking')).toHaveAttribute('data-checking', 'none');

  // One township's candidates: the page lists the first 200 of them in place and time order.
  await page.getByTestId('compare-unit').filter({ has: page.locator('[data-key="悦来镇"]') }).or(page.locator('[data-testid="compare-unit"][data-key="悦来镇"]')).first().getByRole('button').click();
  const list = page.getByTestId('compare-candidates');
  const inTown = reference.pairs.filter((p) => p.left.township === '悦来镇');
  await expect(list).toHaveAttribute('data-total', String(inTown.length));
  await expect(list).toHaveAttribute('data-state', 'ready');
  const candidates = page.getByTestId('compare-candidate');
  const shown = await candidates.evaluateAll((els) => els.map((e) => [e.getAttribute('data-left'), e.getAttribute('data-right'), Number(e.getAttribute('data-score'))] as const));
  expect(shown.length).toBe(Math.min(200, inTown.length));
  const byKey = new Map(inTown.map((p) => [`${p.left.id}|${p.right.id}`, p.score]));
  for (const [left, right, score] of shown) {
    const want = byKey.get(`${left}|${right}`);
    expect(want, `${left}|${right} is a candidate`).toBeDefined();
    expect(score).toBeCloseTo(want!, 3);
  }

  // Checking begins: accept the first grid candidate; only it counts from now on.
  const first = candidates.filter({ has: page.getByTestId('compare-accept') }).first();
  const left = (await first.getAttribute('data-left'))!;
  const right = (await first.getAttribute('data-right'))!;
  await first.getByTestId('compare-accept').click();
  await expect(page.getByTestId('compare-checking')).toHaveAttribute('data-checking', 'begun');
  const accepted = new Set([`${left}\u001f${right}`]);
  await expect.poll(async () => (await shownUnits(page)).get('悦来镇')?.missed).toBe(String(reference.figures(accepted).get('悦来镇')!.missed));
  expectUnits(await shownUnits(page), reference.figures(accepted), 'after one accepted');

  // Saved offline: a reload still counts only the accepted match.
  await expect(page.getByTestId('compare-checking').getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('compare-checking')).toHaveAttribute('data-checking', 'begun');
  expectUnits(await shownUnits(page), reference.figures(accepted), 'after reload');
});
