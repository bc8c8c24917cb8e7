// The definitions page (口径) opened from file://: a metric's exact SQL, a setting changed there
// changes and marks the overview's figure, survives a reload, and travels as an exported file.
import { readFile } from 'node:fs/promises';
import { expect, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

test('switching 基本满意 off lowers and marks the satisfaction rate, and persists', async ({ page }) => {
  // The sample loads twice here (first visit and reload), ~20 s each on this machine.
  test.setTimeout(240_000);
  await page.goto(siteUrl('file', '#/'));
  await waitForReady(page);
  const before = await metricValue(page, 'satisfaction_rate');
  expect(before).not.toBeNull();
  const card = page.getByTestId('metric-satisfaction_rate');
  await expect(card.getByTestId('nondefault-marker')).toHaveCount(0);

  // The figure's own link leads to its definition, opened with its SQL showing.
  await card.getByTestId('definition-link').click();
  await expect(page).toHaveURL(/#\/definitions\?metric=tickets\.satisfaction_rate$/);
  const entry = page.getByTestId('definition-tickets-satisfaction_rate');
  await expect(entry).toBeInViewport();
  const sqlText = entry.getByTestId('definition-sql');
  await expect(sqlText).toContainText('AS "satisfaction_rate"');
  await expect(sqlText).toContainText("'基本满意'");
  const defaultSql = await sqlText.textContent();

  await page.getByTestId('setting-basic-satisfied').uncheck();
  await expect(entry.getByTestId('nondefault-marker')).toBeVisible();
  await expect(sqlText).not.toHaveText(defaultSql ?? '');
  await expect(page.getByTestId('settings-summary')).toHaveAttribute('data-nondefault', 'basicSatisfiedCounts');
  await expect(page.getByTestId('settings-panel').getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // A metric the setting does not touch stays unmarked.
  await expect(page.getByTestId('definition-tickets-total').getByTestId('nondefault-marker')).toHaveCount(0);

  await page.getByRole('link', { name: '概览' }).click();
  await expect.poll(() => metricValue(page, 'satisfaction_rate')).toBeLessThan(before!);
  const after = await metricValue(page, 'satisfaction_rate');
  await expect(card.getByTestId('nondefault-marker')).toBeVisible();
  await expect(card).toHaveAttribute('data-settings', 'non-default');
  await expect(page.getByTestId('metric-total').getByTestId('nondefault-marker')).toHaveCount(0);

  // The figure shows the query that produced it, under the changed rule.
  await card.getByTestId('sql-toggle').click();
  const popover = card.getByTestId('sql-popover');
  await expect(popover).toBeVisible();
  await expect(popover.getByTestId('sql-text')).toContainText('AS "satisfaction_rate"');
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();

  await page.reload();
  await waitForReady(page);
  expect(await metricValue(page, 'satisfaction_rate')).toBe(after);
  await expect(card.getByTestId('nondefault-marker')).toBeVisible();
});

test('settings export and import round-trip through the page; other files are refused', async ({ page }) => {
  // The definitions page needs no data, so this does not wait for the sample.
  await page.goto(siteUrl('file', '#/definitions'));
  const panel = page.getByTestId('settings-panel');
  await expect(panel).toHaveAttribute('data-loaded', 'true');
  await page.getByTestId('setting-basic-satisfied').uncheck();
  await page.getByTestId('setting-min-rated').fill('12');
  await page.getByTestId('setting-min-rated').press('Enter');
  const summary = page.getByTestId('settings-summary');
  await expect(summary).toHaveAttribute('data-nondefault', 'basicSatisfiedCounts minRatedForRanking');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^gov-workbench-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8'));
  expect(file).toMatchObject({ app: 'gov-workbench', kind: 'settings', version: 1 });
  expect(file.settings).toMatchObject({ basicSatisfiedCounts: false, minRatedForRanking: 12 });

  await page.getByTestId('settings-reset').click();
  await expect(summary).toHaveAttribute('data-nondefault', '');
  await expect(page.getByTestId('setting-basic-satisfied')).toBeChecked();

  await page.getByTestId('settings-import-input').setInputFiles(path);
  const status = page.getByTestId('settings-import-status');
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(summary).toHaveAttribute('data-nondefault', 'basicSatisfiedCounts minRatedForRanking');
  await expect(page.getByTestId('setting-basic-satisfied')).not.toBeChecked();
  await expect(page.getByTestId('setting-min-rated')).toHaveValue('12');

  // A data file picked by mistake is refused, with a reason, and changes nothing.
  await page.getByTestId('settings-import-input').setInputFiles({
    name: 'tickets.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('工单编号,受理时间\nT1,2024-03-01 09:00\n'),
  });
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('tickets.csv');
  await expect(status).toContainText('不是');
  await expect(summary).toHaveAttribute('data-nondefault', 'basicSatisfiedCounts minRatedForRanking');

  await page.getByTestId('settings-import-input').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ app: 'something-else', settings: {} })),
  });
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('不是本工作台导出的口径设置文件');
});

test('a change the browser cannot store is said beside the settings, and the stored ones stay as they were', async ({ page }) => {
  await page.goto(siteUrl('file', '#/definitions'));
  const panel = page.getByTestId('settings-panel');
  await expect(panel).toHaveAttribute('data-loaded', 'true');
  const saveState = panel.getByTestId('save-state');
  await expect(saveState).toHaveAttribute('data-state', 'none');
  const basicSatisfied = page.getByTestId('setting-basic-satisfied');
  await basicSatisfied.uncheck();
  await expect(saveState).toHaveAttribute('data-state', 'saved');

  // The disk fills: every IndexedDB write of this page fails as Chromium fails it.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await basicSatisfied.check();
  await expect(saveState).toHaveAttribute('data-state', 'failed');
  await expect(saveState).toContainText('本机存储空间已满，无法保存');
  await expect(saveState).toHaveAttribute('title', /QuotaExceededError/);
  // The change still applies to this visit's figures.
  await expect(page.getByTestId('settings-summary')).toHaveAttribute('data-nondefault', '');

  // A reload (writes work again) finds the last change that was stored.
  await page.reload();
  await expect(panel).toHaveAttribute('data-loaded', 'true');
  await expect(basicSatisfied).not.toBeChecked();
  await expect(page.getByTestId('settings-summary')).toHaveAttribute('data-nondefault', 'basicSatisfiedCounts');
  await expect(saveState).toHaveAttribute('data-state', 'none');
});
