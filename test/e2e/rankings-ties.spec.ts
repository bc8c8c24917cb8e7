// Ranking ties and rank changes on a hand-made export (test/fixtures/rankings/ties.csv, written by
// make-ties.mjs), imported on #/data from file://, then drilled from a tied township to its
// tickets and its departments.
//
// The plan, 30 rated tickets per ranked township per month (the default minimum is 30, so exactly
// 30 is ranked); components are satisfaction, on time, resolution, returns, each a share of 30:
//
//   January   海门街道 30,30,30,0  三厂街道 27,27,30,0  四甲镇 24,24,30,0  悦来镇 21,21,30,0
//   Satisfaction and on time span 0.7–1.0 → normalised 1, 2/3, 1/3, 0; resolution and returns are
//   equal for all and normalise to 1 (0.2 + 0.1 = 0.3 each):
//     海门街道 0.7·1 + 0.3 = 1.000 (1)   三厂街道 0.7·2/3 + 0.3 = 0.767 (2)
//     四甲镇 0.7·1/3 + 0.3 = 0.533 (3)    悦来镇 0.300 (4)
//
//   February  四甲镇 27,30,30,3  三厂街道 24,27,30,0  悦来镇 24,27,30,0  海门街道 21,24,27,0
//   Satisfaction 0.7–0.9 → 1, ½, ½, 0; on time 0.8–1.0 → 1, ½, ½, 0; resolution 0.9–1.0 → 1, 1, 1, 0;
//   returns 0–0.1, inverted → 0, 1, 1, 1:
//     四甲镇 0.4 + 0.3 + 0.2 + 0 = 0.9                 (1, was 3: ↑2)
//     三厂街道 0.2 + 0.15 + 0.2 + 0.1 = 0.65            (2, was 2: —)
//     悦来镇 the same figures, 0.65, tied              (2, was 4: ↑2)
//     海门街道 0 + 0 + 0 + 0.1 = 0.1                    (4, the tie takes place 3; was 1: ↓3)
//   正余镇 has 29 rated tickets (10 in January), every one perfect: listed last, not ranked, and
//   not counted in the bounds (if it were, satisfaction's maximum would become 1.0 and every
//   score above would change).
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, metricValue, siteUrl, test, waitForReady, gotoInPage } from './support/fixtures';

const FIXTURE = resolve('test/fixtures/rankings/ties.csv');
const FEBRUARY = 'from=2024-02-01&to=2024-02-29';

interface ShownRow {
  key: string | null;
  rank: string | null;
  score: string | null;
  change: string | null;
}

async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.getByTestId('ranking-table').locator('tbody tr[data-key]').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key'),
      rank: tr.getAttribute('data-rank'),
      score: tr.getAttribute('data-score'),
      change: tr.getAttribute('data-change'),
    })),
  );
}

test('ties share a rank, the next skips, rank changes against January, the small unit is unranked; a tied township drills to its tickets and departments', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(siteUrl('file', '#/data'));
  await waitForReady(page);
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-rows-read', '279');
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');

  await gotoInPage(page, `#/rankings?${FEBRUARY}`);
  const table = page.getByTestId('ranking-table');
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-from', '2024-02-01');
  await expect(table).toHaveAttribute('data-unit', 'township');
  // data-change is filled once the previous period's ranks have arrived.
  await expect(table.locator('tbody tr[data-key="海门街道"]')).toHaveAttribute('data-change', '-3');
  expect(await shownRows(page)).toEqual([
    { key: '四甲镇', rank: '1', score: '0.9', change: '2' },
    { key: '三厂街道', rank: '2', score: '0.65', change: '0' },
    { key: '悦来镇', rank: '2', score: '0.65', change: '2' },
    { key: '海门街道', rank: '4', score: '0.1', change: '-3' },
    { key: '正余镇', rank: '', score: '', change: '' },
  ]);
  const changeCells = await table.locator('tbody tr td.change').allInnerTexts();
  expect(changeCells.map((s) => s.trim())).toEqual(['↑2', '—', '↑2', '↓3', '·']);
  const unranked = table.locator('tbody tr[data-key="正余镇"]');
  await expect(unranked.locator('td.rank')).toHaveText('未参与排名');
  await expect(unranked).toContainText('评价数 29 少于 30');
  await expect(table.locator('tbody tr[data-key="悦来镇"] td').nth(1)).toHaveText('0.650');

  // The tied township's departments: the department ranking over its tickets only, and the page says so.
  const tied = table.locator('tbody tr[data-key="悦来镇"]');
  await tied.getByTestId('ranking-departments-link').click();
  await expect(page).toHaveURL(/#\/rankings\?.*unit=department/);
  await expect(table).toHaveAttribute('data-unit', 'department');
  await expect(page.getByTestId('filter-township')).toHaveAttribute('data-selected', '悦来镇');
  await expect(page.getByTestId('ranking-within')).toContainText('悦来镇');
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-to', '2024-02-29');
  // 15 tickets each (odd and even rows); below the minimum of 30 rated, so listed, not ranked.
  await expect(table.locator('tbody tr[data-key]')).toHaveCount(2);
  await expect(table.locator('tbody tr[data-key="城管局"]')).toContainText('评价数 15 少于 30');
  await expect(table.locator('tbody tr[data-key="城管局"] [data-testid="ranking-tickets-link"]')).toHaveAttribute(
    'href',
    `#/tickets?${FEBRUARY}&township=${encodeURIComponent('悦来镇')}&department=${encodeURIComponent('城管局')}`,
  );

  // Back to the townships: the tied township's tickets, filtered to it over February.
  await page.goBack();
  await expect(table).toHaveAttribute('data-unit', 'township');
  const ticketsLink = table.locator('tbody tr[data-key="悦来镇"]').getByTestId('ranking-tickets-link');
  await expect(ticketsLink).toHaveAttribute('href', `#/tickets?${FEBRUARY}&township=${encodeURIComponent('悦来镇')}`);
  await ticketsLink.click();
  await expect(page).toHaveURL(/#\/tickets\?/);
  await expect(page.getByTestId('filter-township')).toHaveAttribute('data-selected', '悦来镇');
  await expect(page.getByTestId('period-from')).toHaveValue('2024-02-01');
  expect(await metricValue(page, 'total')).toBe(30);
});
