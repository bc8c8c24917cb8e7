// Hostile files through #/data from file://: a zip-bomb XLSX, a sheet declaring A1:XFD1048576,
// a 100,000-column CSV and a cell of 5 MB each end within 10 s in a Chinese message that names
// the limit and the number found, and the tables loaded before are untouched.
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hugeDimensionXlsx, longCellCsv, wideCsv, zipBombXlsx } from '../support/hostile-files';
import { expect, expectNoProblems, gotoInPage, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

async function loadedRows(page: Page): Promise<string | null> {
  return page.getByTestId('dataset-row').first().getAttribute('data-rows');
}

test('hostile files are refused within 10 s with the limit and the number; the loaded tables stay', async ({ page, guard }) => {
  test.setTimeout(300_000);
  await page.goto(siteUrl('file', '#/data'));
  await waitForReady(page);
  await page.getByTestId('import-input').setInputFiles(resolve('test/fixtures/import/gbk-title.csv'));
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
  const rowsBefore = await loadedRows(page);
  expect(Number(rowsBefore)).toBeGreaterThan(0);

  const hostile: { name: string; buffer: Buffer; message: RegExp }[] = [
    { name: 'bomb.xlsx', buffer: Buffer.from(zipBombXlsx(6, 100)), message: /bomb\.xlsx：.*解压后.*601 MB.*512 MB/ },
    { name: 'dimension.xlsx', buffer: Buffer.from(hugeDimensionXlsx()), message: /dimension\.xlsx：.*A1:XFD1048576.*17,179,869,184.*50,000,000/ },
    { name: 'wide.csv', buffer: Buffer.from(wideCsv(100_000)), message: /wide\.csv：.*列数过多.*100,000.*1,000/ },
    { name: 'long-cell.csv', buffer: Buffer.from(longCellCsv(5)), message: /long-cell\.csv：.*第 3 行.*5,242,880.*1,000,000/ },
  ];
  // From disk, as a user picks them: Playwright then hands Chromium the path, not megabytes over CDP.
  const dir = mkdtempSync(join(tmpdir(), 'gw-hostile-'));
  try {
    for (const file of hostile) {
      const path = join(dir, file.name);
      writeFileSync(path, file.buffer);
      await page.getByTestId('import-input').setInputFiles(path);
      const started = Date.now();
      // The message names the file, so a previous file's refusal cannot pass for this one's.
      await expect(page.getByTestId('import-message'), file.name).toHaveText(file.message, { timeout: 10_000 });
      const ms = Date.now() - started;
      console.log(`${file.name}: refused in ${ms} ms`);
      expect(ms, `${file.name} refused within 10 s`).toBeLessThan(10_000);
      await expect(page.getByTestId('import-status'), file.name).toHaveAttribute('data-state', 'error');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
  expect(await loadedRows(page)).toBe(rowsBefore);
  // The overview over the same engine (by the navigation; a reload would only restore them again).
  await gotoInPage(page, '#/');
  await waitForReady(page);
  expect(await metricValue(page, 'total')).toBe(Number(rowsBefore));
  expectNoProblems(guard);
});
