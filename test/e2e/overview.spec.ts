// The overview opened the two ways users meet it — double-clicked from a shared drive (file://)
// and served over http — shows the figures that metrics.md defines, recomputed here in plain
// TypeScript from the same seeded sample rows.
import { generateSample } from '../../sample-data/generator';
import { independentHeadline, type IndependentHeadline } from '../support/independent-metrics';
import { expect, metricValue, siteUrl, test, waitForReady, type Transport } from './support/fixtures';

const sample = generateSample();
const cases: { transport: Transport; from?: string; to?: string }[] = [
  { transport: 'file' },
  { transport: 'http' },
  { transport: 'file', from: '2024-03-01', to: '2024-03-31' },
  { transport: 'http', from: '2025-04-01', to: '2025-06-30' },
];

for (const { transport, from, to } of cases) {
  const route = from ? `#/?from=${from}&to=${to}` : '#/';
  test(`overview figures over ${transport} for ${from ? `${from}..${to}` : 'the full span'}`, async ({ page }) => {
    const expected: IndependentHeadline = independentHeadline(sample.tickets, from, to);
    await page.goto(siteUrl(transport, route));
    await waitForReady(page);
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
    expect(await metricValue(page, 'total')).toBe(expected.total);
    for (const id of ['satisfaction_rate', 'on_time_rate', 'median_closure_hours'] as const) {
      const shown = await metricValue(page, id);
      expect(shown, id).not.toBeNull();
      expect(shown!, id).toBeCloseTo(expected[id]!, 9);
    }
  });
}

test('the period lives in the URL and the previous period is compared', async ({ page }) => {
  await page.goto(siteUrl('file', '#/'));
  await waitForReady(page);
  await page.getByTestId('period-from').fill('2025-01-01');
  await page.getByTestId('period-to').fill('2025-03-31');
  await page.getByTestId('period-apply').click();
  await expect(page).toHaveURL(/#\/\?from=2025-01-01&to=2025-03-31$/);
  const expected = independentHeadline(sample.tickets, '2025-01-01', '2025-03-31');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(expected.total));
  // 2024Q4 exists in the sample, so every card shows a change against it.
  await expect(page.getByTestId('metric-total')).toContainText('较上期');
  await expect(page.getByTestId('township-table').locator('tbody tr')).toHaveCount(12);
});

test('English switch changes the interface language', async ({ page }) => {
  await page.goto(siteUrl('file', '#/'));
  await waitForReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工单概览');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ticket overview');
  await expect(page.getByTestId('dataset-badge')).toHaveText('Sample data');
});
