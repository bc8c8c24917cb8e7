// The browser and the report command run the same import and metric modules; this holds them to
// it: the same two files, the same period, the same figures — import counts and every headline
// figure, to the last bit.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, gotoInPage, metricValue, siteUrl, test, waitForReady } from './support/fixtures';

const files = ['test/fixtures/report/tickets-part1.csv', 'test/fixtures/report/tickets-part2.csv'].map((f) => resolve(f));
const period = { from: '2024-03-01', to: '2024-03-31' };
const HEADLINE = ['total', 'satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'p90_closure_hours', 'direct_answer_rate', 'resolution_rate', 'overdue_open'];

interface Report {
  import: { tickets: { rows_read: number; rows_rejected: number; duplicates_replaced: number } };
  tickets: { overall: Record<string, number | null> };
}

test('the overview shows the report command’s figures for the same files and period', async ({ page }) => {
  test.setTimeout(300_000);
  const stdout = execFileSync(
    process.execPath,
    [resolve('node_modules/tsx/dist/cli.mjs'), 'cli/report.ts', '--tickets', ...files, '--from', period.from, '--to', period.to, '--format', 'json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const report = JSON.parse(stdout) as Report;

  await page.goto(siteUrl('file', '#/data'));
  await waitForReady(page);
  // Both files chosen together, as a user picks a month's exports: imported in order, later wins.
  await page.getByTestId('import-input').setInputFiles(files);
  const status = page.getByTestId('import-status');
  const confirm = page.getByTestId('import-confirm');
  const expected = report.import.tickets;
  await expect(async () => {
    // A mapping that needs a look waits for confirmation; these headers map with certainty.
    if (await confirm.isVisible()) await confirm.click();
    await expect(status).toHaveAttribute('data-rows-read', String(expected.rows_read), { timeout: 1_000 });
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 1_000 });
  }).toPass({ timeout: 120_000 });
  await expect(status).toHaveAttribute('data-rows-rejected', String(expected.rows_rejected));
  await expect(status).toHaveAttribute('data-duplicates-replaced', String(expected.duplicates_replaced));
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');

  await gotoInPage(page, `#/?from=${period.from}&to=${period.to}`);
  await waitForReady(page);
  for (const id of HEADLINE) {
    expect(await metricValue(page, id), id).toBe(report.tickets.overall[id]);
  }
});
