// The record table under a dashboard, opened from file://: its count and rows are those of the
// generated sample (counted and sorted here in plain TypeScript, not by the page's queries),
// scrolling fetches later rows, search and sort work, and the detail panel shows a record with the
// caller's phone masked until the user shows personal data (and masked again after a reload).
import type { Locator, Page } from '@playwright/test';
import { column, matching, select } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, gotoInPage, test, waitForReady } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

// The tickets dashboard embeds <RecordTable table="tickets"> under its charts; its filters come from the address.
const ROUTE = '#/tickets';
const FILTER = 'from=2024-03-01&to=2024-03-31&township=海门街道';
const ROW_PX = 32;

/** The filtered tickets in the table's default order: latest received first, then by id. */
function expectedRecords() {
  const tickets = sampleTickets();
  const ids = column<string>(tickets, 'ticket_id');
  const received = column<number | null>(tickets, 'received_at');
  const phones = column<string | null>(tickets, 'caller_phone');
  const rows = select(tickets, 'received_at', { from: '2024-03-01', to: '2024-03-31', where: matching(tickets, { township: '海门街道' }) });
  const byTime = [...rows].sort((a, b) => (received[b] ?? -Infinity) - (received[a] ?? -Infinity) || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const sortedIds = rows.map((i) => ids[i]).sort();
  // Most sample numbers arrive pre-masked, as real exports do: the smallest id with a whole mobile number.
  const fullPhone = rows.filter((i) => /^1\d{10}$/.test(phones[i] ?? '')).map((i) => ids[i]).sort()[0];
  return { count: rows.length, first: ids[byTime[0]], at350: ids[byTime[350]], smallest: sortedIds[0], fullPhone };
}

async function openRecords(page: Page): Promise<Locator> {
  await waitForReady(page);
  const table = page.getByTestId('record-table');
  await expect(table).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  return table;
}

test('records: count, scrolling, search, sort and the masked detail panel', async ({ samplePage: page }) => {
  test.setTimeout(300_000);
  await gotoInPage(page, `${ROUTE}?${FILTER}`);
  let table = await openRecords(page);
  const rows = () => page.getByTestId('record-table').getByTestId('record-row');
  const shown = Number(await table.getAttribute('data-count'));
  const shownFirst = await rows().first().getAttribute('data-id');
  // Only a window of rows is in the page, never all of them.
  expect(await rows().count()).toBeLessThan(60);
  // Scrolling far down fetches the rows there.
  await expect(table.locator('[data-testid="record-row"][data-index="350"]')).toHaveCount(0);
  await table.getByRole('table').evaluate((el, px) => (el.scrollTop = px), 350 * ROW_PX);
  const row350 = table.locator('[data-testid="record-row"][data-index="350"]');
  await expect(row350).toHaveCount(1);
  const shownLater = await row350.getAttribute('data-id');
  // Sorting by the id: ascending first, shown as aria-sort, back at the top.
  await table.getByTestId('record-sort-ticket_id').click();
  await expect(table.getByRole('columnheader', { name: /工单编号/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('columnheader', { name: /受理时间/ })).toHaveAttribute('aria-sort', 'none');
  await expect(rows().first()).toHaveAttribute('data-index', '0');
  const shownSmallest = await rows().first().getAttribute('data-id');
  await expect(table.getByTestId('record-count')).toContainText(shown.toLocaleString('zh-CN'));

  const want = expectedRecords();
  expect(want.count).toBeGreaterThan(400);
  expect(shown).toBe(want.count);
  expect(shownFirst).toBe(want.first);
  expect(shownLater).toBe(want.at350);
  expect(shownSmallest).toBe(want.smallest);
  const fullPhoneId = want.fullPhone;
  expect(fullPhoneId).toMatch(/\S/);

  await rows().first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows().nth(1)).toBeFocused();

  // Search narrows to one ticket; % and _ are taken literally.
  await table.getByTestId('record-search').fill('100%_');
  await expect(table).toHaveAttribute('data-count', '0');
  await expect(table.getByTestId('record-empty')).toBeVisible();
  await table.getByTestId('record-search').fill(fullPhoneId);
  await expect(table).toHaveAttribute('data-count', '1');
  await expect(rows()).toHaveCount(1);
  // The phone is masked in the list.
  await expect(rows().first()).toContainText(/1\d\d\*{4}\d{4}/);

  // Detail: a click opens it, focus moves in, every field is labelled, Esc gives focus back.
  await rows().first().click();
  const detail = page.getByTestId('record-detail');
  await expect(detail).toHaveAttribute('data-id', fullPhoneId);
  await expect(detail).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('record-detail-close')).toBeFocused();
  const phone = detail.locator('[data-field="caller_phone"] dd');
  await expect(phone).toHaveText(/^1\d\d\*{4}\d{4}$/);
  await expect(detail.locator('[data-field="received_at"] dd')).toHaveText(/^2024-03-\d\d \d\d:\d\d:\d\d$/);
  await expect(detail.locator('[data-field="ticket_id"] dt')).toHaveText('工单编号');
  await expect(detail.locator('dt')).toHaveCount(28);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(rows().first()).toBeFocused();
  // Enter opens it too.
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute('data-id', fullPhoneId);
  await page.keyboard.press('Escape');

  // Shown on request; hidden again after a reload.
  await table.getByTestId('record-show-personal').check();
  await expect(rows().first()).toContainText(/1\d{10}/);
  await rows().first().click();
  await expect(phone).toHaveText(/^1\d{10}$/);
  await page.getByTestId('record-detail-close').click();
  await page.reload();
  table = await openRecords(page);
  await expect(table.getByTestId('record-show-personal')).not.toBeChecked();
});

/** Scroll the list to `fraction` of its length; resolves with the index and id of the first row then shown. */
async function jumpTo(table: Locator, fraction: number): Promise<{ index: number; id: string }> {
  const count = Number(await table.getAttribute('data-count'));
  const target = Math.floor(fraction * count);
  await table.getByRole('table').evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), fraction);
  const first = table.getByTestId('record-row').first();
  await expect.poll(async () => Math.abs(Number(await first.getAttribute('data-index')) - target) < 200, { timeout: 60_000 }).toBe(true);
  await expect(table.getByTestId('record-row-pending')).toHaveCount(0);
  return { index: Number(await first.getAttribute('data-index')), id: (await first.getAttribute('data-id'))! };
}

test('records deep in a long list: the first jump of an order reads LIMIT/OFFSET, later ones its ordered copy, and both show the rows SQL puts there', async ({ samplePage: page }) => {
  test.setTimeout(300_000);
  // Every sample ticket: far more than a list that is windowed by LIMIT/OFFSET alone.
  await gotoInPage(page, ROUTE);
  const table = await openRecords(page);
  await expect(table).toHaveAttribute('data-count', /^\d{6,}$/);
  await expect(table).toHaveAttribute('data-copy', 'none');

  const first = await jumpTo(table, 0.6);
  await expect(table).toHaveAttribute('data-copy', 'ready', { timeout: 120_000 });
  const fromCopy = await jumpTo(table, 0.3);
  const fromCopyLater = await jumpTo(table, 0.95);

  // Another order: its top at once, the previous copy gone; then the same again by township.
  await table.getByTestId('record-sort-township').click();
  await expect(table.getByTestId('record-row').first()).toHaveAttribute('data-index', '0');
  await expect(table).toHaveAttribute('data-copy', 'none');
  const byTownshipFirst = await jumpTo(table, 0.7);
  await expect(table).toHaveAttribute('data-copy', 'ready', { timeout: 120_000 });
  const byTownship = await jumpTo(table, 0.45);

  // The rows SQL's ORDER BY puts there, sorted here in TypeScript over the generated sample.
  const tickets = sampleTickets();
  const ids = column<string>(tickets, 'ticket_id');
  const received = column<number | null>(tickets, 'received_at');
  const townships = column<string | null>(tickets, 'township');
  const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
  const all = Array.from({ length: ids.length }, (_, i) => i);
  const latestFirst = [...all].sort((a, b) => (received[b] ?? -Infinity) - (received[a] ?? -Infinity) || byId(a, b));
  const byTownshipOrder = [...all].sort((a, b) => {
    const x = townships[a];
    const y = townships[b];
    if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    return byId(a, b);
  });
  for (const shown of [first, fromCopy, fromCopyLater]) expect(ids[latestFirst[shown.index]]).toBe(shown.id);
  for (const shown of [byTownshipFirst, byTownship]) expect(ids[byTownshipOrder[shown.index]]).toBe(shown.id);
});
