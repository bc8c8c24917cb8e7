// The spare import worker (src/lib/data/import-client.ts) is made while the page is idle, never
// while a file is being read: made then, its script and its warm-up took the cores the import
// needed. Once the file is read, the next spare is made for the next file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';
import { messyTickets } from '../unit/import/messy';

test('no import worker is made while a file is read; the next spare is made once it is', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'gw-spare-'));
  try {
    // When each import worker is made, on the page's clock.
    await page.addInitScript(() => {
      const made: number[] = ((globalThis as { __importWorkersMade?: number[] }).__importWorkersMade = []);
      const Native = globalThis.Worker;
      globalThis.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name === 'import-worker') made.push(performance.now());
        }
      };
    });
    const made = () => page.evaluate(() => (globalThis as { __importWorkersMade?: number[] }).__importWorkersMade ?? []);
    await page.goto(siteUrl('file', '#/data?import-engine-min=0&bench=1'));
    await waitForReady(page);
    // The spare, made while the page was idle.
    await expect.poll(async () => (await made()).length, { timeout: 30_000 }).toBe(1);

    const csv = join(dir, 'tickets.csv');
    writeFileSync(csv, messyTickets(60_000, { crlf: true, trailing: false, title: false, blanks: false }));
    await page.evaluate(() =>
      document.addEventListener('change', () => ((globalThis as { __chosenAt?: number }).__chosenAt = performance.now()), { capture: true, once: true }),
    );
    await page.getByTestId('import-input').setInputFiles(csv);
    const card = page.locator('[data-testid="import-file"][data-file="tickets.csv"]');
    await expect(card).toHaveAttribute('data-state', /review|done/, { timeout: 120_000 });
    if ((await card.getAttribute('data-state')) === 'review') await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

    const readAt = await page.evaluate(() => performance.getEntriesByName('workbench:import-engine-path')[0]?.startTime ?? Number.NaN);
    const chosenAt = await page.evaluate(() => (globalThis as { __chosenAt?: number }).__chosenAt ?? Number.NaN);
    expect(readAt).toBeGreaterThan(chosenAt);
    // The file took the spare; none was made from the choice until DuckDB had read and checked it.
    expect((await made()).filter((t) => t > chosenAt && t < readAt)).toEqual([]);
    // The next file's spare comes once the page is idle again.
    await expect.poll(async () => (await made()).filter((t) => t > readAt).length, { timeout: 30_000 }).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
