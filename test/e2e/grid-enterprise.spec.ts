// #/grid and #/enterprise opened from file:// on the sample: every chart draws with data, and a
// township click on #/grid narrows the other figures exactly as plain SQL over the same table
// does. The SQL here is written out by hand against the canonical columns, not taken from the
// page's builders, and runs in the page's own engine through the `?bench=1` hook.
import type { Page } from '@playwright/test';
import { expect, metricValue, siteUrl, test, waitForReady, gotoInPage } from './support/fixtures';

type Value = string | number | boolean | null;

async function direct(page: Page, sql: string, params: Value[] = []): Promise<Record<string, Value>[]> {
  const args: [string, Value[]] = [sql, [...params]];
  return page.evaluate(([s, p]) => globalThis.__workbenchBench!.queryRows(s, p), args);
}

async function one(page: Page, sql: string, params: Value[] = []): Promise<Record<string, Value>> {
  const rows = await direct(page, sql, params);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function expectChartsReady(page: Page, ids: string[]) {
  for (const id of ids) {
    const chart = page.getByTestId(id);
    await expect(chart, id).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(chart.locator('svg').first(), id).toBeVisible();
  }
}

/** The event-type bars as drawn: key → value. */
async function typeBars(page: Page): Promise<Record<string, number>> {
  const bars = page.getByTestId('chart-grid-types').locator('[role="button"][data-key]');
  const out: Record<string, number> = {};
  for (const bar of await bars.all()) out[(await bar.getAttribute('data-key'))!] = Number(await bar.getAttribute('data-value'));
  return out;
}

test.describe.configure({ timeout: 240_000 });

test('grid and enterprise pages draw every chart from the sample, figures equal to direct SQL', async ({ page }) => {
  await page.goto(siteUrl('file', '#/grid?bench=1'));
  await waitForReady(page);
  await expectChartsReady(page, ['chart-grid-funnel', 'chart-grid-volume', 'chart-grid-townships', 'chart-grid-types']);

  const grid = await one(
    page,
    `SELECT count(*) AS total, count(DISTINCT grid_id) AS grids,
       count(*) FILTER (WHERE verified_at IS NOT NULL) AS verified,
       quantile_cont((epoch_us(dispatched_at) - epoch_us(reported_at)) / 3600000000.0, 0.5)
         FILTER (WHERE dispatched_at IS NOT NULL AND reported_at IS NOT NULL) AS dispatch_hours
     FROM grid_events`,
  );
  expect(Number(grid.total)).toBeGreaterThan(100_000);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(grid.total));
  expect(await metricValue(page, 'loop_closed_rate')).toBeCloseTo(Number(grid.verified) / Number(grid.total), 12);
  // The funnel's step 上报 → 分流 carries the median it was drawn from.
  const dispatch = page.getByTestId('chart-grid-funnel').locator('li[data-stage="dispatched"]');
  expect(Number(await dispatch.getAttribute('data-hours'))).toBeCloseTo(Number(grid.dispatch_hours), 9);
  await expect(page.getByTestId('table-grid-grids')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('table-grid-grids').locator('tbody tr')).toHaveCount(Math.min(100, Number(grid.grids)));
  // The overdue list holds exactly the events the headline counts.
  const overdue = await metricValue(page, 'overdue_open');
  await expect(page.getByTestId('table-grid-overdue').locator('tbody tr')).toHaveCount(overdue!);
  // Worker names are personal data: masked on screen.
  const name = await page.getByTestId('table-grid-workers').locator('tbody tr').first().locator('th').innerText();
  expect(name).toMatch(/^\S\*+$/);

  await gotoInPage(page, '#/enterprise?bench=1');
  await waitForReady(page);
  await expectChartsReady(page, ['chart-enterprise-volume', 'chart-enterprise-direct', 'chart-enterprise-policy', 'chart-enterprise-townships']);
  const ent = await one(
    page,
    `SELECT count(*) AS total, count(*) FILTER (WHERE direct_answer) AS direct, count(DISTINCT specialist) AS specialists
     FROM enterprise_requests`,
  );
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(ent.total));
  expect(await metricValue(page, 'direct_answer_rate')).toBeCloseTo(Number(ent.direct) / Number(ent.total), 12);
  await expect(page.getByTestId('table-enterprise-specialists').locator('tbody tr')).toHaveCount(Math.min(100, Number(ent.specialists)));
});

test('a township click on #/grid narrows the other charts as direct SQL does, and leaves its own chart whole', async ({ page }) => {
  await page.goto(siteUrl('file', '#/grid?bench=1'));
  await waitForReady(page);
  await expectChartsReady(page, ['chart-grid-townships', 'chart-grid-types']);
  const townships = await direct(page, 'SELECT township, count(*) AS n FROM grid_events GROUP BY 1 ORDER BY 2 DESC');
  const township = String(townships[1].township);
  const before = await typeBars(page);

  const bars = page.getByTestId('chart-grid-townships').locator('[role="button"][data-key]');
  const bar = page.getByTestId('chart-grid-townships').locator(`[role="button"][data-key="${township}"]`);
  await bar.click();

  await expect(page).toHaveURL(new RegExp(`sel_township=${encodeURIComponent(township)}`));
  await expect(page.getByTestId('filter-chip')).toHaveAttribute('data-value', township);
  const expected = await one(
    page,
    `SELECT count(*) AS total, count(*) FILTER (WHERE verified_at IS NOT NULL) AS verified, count(DISTINCT worker_id) AS workers
     FROM grid_events WHERE township = ?`,
    [township],
  );
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(expected.total));
  expect(await metricValue(page, 'loop_closed_rate')).toBeCloseTo(Number(expected.verified) / Number(expected.total), 12);
  await expect(page.getByTestId('metric-workers')).toHaveAttribute('data-value', String(expected.workers));

  const types = await direct(page, 'SELECT event_type, count(*) AS n FROM grid_events WHERE township = ? GROUP BY 1', [township]);
  const wanted = Object.fromEntries(types.map((r) => [String(r.event_type), Number(r.n)]));
  await expect.poll(() => typeBars(page)).toEqual(wanted);
  expect(wanted).not.toEqual(before);
  // Its own chart is not narrowed by its own selection: every township still has its bar.
  await expect(bars).toHaveCount(townships.length);
  await expect(bar).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('filter-chip-remove').click();
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(townships.reduce((s, r) => s + Number(r.n), 0)));
  await expect.poll(() => typeBars(page)).toEqual(before);
});
