// The first import of a sample session lets the sample go (its bytes and its attached database),
// and going back to the sample in the same page loads it again, whole: from file://. Clear-all
// also empties what the page holds of the erased store: the briefing basket and the 口径.
import { resolve } from 'node:path';
import { sampleTickets } from '../support/sample';
import { expect, gotoInPage, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

test('after an import the sample is let go; clear-all brings it back with its own figures', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(siteUrl('file', '#/data?bench=1'));
  await waitForReady(page);
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
  const attached = async () =>
    ((await page.evaluate(() => globalThis.__workbenchBench!.queryRows("SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name = 'sample'", []))) as { n: number }[])[0].n;
  expect(await attached()).toBe(1);

  await page.getByTestId('import-input').setInputFiles(resolve('test/fixtures/import', 'gbk-title.csv'));
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
  // The sample's database is detached once the import is saved.
  await expect.poll(attached, { timeout: 10_000 }).toBe(0);

  // Something in the basket and a changed 口径: clear-all takes them from the page too, not only
  // from IndexedDB.
  await gotoInPage(page, '#/');
  const menu = page.getByTestId('export-menu').first();
  await menu.locator('button.toggle').click();
  await menu.getByTestId('add-to-briefing').click();
  await expect(menu.getByTestId('export-message')).toContainText('1');
  await gotoInPage(page, '#/definitions');
  await page.getByTestId('setting-basic-satisfied').uncheck();
  await expect(page.getByTestId('settings-panel').getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await gotoInPage(page, '#/data');

  page.on('dialog', (d) => void d.accept());
  await page.getByTestId('clear-all').click();
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample', { timeout: 90_000 });
  expect(await attached()).toBe(1);
  await gotoInPage(page, '#/');
  expect(await metricValue(page, 'total')).toBe(sampleTickets().length);
  await gotoInPage(page, '#/briefing');
  await expect(page.getByTestId('briefing-empty')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'none');
  await gotoInPage(page, '#/definitions');
  await expect(page.getByTestId('setting-basic-satisfied')).toBeChecked();
  await expect(page.getByTestId('settings-panel').getByTestId('save-state')).toHaveAttribute('data-state', 'none');
});
