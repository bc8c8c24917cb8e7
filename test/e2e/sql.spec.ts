// The SQL console opened from file://, as on a shared drive: results, error positions, the
// read-only guard, masking, CSV export and the history. One page for the file: the sample loads
// once, and each test opens a fresh console on it (leaving the route and coming back mounts a new
// console, with its defaults, over the same engine), as a user clicking between pages does.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { column } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, expectNoProblems, gotoInPage, sharedPage, siteUrl, test, waitForReady, type Guard } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let guard: Guard;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  ({ context, page, guard } = await sharedPage(browser));
  await page.goto(siteUrl('file', '#/sql'));
  await waitForReady(page);
});

test.afterEach(() => expectNoProblems(guard));

test.afterAll(async () => {
  await context?.close();
});

/** Type a statement, run it with the button, and wait until that run has finished. */
async function runSql(page: Page, sql: string): Promise<void> {
  const card = page.getByTestId('sql-result-card');
  const before = Number(await card.getAttribute('data-runs'));
  await page.getByTestId('sql-editor').fill(sql);
  await page.getByTestId('sql-run').click();
  await expect(card).toHaveAttribute('data-runs', String(before + 1));
}

/** Text of the first cell of the first result row. */
async function firstCell(page: Page): Promise<string> {
  return (await page.getByTestId('sql-result').getByRole('cell').first().textContent())?.trim() ?? '';
}

/** A freshly mounted console (no runs yet, every toggle at its default) over the loaded engine. */
async function openConsole(page: Page): Promise<void> {
  await gotoInPage(page, '#/definitions');
  await expect(page.getByTestId('sql-result-card')).toHaveCount(0);
  await gotoInPage(page, '#/sql');
  await expect(page.getByTestId('sql-result-card')).toHaveAttribute('data-runs', '0');
  await expect(page.getByTestId('sql-tables')).toHaveAttribute('data-state', 'ready');
}

test('a query returns its rows, and errors show where they are', async () => {
  await openConsole(page);
  await expect(page.getByTestId('sql-tables')).toContainText('tickets');
  await expect(page.getByTestId('sql-tables')).toContainText('caller_phone');

  await runSql(page, 'SELECT township, count(*) AS n FROM tickets GROUP BY 1 ORDER BY 1');
  await expect(page.getByTestId('sql-row-count')).toHaveAttribute('data-value', '12');
  await expect(page.getByTestId('sql-result')).toHaveAttribute('data-rows', '12');
  await expect(page.getByTestId('sql-row-count')).toContainText('12 行');
  await expect(page.getByTestId('sql-row-count')).toContainText(/\d+(\.\d+)? m?s/);
  await expect(page.getByTestId('sql-chart-frame')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('sql-chart-frame').locator('svg').first()).toBeVisible();

  // DuckDB reads FORM as an alias and stumbles on the next word: line 1, column 15.
  await runSql(page, 'SELECT * FORM tickets');
  const error = page.getByTestId('sql-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-kind', 'Parser Error');
  await expect(error).toHaveAttribute('data-line', '1');
  await expect(error).toHaveAttribute('data-column', '15');
  await expect(page.getByTestId('sql-error-position')).toHaveText('第 1 行第 15 列');
  await expect(error.locator('mark')).toHaveText('tickets');
  await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-error-start', '14');

  await runSql(page, 'SELECT 1;\nSELECT 2');
  await expect(page.getByTestId('sql-error-message')).toHaveText(/一次只能运行一条语句/);
});

test('the workbench’s tables change only through an import; read-only statements roll back, opted-in writes reach the user’s own tables', async () => {
  await openConsole(page);
  await expect(page.getByTestId('sql-allow-writes')).not.toBeChecked();
  await runSql(page, 'SELECT count(*) AS n FROM tickets');
  const before = await firstCell(page);
  expect(Number(before)).toBeGreaterThan(0);

  await runSql(page, 'DELETE FROM tickets');
  await expect(page.getByTestId('sql-error-message')).toContainText('只能通过导入修改');

  // A statement on a table of one's own runs, and is rolled back.
  await runSql(page, "CREATE TABLE mine AS SELECT * FROM tickets WHERE township = '海永镇'");
  await expect(page.getByTestId('sql-rolled-back')).toBeVisible();
  await runSql(page, 'SELECT count(*) AS n FROM mine');
  await expect(page.getByTestId('sql-error-message')).toContainText('mine');

  // With the opt-in: still not the workbench's tables (nor ALTER, which once broke the next
  // restore), but a copy can be made and changed.
  await page.getByTestId('sql-allow-writes').check();
  for (const statement of ["DELETE FROM tickets WHERE township = '海永镇'", 'ALTER TABLE tickets ADD COLUMN x INTEGER', 'DROP TABLE grid_events']) {
    await runSql(page, statement);
    await expect(page.getByTestId('sql-error-message'), statement).toContainText('只能通过导入修改');
  }
  await runSql(page, "CREATE TABLE mine AS SELECT * FROM tickets WHERE township = '海永镇'");
  await runSql(page, 'SELECT count(*) AS n FROM mine');
  expect(Number(await firstCell(page))).toBeGreaterThan(0);
  await runSql(page, 'DELETE FROM mine');
  await runSql(page, 'SELECT count(*) AS n FROM mine');
  expect(await firstCell(page)).toBe('0');
  await page.getByTestId('sql-allow-writes').uncheck();
  await runSql(page, 'SELECT count(*) AS n FROM tickets');
  expect(await firstCell(page)).toBe(before);
});

test('the engine cannot be unlocked or sent to the network from the console', async () => {
  await openConsole(page);
  await runSql(page, 'SET autoload_known_extensions = true');
  await expect(page.getByTestId('sql-error-message')).toContainText('SET');
  await page.getByTestId('sql-show-personal').check();
  // Unmasked, the statement reaches DuckDB, whose locked configuration refuses it before any
  // request (the fixture fails the test on any request to another host).
  await runSql(page, "SELECT * FROM read_csv('https://example.invalid/x.csv')");
  await expect(page.getByTestId('sql-error-message')).toContainText(/Permission|disabled/);
});

test('a large result is cut at 200,000 rows, virtualised, and scrolls to its last row; a long statement stops on request', async () => {
  await openConsole(page);
  await runSql(page, 'SELECT i, i * 2 AS twice FROM range(250000) t(i)');
  const table = page.getByTestId('sql-result');
  await expect(table).toHaveAttribute('data-rows', '200000');
  await expect(page.getByTestId('sql-truncated')).toContainText('200,000');
  // Only the rows in view (and a few either side) exist in the page.
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row').last().getByRole('cell').first()).toHaveText('199999');

  const card = page.getByTestId('sql-result-card');
  const runs = Number(await card.getAttribute('data-runs'));
  await page.getByTestId('sql-editor').fill('SELECT count(*) FROM range(100000000000) a(i) WHERE i % 7 = 3');
  await page.getByTestId('sql-run').click();
  await expect(card).toHaveAttribute('data-state', 'running');
  await page.getByTestId('sql-cancel').click();
  await expect(page.getByTestId('sql-cancelled')).toBeVisible({ timeout: 10_000 });
  await expect(card).toHaveAttribute('data-runs', String(runs + 1));
  await runSql(page, 'SELECT 42 AS n');
  expect(await firstCell(page)).toBe('42');
});

test('personal data is masked, CSV export has a BOM, and history survives a reload', async () => {
  // Three tickets whose callers have a name and a whole mobile number (most sample numbers arrive
  // pre-masked, as real exports do), found in the generated rows, not through the console.
  const tickets = sampleTickets();
  const ids = column<string>(tickets, 'ticket_id');
  const names = column<string | null>(tickets, 'caller_name');
  const phones = column<string | null>(tickets, 'caller_phone');
  const chosen = ids
    .map((id, i) => ({ id, name: names[i], phone: phones[i] }))
    .filter((t) => t.name && /^1\d{10}$/.test(t.phone ?? ''))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .slice(0, 3);
  expect(chosen).toHaveLength(3);
  const list = chosen.map((t) => `'${t.id}'`).join(', ');

  await openConsole(page);
  await runSql(page, `SELECT caller_name, caller_phone FROM tickets WHERE ticket_id IN (${list}) ORDER BY ticket_id`);
  const table = page.getByTestId('sql-result');
  await expect(table.getByRole('cell').nth(1)).toHaveText(/^\d{3}\*{4}\d{4}$/);
  await expect(table.getByRole('cell').first()).toHaveText(/^\S\*+$/);
  // Masked in the engine: no alias, function or aggregate brings the value back.
  await runSql(page, `SELECT caller_name AS n, upper(caller_phone) AS p, string_agg(caller_phone, '|') OVER () AS s FROM tickets WHERE ticket_id IN (${list}) ORDER BY ticket_id`);
  await expect(table.getByRole('cell').nth(0)).toHaveText(/^\S\*+$/);
  await expect(table.getByRole('cell').nth(1)).toHaveText(/^\d{3}\*{4}\d{4}$/);
  await expect(table.getByRole('cell').nth(2)).not.toContainText(chosen[0].phone!);
  await runSql(page, 'SELECT caller_name FROM main.tickets LIMIT 1');
  await expect(page.getByTestId('sql-error-message')).toContainText('main.');

  await runSql(page, `SELECT caller_name, caller_phone FROM tickets WHERE ticket_id IN (${list}) ORDER BY ticket_id`);
  // Showing personal data runs the statement again on the raw tables.
  await page.getByTestId('sql-show-personal').check();
  await expect(table.getByRole('cell').nth(1)).toHaveText(chosen[0].phone!);
  await expect(table.getByRole('cell').first()).toHaveText(chosen[0].name!);
  await page.getByTestId('sql-show-personal').uncheck();

  const download = page.waitForEvent('download');
  await page.getByTestId('sql-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sql-result-\d{8}-\d{4}\.csv$/);
  const bytes = await readFile((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('caller_name,caller_phone');
  expect(text.split('\r\n')[1]).toMatch(/^\S\*+,\d{3}\*{4}\d{4}$/);

  await expect(page.getByTestId('sql-history-entry').first()).toContainText('SELECT caller_name');
  await page.reload();
  // History lives in IndexedDB and does not wait for the engine.
  await expect(page.getByTestId('sql-history-entry').first()).toContainText('SELECT caller_name');
  await page.getByTestId('sql-history-entry').first().click();
  await expect(page.getByTestId('sql-editor')).toHaveValue(/SELECT caller_name/);
});
