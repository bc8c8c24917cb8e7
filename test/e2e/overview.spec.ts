// The overview opened the two ways users meet it — double-clicked from a shared drive (file://)
// and served over http — shows the figures that metrics.md defines, recomputed here in plain
// TypeScript from the same seeded sample rows. One page per transport: the sample loads once,
// then each period is a change of the hash, as a user's bookmark or period picker makes it.
import type { Page } from '@playwright/test';
import { ticketFigures } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, expectFigures, siteUrl, test, waitForReady, gotoInPage } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

const HEADLINE = ['total', 'satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'p90_closure_hours', 'direct_answer_rate', 'resolution_rate', 'overdue_open'] as const;
const periods: { from?: string; to?: string }[] = [
  {},
  { from: '2024-03-01', to: '2024-03-31' },
  { from: '2025-04-01', to: '2025-06-30' },
  { from: '2024-02-10', to: '2025-01-09' },
];

/** All eight headline figures, as metrics.md defines them, recomputed from the rows. */
async function expectHeadline(page: Page, from?: string, to?: string) {
  const expected = ticketFigures(sampleTickets(), { from, to });
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(expected.total));
  await expectFigures(page, Object.fromEntries(HEADLINE.map((id) => [id, expected[id]])), `${from ?? 'start'}..${to ?? 'end'}`);
}

async function expectEveryPeriod(page: Page) {
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
  for (const { from, to } of periods) {
    await gotoInPage(page, from ? `#/?from=${from}&to=${to}` : '#/');
    await expectHeadline(page, from, to);
  }
}

test('overview figures over file:// equal metrics.md recomputed from the rows, for every period', async ({ samplePage: page }) => {
  await gotoInPage(page, '#/');
  await waitForReady(page);
  await expectEveryPeriod(page);
});

// Over http the same figures, then the period picker on the same page load (one sample load fewer).
test('over http: the same figures; the period picker writes the URL, compares with the quarter before, and a reload restores it', async ({ page }) => {
  // Two sample loads (first visit and the reload), ~20–60 s each on a shared machine.
  test.setTimeout(240_000);
  await page.goto(siteUrl('http', '#/'));
  await waitForReady(page);
  await expectEveryPeriod(page);

  await page.getByTestId('period-from').fill('2025-01-01');
  await page.getByTestId('period-to').fill('2025-03-31');
  await page.getByTestId('period-apply').click();
  await expect(page).toHaveURL(/#\/\?from=2025-01-01&to=2025-03-31$/);
  await expectHeadline(page, '2025-01-01', '2025-03-31');
  // 2024Q4 has tickets, so the cards show a change against it: its own figures, recomputed.
  await expect(page.getByTestId('metric-total')).toContainText('较上期');
  const previous = ticketFigures(sampleTickets(), { from: '2024-10-01', to: '2024-12-31' });
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-previous', String(previous.total));
  const shownPrevious = Number(await page.getByTestId('metric-satisfaction_rate').getAttribute('data-previous'));
  expect(shownPrevious).toBeCloseTo(previous.satisfaction_rate!, 9);
  await expect(page.getByTestId('township-table').locator('tbody tr')).toHaveCount(12);
  await expect(page.getByTestId('chart-monthly-trend').locator('svg').first()).toBeVisible();

  await page.reload();
  await waitForReady(page);
  await expectHeadline(page, '2025-01-01', '2025-03-31');
  await expect(page.getByTestId('period-from')).toHaveValue('2025-01-01');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工单概览');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ticket overview');
  await expect(page.getByTestId('dataset-badge')).toHaveText('Sample data');
  // The English names, about twice as wide as the Chinese, still fit one row on a laptop's screen.
  for (const width of [1366, 1440]) {
    await page.setViewportSize({ width, height: 768 });
    const rows = await page.locator('header.top nav a').evaluateAll((links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);
    expect(rows, `navigation rows at ${width} px`).toBe(1);
  }
});

// Opened straight onto a period that has one before it, the cards never claim there is none on
// the way: while the engine starts and the comparison is asked, the change line waits (…).
test('from file://, a card says 无上期数据 only when the comparison has answered so', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const seen = new Set<string>();
    (globalThis as unknown as { __changesSeen: Set<string> }).__changesSeen = seen;
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="metric-total"] .change');
      if (line) seen.add(line.textContent?.trim() ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(siteUrl('file', '#/?from=2025-01-01&to=2025-03-31'));
  const previous = ticketFigures(sampleTickets(), { from: '2024-10-01', to: '2024-12-31' });
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-previous', String(previous.total), { timeout: 90_000 });
  await expect(page.getByTestId('metric-total')).toContainText('较上期');
  const seen = (await page.evaluate(() => [...(globalThis as unknown as { __changesSeen: Set<string> }).__changesSeen])) as string[];
  expect(seen).toContain('…');
  expect(seen).not.toContain('无上期数据');
});
