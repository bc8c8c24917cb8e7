// The engine path on the data page (file://): CSVs read by DuckDB and validated in SQL give the
// worker path's figures, a CSV DuckDB reads differently still imports through the worker, and a
// cancel during the engine's work leaves nothing behind and frees the engine at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';
import { gb18030, messyTickets } from '../unit/import/messy';

const fixture = (name: string) => resolve('test/fixtures/import', name);

test('CSV imports take the engine path with the same figures, fall back when DuckDB reads differently, and cancel cleanly', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'gw-engine-import-'));
  try {
    // Parts of 1 MiB: the GB18030 file below is read by DuckDB in several while it is transcoded.
    await page.goto(siteUrl('file', '#/data?import-engine-min=0&import-part-bytes=1048576&bench=1'));
    await waitForReady(page);
    const status = page.getByTestId('import-status');
    const enginePaths = () => page.evaluate(() => performance.getEntriesByName('workbench:import-engine-path').length);

    // The GBK export with a title row and a multi-line cell: transcoded and read by DuckDB.
    await page.getByTestId('import-input').setInputFiles(fixture('gbk-title.csv'));
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(status).toHaveAttribute('data-rows-read', '3');
    await expect(status).toHaveAttribute('data-rows-rejected', '0');
    expect(await enginePaths()).toBe(1);

    // Short and long rows: DuckDB's strict reader refuses them; the worker's parse gives today's answer.
    await page.getByTestId('import-input').setInputFiles(fixture('quirks.csv'));
    const card = page.locator('[data-testid="import-file"][data-file="quirks.csv"]');
    await expect(card).toHaveAttribute('data-state', /review|done/, { timeout: 90_000 });
    if ((await card.getAttribute('data-state')) === 'review') await page.getByTestId('import-confirm').click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    expect(await enginePaths()).toBe(1);

    // A messy 60,000-row file: same counts as the unit equivalence test holds the paths to; then
    // the same rows as GB18030, read part by part; then cancel one mid-way. (U+00A0 has no
    // two-byte GBK code: a plain space in both.)
    const messyText = messyTickets(60_000, { crlf: true, trailing: true, title: true, blanks: true }).replace(/\u00a0/g, ' ');
    const importMessy = async (name: string, bytes: string | Uint8Array) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      await page.getByTestId('import-input').setInputFiles(path);
      const card = page.locator(`[data-testid="import-file"][data-file="${name}"]`);
      await expect(card).toHaveAttribute('data-state', /review|done/, { timeout: 120_000 });
      if ((await card.getAttribute('data-state')) === 'review') await page.getByTestId('import-confirm').click();
      await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
      return { read: await status.getAttribute('data-rows-read'), rejected: await status.getAttribute('data-rows-rejected') };
    };
    const utf8Counts = await importMessy('messy.csv', messyText);
    expect(await enginePaths()).toBe(2);
    expect(Number(utf8Counts.read)).toBeGreaterThan(50_000);
    expect(await importMessy('messy-gbk.csv', gb18030(messyText))).toEqual(utf8Counts);
    expect(await enginePaths()).toBe(3);

    const messy2 = join(dir, 'messy-again.csv');
    writeFileSync(messy2, messyTickets(60_000, { crlf: true, trailing: true, title: true, blanks: true }));
    await page.getByTestId('import-input').setInputFiles(messy2);
    const again = page.locator('[data-testid="import-file"][data-file="messy-again.csv"]');
    await expect(again).toHaveAttribute('data-state', 'parsing');
    // Wait for the engine's part: the scan has reached the whole file, or the engine's checks have
    // begun (DuckDB reads beside the scan, so the checks may start before the bar shows 100). A
    // fixed 300 ms here was either a waste or, on a loaded machine, too short to reach it.
    const engineAtWork = async () => {
      const value = await again.getByTestId('import-progress').getAttribute('aria-valuenow', { timeout: 1_000 }).catch(() => null);
      const text = (await again.textContent()) ?? '';
      return value === '100' || /校验 \d+ \/ \d+/.test(text);
    };
    await expect.poll(engineAtWork, { timeout: 60_000, intervals: [50] }).toBe(true);
    const t0 = Date.now();
    // Each progress step rewrites the card's text and can move the button: Playwright's wait for
    // a box that stays put for two frames then outlasted the engine's part in one CI run, the import
    // ended first, and the click waited for a button that was gone until the test's time ran out.
    // A user's click lands wherever the button is: so does this one, or it fails within 5 s.
    await again.getByTestId('import-cancel').click({ force: true, timeout: 5_000 });
    await expect(again).toHaveAttribute('data-state', 'cancelled', { timeout: 5_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    // Nothing half-made stays in the engine, and it answers at once.
    await expect
      .poll(() => page.evaluate(() => globalThis.__workbenchBench?.queryRows("SELECT ((SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__import_%') + (SELECT count(*) FROM duckdb_views() WHERE view_name LIKE '__import_%'))::INTEGER AS n", [])), { timeout: 10_000 })
      .toEqual([{ n: 0 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
