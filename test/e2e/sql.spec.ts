// The SQL console opened from file://, as on a shared drive: results, error positions, the
// read-only guard, masking, CSV export and the history. The sample data takes ~20 s to load.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';

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

async function openConsole(page: Page): Promise<void> {
  await page.goto(siteUrl('file', '#/sql'));
  await waitForReady(page);
  await expect(page.getByTestId('sql-tables')).toHaveAttribute('data-state', 'ready');
}

test('a query returns its rows, and errors show where they are', async ({ page }) => {
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

test('without the opt-in a DELETE changes nothing', async ({ page }) => {
  await openConsole(page);
  await expect(page.getByTestId('sql-allow-writes')).not.toBeChecked();
  await runSql(page, 'SELECT count(*) AS n FROM tickets');
  const before = await firstCell(page);
  expect(Number(before)).toBeGreaterThan(0);

  await runSql(page, 'DELETE FROM tickets');
  await expect(page.getByTestId('sql-error')).toHaveCount(0);
  await expect(page.getByTestId('sql-rolled-back')).toBeVisible();

  await runSql(page, 'SELECT count(*) AS n FROM tickets');
  expect(await firstCell(page)).toBe(before);

  // With the opt-in ticked, the same kind of statement does change the table.
  await page.getByTestId('sql-allow-writes').check();
  await runSql(page, "DELETE FROM tickets WHERE township = '海永镇'");
  await page.getByTestId('sql-allow-writes').uncheck();
  await runSql(page, 'SELECT count(*) AS n FROM tickets');
  expect(Number(await firstCell(page))).toBeLessThan(Number(before));
});

test('a large result is virtualised and scrolls to its last row', async ({ page }) => {
  await openConsole(page);
  await runSql(page, 'SELECT i, i * 2 AS twice FROM range(200000) t(i)');
  const table = page.getByTestId('sql-result');
  await expect(table).toHaveAttribute('data-rows', '200000');
  // Only the rows in view (and a few either side) exist in the page.
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row').last().getByRole('cell').first()).toHaveText('199999');
});

test('personal data is masked, CSV export has a BOM, and history survives a reload', async ({ page }) => {
  await openConsole(page);
  // Most sample callers come already masked by the source system; pick full numbers.
  await runSql(
    page,
    "SELECT caller_name, caller_phone FROM tickets WHERE regexp_full_match(caller_phone, '1[0-9]{10}') AND caller_name IS NOT NULL ORDER BY ticket_id LIMIT 3",
  );
  const table = page.getByTestId('sql-result');
  await expect(table.getByRole('cell').nth(1)).toHaveText(/^\d{3}\*{4}\d{4}$/);
  await expect(table.getByRole('cell').first()).toHaveText(/^\S\*+$/);
  await page.getByTestId('sql-show-personal').check();
  await expect(table.getByRole('cell').nth(1)).toHaveText(/^\d{11}$/);
  await page.getByTestId('sql-show-personal').uncheck();

  const download = page.waitForEvent('download');
  await page.getByTestId('sql-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sql-result-\d{8}-\d{6}\.csv$/);
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
