// `report --targets` and `--explain` against the pages (issue 15): the sample written as CSV by the
// generator's own command, reported on the command line, and the same figures read from the
// targets and explain pages over the embedded sample (the same seeded rows).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, gotoInPage, test, waitForReady } from './support/fixtures';

interface LeadersReport {
  targets: { metric: string; readings: { ytd: { value: number; denominator: number; gap_tickets: number } }; below: { key: string; gap_tickets: number }[] }[];
  explain: { change: number; drivers: { key: string; mix: number; rate: number }[] };
}

test('report --targets and --explain print the pages’ figures', async ({ samplePage: page }) => {
  test.setTimeout(600_000);
  // The sample's CSVs (190 MB) are only the command's input: gone once it has answered.
  const dir = mkdtempSync(join(tmpdir(), 'leaders-sample-'));
  let stdout: string;
  try {
    const tsx = resolve('node_modules/tsx/dist/cli.mjs');
    execFileSync(process.execPath, [tsx, 'sample-data/cli.ts', '--out', dir], { stdio: 'ignore', timeout: 300_000 });
    stdout = execFileSync(
      process.execPath,
      [tsx, 'cli/report.ts', '--tickets', join(dir, 'tickets.csv'), '--from', '2025-01-01', '--to', '2025-06-30', '--targets', '--explain', 'satisfaction_rate', '--by', 'channel', '--compare', 'yoy'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 400_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const report = JSON.parse(stdout) as LeadersReport;

  await gotoInPage(page, '#/targets?year=2025');
  await waitForReady(page);
  const card = page.getByTestId('target-satisfaction_rate');
  await expect(card).toHaveAttribute('data-state', 'ready');
  const target = report.targets.find((t) => t.metric === 'satisfaction_rate')!;
  expect(Number(await card.getAttribute('data-value'))).toBe(target.readings.ytd.value);
  const below = await card.locator('[data-testid="target-unit"][data-below="true"]').evaluateAll((trs) =>
    trs.map((tr) => ({ key: tr.getAttribute('data-key')!, gap_tickets: Number(tr.getAttribute('data-gap-tickets')) })),
  );
  expect(below).toEqual(target.below.map(({ key, gap_tickets }) => ({ key, gap_tickets })));

  await gotoInPage(page, '#/explain?metric=satisfaction_rate&by=channel&from=2025-01-01&to=2025-06-30&compare=yoy');
  const total = page.getByTestId('explain-total');
  await expect(page.getByTestId('explain-periods')).toHaveAttribute('data-from', '2025-01-01');
  await expect(total).toHaveAttribute('data-value', /\d/);
  expect(Number(await total.getAttribute('data-value'))).toBeCloseTo(report.explain.change, 12);
  const drivers = await page.getByTestId('explain-driver').evaluateAll((trs) =>
    trs.map((tr) => ({ key: tr.getAttribute('data-key')!, mix: Number(tr.getAttribute('data-mix')), rate: Number(tr.getAttribute('data-rate')) })),
  );
  expect(drivers.map((d) => d.key)).toEqual(report.explain.drivers.map((d) => d.key));
  drivers.forEach((d, i) => {
    expect(d.mix, d.key).toBeCloseTo(report.explain.drivers[i].mix, 12);
    expect(d.rate, d.key).toBeCloseTo(report.explain.drivers[i].rate, 12);
  });
});
