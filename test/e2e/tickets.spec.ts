// #/tickets from file://: a click on a township bar and a brush on the volume chart change the
// other charts' figures exactly as the rows say, and the address alone restores the view. The
// expected figures are counted in plain TypeScript over the generator's tickets
// (test/support/reference-metrics.ts), sharing nothing with the page's query builders.
import type { Locator, Page } from '@playwright/test';
import { column, countBy, matching, select } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { barValues, expect, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const PAGE = `#/tickets?from=${Q1.from}&to=${Q1.to}`;

/** Tickets received on the days [from, to] in the given townships (all when none), per request type; and per township over the days alone. */
function expected(from: string, to: string, townships: string[] = [], channel: string | null = null) {
  const tickets = sampleTickets();
  const wanted: Record<string, string[]> = {};
  if (townships.length) wanted.township = townships;
  if (channel) wanted.channel = [channel];
  const rows = select(tickets, 'received_at', { from, to, where: matching(tickets, wanted) });
  const inDays = select(tickets, 'received_at', { from, to });
  const keyed = (name: string) => {
    const values = column(tickets, name);
    return (i: number) => (values[i] === null ? '' : String(values[i]));
  };
  const map = (counts: Map<string | null, number>) => Object.fromEntries([...counts].map(([k, n]) => [k ?? '', n]));
  return { total: rows.length, types: map(countBy(rows, keyed('request_type'))), townships: map(countBy(inDays, keyed('township'))) };
}

/** The bars a toggle-bar chart shows, by key. */
const bars = (chart: Locator) => barValues(chart);

async function openTickets(page: Page, route: string) {
  await page.goto(siteUrl('file', route));
  await waitForReady(page);
  await expect(page.getByTestId('filter-bar')).toBeVisible();
}

test('a township click narrows the other charts to that township, as the rows count, mouse and keyboard', async ({ page }) => {
  test.setTimeout(240_000);
  await openTickets(page, PAGE);
  const all = expected(Q1.from, Q1.to);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.total));

  const township = page.getByTestId('chart-ticket-township');
  const requestType = page.getByTestId('chart-ticket-request-type');
  await township.locator('rect[data-key="常乐镇"]').click();
  await expect(page).toHaveURL(/sel_township=%E5%B8%B8%E4%B9%90%E9%95%87/);
  const one = expected(Q1.from, Q1.to, ['常乐镇']);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(one.total));
  await expect(requestType).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => bars(requestType)).toEqual(one.types);
  // The township chart is not narrowed by its own selection: every township, 常乐镇 pressed.
  expect(await bars(township)).toEqual(all.townships);
  await expect(township.locator('rect[data-key="常乐镇"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('filter-chip')).toHaveCount(1);

  // Keyboard: Space on a focused bar adds a second township.
  await township.locator('rect[data-key="海门街道"]').focus();
  await page.keyboard.press('Space');
  const two = expected(Q1.from, Q1.to, ['常乐镇', '海门街道']);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(two.total));
  await expect.poll(() => bars(requestType)).toEqual(two.types);

  // Removing the chips restores the whole period's figures.
  await page.getByTestId('filter-chip-remove').first().click();
  await page.getByTestId('filter-chip-remove').first().click();
  await expect(page.getByTestId('filter-chip')).toHaveCount(0);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.total));

  // The filter bar: a channel ticked in its list narrows every chart and goes into the address.
  const channel = page.getByTestId('filter-channel');
  await channel.locator('summary').click();
  await channel.getByRole('checkbox', { name: /微信/ }).check();
  await expect(page).toHaveURL(/channel=%E5%BE%AE%E4%BF%A1/);
  const wechat = expected(Q1.from, Q1.to, [], '微信');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(wechat.total));
  await expect.poll(() => bars(requestType)).toEqual(wechat.types);

  // A named view keeps that address; opening it after clearing the filters brings it back.
  const views = page.getByTestId('filter-views');
  await views.locator('summary').click();
  await views.getByTestId('view-name').fill('一季度微信');
  await views.getByTestId('view-save').click();
  await expect(views.getByTestId('saved-view')).toHaveCount(1);
  await page.getByTestId('filter-reset').click();
  await expect(page.getByTestId('filter-period')).toHaveValue('all');
  await views.locator('summary').click();
  await views.getByRole('button', { name: /一季度微信/ }).first().click();
  await expect(page).toHaveURL(/from=2025-01-01&to=2025-03-31&channel=%E5%BE%AE%E4%BF%A1/);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(wechat.total));
});

test('a brush sets the headline to the brushed days’ tickets without filling the history, and the address restores the view', async ({ page }) => {
  test.setTimeout(240_000);
  await openTickets(page, PAGE);
  const volume = page.getByTestId('chart-ticket-volume');
  await expect(volume).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String((expected(Q1.from, Q1.to)).total));
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
  const brushed = expected(from, to);
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
  const both = expected(from, to, ['悦来镇']);
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
