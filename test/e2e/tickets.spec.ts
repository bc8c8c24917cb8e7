// #/tickets from file://: a click on a township bar and a brush on the volume chart change the
// other charts' figures exactly as direct SQL on the same sample rows says, and the address alone
// restores the view. The expected figures come from DuckDB in Node over the generator's tickets,
// with hand-written SQL that shares nothing with the page's query builders.
import type { Locator, Page } from '@playwright/test';
import { columnsToIPC } from '$lib/arrow';
import { NodeEngine } from '$lib/engine/node-engine';
import { TABLES } from '$lib/schema';
import { sql, type SqlFragment } from '$lib/sql';
import { sampleGenerator } from '../../sample-data/generator';
import { expect, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const PAGE = `#/tickets?from=${Q1.from}&to=${Q1.to}`;

let engine: NodeEngine;
test.beforeAll(async () => {
  engine = await NodeEngine.start();
  const types = Object.fromEntries(TABLES.tickets.columns.map((c) => [c.name, c.type]));
  await engine.insertArrow('tickets', columnsToIPC(sampleGenerator().tickets(), types), 'create');
});
test.afterAll(() => engine?.close());

async function rows(q: SqlFragment): Promise<Record<string, unknown>[]> {
  return (await engine.query(q)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

/** Tickets received on the days [from, to] in the given townships (all when none), per request type. */
async function expected(from: string, to: string, townships: string[] = [], channel: string | null = null) {
  let where = sql`received_at >= ${from}::TIMESTAMP AND received_at < ${to}::DATE + INTERVAL 1 DAY`;
  if (townships.length) where = sql`${where} AND township IN (${townships.map((t) => sql`${t}`)})`;
  if (channel) where = sql`${where} AND channel = ${channel}`;
  const byType = await rows(sql`SELECT request_type AS k, count(*)::INTEGER AS n FROM tickets WHERE ${where} GROUP BY 1`);
  const byTownship = await rows(sql`SELECT township AS k, count(*)::INTEGER AS n FROM tickets WHERE received_at >= ${from}::TIMESTAMP AND received_at < ${to}::DATE + INTERVAL 1 DAY GROUP BY 1`);
  const map = (rs: Record<string, unknown>[]) => Object.fromEntries(rs.map((r) => [r.k === null ? '' : String(r.k), Number(r.n)]));
  const types = map(byType);
  return { total: Object.values(types).reduce((s, n) => s + n, 0), types, townships: map(byTownship) };
}

/** The bars a toggle-bar chart shows, by key. */
async function bars(chart: Locator): Promise<Record<string, number>> {
  await expect(chart).toHaveAttribute('data-state', 'ready');
  const hits = chart.locator('rect[data-key]');
  await expect(hits.first()).toBeVisible();
  return Object.fromEntries(await hits.evaluateAll((els) => els.map((e) => [e.getAttribute('data-key'), Number(e.getAttribute('data-value'))])));
}

async function openTickets(page: Page, route: string) {
  await page.goto(siteUrl('file', route));
  await waitForReady(page);
  await expect(page.getByTestId('filter-bar')).toBeVisible();
}

test('a township click narrows the other charts to that township, as direct SQL counts, mouse and keyboard', async ({ page }) => {
  test.setTimeout(240_000);
  await openTickets(page, PAGE);
  const all = await expected(Q1.from, Q1.to);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.total));

  const township = page.getByTestId('chart-ticket-township');
  const requestType = page.getByTestId('chart-ticket-request-type');
  await township.locator('rect[data-key="常乐镇"]').click();
  await expect(page).toHaveURL(/sel_township=%E5%B8%B8%E4%B9%90%E9%95%87/);
  const one = await expected(Q1.from, Q1.to, ['常乐镇']);
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
  const two = await expected(Q1.from, Q1.to, ['常乐镇', '海门街道']);
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
  const wechat = await expected(Q1.from, Q1.to, [], '微信');
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
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String((await expected(Q1.from, Q1.to)).total));
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
  const brushed = await expected(from, to);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(brushed.total));
  await expect.poll(() => bars(page.getByTestId('chart-ticket-request-type'))).toEqual(brushed.types);
  // Those figures came from the index (every linked view but the volume chart), equal to direct SQL.
  await expect(linked).toHaveAttribute('data-source', 'index');
  expect(await bars(page.getByTestId('chart-ticket-township'))).toEqual(brushed.townships);
  // The brushed chart still shows the whole quarter: one bar per day.
  await expect(volume.locator('g[aria-label="rect"] rect')).toHaveCount(90);
  await expect(page.getByTestId('filter-chip').and(page.locator('[data-key="time"]'))).toHaveText(new RegExp(`${from} ~ ${to}`));
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);

  // A township on top of the brush, then the address alone (a reload) brings back the same view.
  await page.getByTestId('chart-ticket-township').locator('rect[data-key="悦来镇"]').click();
  const both = await expected(from, to, ['悦来镇']);
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
