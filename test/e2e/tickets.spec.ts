// #/tickets from file://: a brush on the volume chart changes the other charts' figures exactly as
// the rows say, and the address alone restores the view. The expected figures are counted in
// plain TypeScript over the generator's tickets (test/support/reference-metrics.ts), sharing
// nothing with the page's query builders. (The township click, the keyboard, the filter bar and
// saved views are walked in tickets-flows.spec.ts, on its page load.)
import type { Locator, Page } from '@playwright/test';
import { barValues, expect, metricValue, test, waitForReady, gotoInPage } from './support/fixtures';
import { expectedCounts } from './support/ticket-counts';
import { sampleTickets } from '../support/sample';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const PAGE = `#/tickets?from=${Q1.from}&to=${Q1.to}`;

/** The bars a toggle-bar chart shows, by key. */
const bars = (chart: Locator) => barValues(chart);

async function openTickets(page: Page, route: string) {
  await gotoInPage(page, route);
  await waitForReady(page);
  await expect(page.getByTestId('filter-bar')).toBeVisible();
}

test('a brush sets the headline to the brushed days’ tickets without filling the history, and the address restores the view', async ({ samplePage: page }) => {
  test.setTimeout(240_000);
  await openTickets(page, PAGE);
  const volume = page.getByTestId('chart-ticket-volume');
  await expect(volume).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String((expectedCounts(Q1.from, Q1.to)).total));
  const historyBefore = await page.evaluate(() => history.length);
  // The brush index is built in the background once the figures are shown; brushing then reads it.
  const linked = page.getByTestId('ticket-linked');
  await expect(linked).toHaveAttribute('data-index', 'ready', { timeout: 60_000 });

  const overlay = volume.locator('.brush .overlay');
  const box = (await overlay.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 12 });
  await page.mouse.up();

  await expect(page).toHaveURL(/sel_time=/);
  const selTime = new URLSearchParams(page.url().split('?')[1]).get('sel_time')!;
  const [from, to] = selTime.split('~');
  expect(from >= Q1.from && to <= Q1.to && from < to, selTime).toBe(true);
  const brushed = expectedCounts(from, to);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(brushed.total));
  await expect.poll(() => bars(page.getByTestId('chart-ticket-request-type'))).toEqual(brushed.types);
  // Those figures came from the index (every linked view but the volume chart), equal to the rows' counts.
  await expect(linked).toHaveAttribute('data-source', 'index');
  expect(await bars(page.getByTestId('chart-ticket-township'))).toEqual(brushed.townships);
  // The brushed chart still shows the whole quarter: one bar per day.
  await expect(volume.locator('g[aria-label="rect"] rect')).toHaveCount(90);
  await expect(page.getByTestId('filter-chip').and(page.locator('[data-key="time"]'))).toHaveText(new RegExp(`${from} ~ ${to}`));
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);

  // A township on top of the brush, then the address alone (a reload) brings back the same view.
  await page.getByTestId('chart-ticket-township').locator('rect[data-key="悦来镇"]').click();
  const both = expectedCounts(from, to, ['悦来镇']);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(both.total));
  // A clicked bar is beyond the index: the other views are re-asked from the exact queries, while
  // the township chart (not narrowed by its own click) keeps its figures from the index.
  await expect(linked).toHaveAttribute('data-source', 'mixed');
  const address = page.url();
  const satisfaction = await metricValue(page, 'satisfaction_rate');

  await page.reload();
  await waitForReady(page);
  expect(decodeURIComponent(page.url())).toBe(decodeURIComponent(address));
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(both.total));
  expect(await metricValue(page, 'satisfaction_rate')).toBe(satisfaction);
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  await expect(page.getByTestId('filter-period')).toHaveValue('2025Q1');
  await expect(page.getByTestId('chart-ticket-township').locator('rect[data-key="悦来镇"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => bars(page.getByTestId('chart-ticket-request-type'))).toEqual(both.types);
  await expect(volume.locator('.brush .selection')).toBeVisible();
});
