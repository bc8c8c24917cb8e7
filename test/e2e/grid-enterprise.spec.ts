// #/grid and #/enterprise opened from file:// on the sample: every chart draws with data, the
// headline figures and the funnel's stage medians are those metrics.md defines, and a township
// click on #/grid narrows the other figures exactly as the rows say. Every expectation is computed
// in plain TypeScript over the generator's rows (test/support/reference-metrics.ts), not by the
// page's own engine.
import type { Page } from '@playwright/test';
import { column, countBy, enterpriseFigures, gridFigures, select } from '../support/reference-metrics';
import { sampleEnterpriseRequests, sampleGridEvents } from '../support/sample';
import { expect, expectFigures, test, waitForReady, gotoInPage } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleGridEvents();
  sampleEnterpriseRequests();
});

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

/** Rows per value of a column (rows without one left out, as the charts leave them out). */
function countsOf(rows: number[], name: string): Record<string, number> {
  const values = column(sampleGridEvents(), name);
  return Object.fromEntries([...countBy(rows, (i) => (values[i] === null ? null : String(values[i])))].filter(([k]) => k !== null) as [string, number][]);
}

const distinct = (table: ReturnType<typeof sampleGridEvents>, name: string) => new Set(column(table, name).filter((v) => v !== null)).size;

test.describe.configure({ timeout: 240_000 });

test('grid and enterprise pages draw every chart from the sample, with the figures and stage medians of metrics.md', async ({ samplePage: page }) => {
  const events = sampleGridEvents();
  const requests = sampleEnterpriseRequests();
  await gotoInPage(page, '#/grid');
  await waitForReady(page);
  await expectChartsReady(page, ['chart-grid-funnel', 'chart-grid-volume', 'chart-grid-townships', 'chart-grid-types']);

  const grid = gridFigures(events);
  expect(grid.total).toBeGreaterThan(100_000);
  await expectFigures(page, {
    total: grid.total,
    loop_closed_rate: grid.loop_closed_rate,
    on_time_rate: grid.on_time_rate,
    overdue_open: grid.overdue_open,
    supervised_share: grid.supervised_share,
    self_resolved_rate: grid.self_resolved_rate,
    median_loop_hours: grid.median_loop_hours,
    workers: grid.workers,
  }, 'grid');
  // Each step of the funnel carries the median it was drawn from.
  const funnel = page.getByTestId('chart-grid-funnel');
  for (const [stage, hours] of [
    ['dispatched', grid.median_dispatch_hours],
    ['handled', grid.median_handle_hours],
    ['feedback', grid.median_feedback_hours],
    ['verified', grid.median_verify_hours],
  ] as const) {
    const shown = Number(await funnel.locator(`li[data-stage="${stage}"]`).getAttribute('data-hours'));
    expect(shown, stage).toBeCloseTo(hours!, 9);
  }
  await expect(page.getByTestId('table-grid-grids')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('table-grid-grids').locator('tbody tr')).toHaveCount(Math.min(100, distinct(events, 'grid_id')));
  // The overdue list holds exactly the events the headline counts.
  await expect(page.getByTestId('table-grid-overdue').locator('tbody tr')).toHaveCount(grid.overdue_open);
  // Worker names are personal data: masked on screen.
  const name = await page.getByTestId('table-grid-workers').locator('tbody tr').first().locator('th').innerText();
  expect(name).toMatch(/^\S\*+$/);

  await gotoInPage(page, '#/enterprise');
  await waitForReady(page);
  await expectChartsReady(page, ['chart-enterprise-volume', 'chart-enterprise-direct', 'chart-enterprise-policy', 'chart-enterprise-townships']);
  const ent = enterpriseFigures(requests);
  await expectFigures(page, { ...ent }, 'enterprise');
  await expect(page.getByTestId('table-enterprise-specialists').locator('tbody tr')).toHaveCount(Math.min(100, distinct(requests, 'specialist')));
});

test('a township click on #/grid narrows the other charts as the rows say, and leaves its own chart whole', async ({ samplePage: page }) => {
  const events = sampleGridEvents();
  const all = select(events, 'reported_at');
  const byTownship = Object.entries(countsOf(all, 'township')).sort((a, b) => b[1] - a[1]);
  const township = byTownship[1][0];
  await gotoInPage(page, '#/grid');
  await waitForReady(page);
  await expectChartsReady(page, ['chart-grid-townships', 'chart-grid-types']);
  const before = countsOf(all, 'event_type');
  await expect.poll(() => typeBars(page)).toEqual(before);

  const bars = page.getByTestId('chart-grid-townships').locator('[role="button"][data-key]');
  const bar = page.getByTestId('chart-grid-townships').locator(`[role="button"][data-key="${township}"]`);
  await bar.click();

  await expect(page).toHaveURL(new RegExp(`sel_township=${encodeURIComponent(township)}`));
  await expect(page.getByTestId('filter-chip')).toHaveAttribute('data-value', township);
  const townshipValues = column(events, 'township');
  const expected = gridFigures(events, { where: (i) => townshipValues[i] === township });
  await expectFigures(page, { total: expected.total, loop_closed_rate: expected.loop_closed_rate, on_time_rate: expected.on_time_rate, workers: expected.workers }, township);

  const wanted = countsOf(select(events, 'reported_at', { where: (i) => townshipValues[i] === township }), 'event_type');
  await expect.poll(() => typeBars(page)).toEqual(wanted);
  expect(wanted).not.toEqual(before);
  // Its own chart is not narrowed by its own selection: every township still has its bar.
  await expect(bars).toHaveCount(byTownship.length);
  await expect(bar).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('filter-chip-remove').click();
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.length));
  await expect.poll(() => typeBars(page)).toEqual(before);
});
