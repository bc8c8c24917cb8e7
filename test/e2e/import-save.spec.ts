// The save after an import (issue 12): the page shows the imported figures as soon as the rows
// are committed and says it is saving; a reload during the save finds either the previous stored
// data or the new, whole — never a half-written store.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';
import { messyTickets } from '../unit/import/messy';

/** Every state the import status passes through, recorded from the page's start. */
function recordStatusStates(): void {
  const w = window as unknown as { __statusStates: string[]; __savingText: string };
  w.__statusStates = [];
  w.__savingText = '';
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="import-status"]');
    const state = status?.getAttribute('data-state');
    if (state === 'saving') w.__savingText = status!.textContent ?? '';
    if (state && w.__statusStates[w.__statusStates.length - 1] !== state) w.__statusStates.push(state);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}

test('the figures show while the import saves, and a reload during the save keeps the stored data whole', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'gw-import-save-'));
  try {
    await page.addInitScript(`(${recordStatusStates.toString()})()`);
    await page.goto(siteUrl('file', '#/data?bench=1&import-engine-min=0'));
    await waitForReady(page);
    const status = page.getByTestId('import-status');
    const ticketRows = page.locator('[data-testid="dataset-row"][data-table="tickets"]');

    // What the browser says the workbench stores, as the page shows it.
    const used = async () => Number(await page.getByTestId('storage-used').getAttribute('data-used'));
    await expect(page.getByTestId('storage-used')).toHaveAttribute('data-used', /^\d+$/);
    const usedBefore = await used();

    // First import: saved in full before anything else happens.
    await page.getByTestId('import-input').setInputFiles(resolve('test/fixtures/import', 'gbk-title.csv'));
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    const before = Number(await ticketRows.getAttribute('data-rows'));
    expect(before).toBe(3);
    // The page asks again once the import is saved: the usage it shows has grown by the stored file.
    await expect.poll(used, { timeout: 10_000 }).toBeGreaterThan(usedBefore);

    // Second import, large enough that its save takes a moment.
    const big = join(dir, 'big.csv');
    writeFileSync(big, messyTickets(60_000, { crlf: true, trailing: true, title: true, blanks: true }));
    await page.getByTestId('import-input').setInputFiles(big);
    const card = page.locator('[data-testid="import-file"][data-file="big.csv"]');
    await expect(card).toHaveAttribute('data-state', /review|saving|done/, { timeout: 120_000 });
    if ((await card.getAttribute('data-state')) === 'review') await page.getByTestId('import-confirm').click();
    await expect(status).toHaveAttribute('data-state', /saving|done/, { timeout: 120_000 });
    const seen = (await page.evaluate('window.__statusStates')) as string[];
    // The rows were committed before the save ended: the page said so, with the new row count.
    expect(seen).toContain('saving');
    const after = Number(await ticketRows.getAttribute('data-rows'));
    expect(after).toBeGreaterThan(before);
    // The page said it was saving, with the new counts.
    expect(await page.evaluate('window.__savingText')).toContain('正在保存');

    // Reload at once, most likely while the save is under way.
    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
    const restored = Number(await ticketRows.getAttribute('data-rows'));
    // Either the previous record (the save had not swapped it in) or the new one, whole.
    expect([before, after]).toContain(restored);
    // And what the engine holds is what the record says.
    const rows = (await page.evaluate(() => globalThis.__workbenchBench!.queryRows('SELECT count(*)::INTEGER AS n FROM tickets', []))) as { n: number }[];
    expect(rows[0].n).toBe(restored);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
