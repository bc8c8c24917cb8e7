// The rankings page on the sample data opened from file://: one page load, then every change is a
// click or a hash change, as a leader's bookmark makes it. Scores and ranks are checked against the
// composite score of metrics.md recomputed in plain TypeScript over the generated rows.
import type { Page } from '@playwright/test';
import { rankUnits, type Period } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, test, waitForReady, gotoInPage } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

const YEAR_2025: Period = { from: '2025-01-01', to: '2025-12-31' };

interface ShownRow {
  key: string | null;
  rank: string | null;
  score: number;
}

async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.getByTestId('ranking-table').locator('tbody tr[data-key]').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key'),
      rank: tr.getAttribute('data-rank'),
      score: Number(tr.getAttribute('data-score')),
    })),
  );
}

/** Every unit, in the page's order, with the reference's rank and score (the page rounds scores to 9 decimals). */
function expectReferenceRanking(rows: ShownRow[], period: Period, unit: 'township' | 'department') {
  const want = rankUnits(sampleTickets(), period, unit);
  expect(rows.map((r) => r.key), `${unit} order`).toEqual(want.map((u) => u.key));
  rows.forEach((row, i) => {
    expect(row.rank, `${row.key} rank`).toBe(want[i].rank === null ? '' : String(want[i].rank));
    if (want[i].score === null) return;
    expect(row.score, `${row.key} score`).toBeCloseTo(want[i].score!, 8);
  });
  expect(want.filter((u) => u.rank !== null).length, `${unit}: some ranked`).toBeGreaterThan(3);
}

/** Ranks are integers from 1, ties share a rank (1, 2, 2, 4), unranked rows come last. */
function expectConsistentRanks(rows: ShownRow[]) {
  const ranked = rows.filter((r) => r.rank !== '');
  expect(ranked.length).toBeGreaterThan(0);
  expect(rows.slice(0, ranked.length)).toEqual(ranked);
  expect(ranked[0].rank).toBe('1');
  ranked.forEach((row, i) => {
    const rank = Number(row.rank);
    expect(Number.isInteger(rank)).toBe(true);
    if (i === 0) return;
    const prev = ranked[i - 1];
    expect(row.score).toBeLessThanOrEqual(prev.score);
    // Same score (rounded to 9 decimals by the metric layer), same rank; a lower score skips the places the tie took.
    if (row.score === prev.score) expect(rank).toBe(Number(prev.rank));
    else expect(rank).toBe(i + 1);
  });
}

test('rankings: township table, department switch, URL restores unit and period', async ({ samplePage: page }) => {
  // Two sample loads (first visit and the reload), ~20–60 s each on this shared machine.
  test.setTimeout(240_000);
  await gotoInPage(page, '#/rankings');
  await waitForReady(page);
  const table = page.getByTestId('ranking-table');
  await expect(table.locator('tbody tr[data-key]')).toHaveCount(12);
  // The sample covers 2024–2025 in full: the default is the last complete year, and the page says so.
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-source', 'lastCompleteYear');
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-from', '2025-01-01');
  expectConsistentRanks(await shownRows(page));
  expectReferenceRanking(await shownRows(page), YEAR_2025, 'township');
  // Rank change and sparkline arrive from the history query.
  await expect(table.locator('tbody tr').first().locator('svg')).toBeVisible();
  await expect(table.locator('tbody tr').first().locator('td.change')).toHaveText(/^(↑\d+|↓\d+|—|新)$/);
  await expect(page.getByTestId('ranking-years').locator('tbody tr')).toHaveCount(12);
  const firstKey = await table.locator('tbody tr').first().getAttribute('data-key');
  await expect(table.locator('tbody tr').first().getByRole('link', { name: firstKey!, exact: true })).toHaveAttribute(
    'href',
    `#/?from=2025-01-01&to=2025-12-31&township=${encodeURIComponent(firstKey!)}`,
  );

  await page.getByTestId('ranking-unit-department').click();
  await expect(page).toHaveURL(/#\/rankings\?.*unit=department/);
  await expect(table).toHaveAttribute('data-unit', 'department');
  await expect(table.locator('tbody tr[data-key]').first()).toHaveAttribute('data-rank', '1');
  await expect.poll(async () => (await shownRows(page)).length).toBe(rankUnits(sampleTickets(), YEAR_2025, 'department').length);
  const departments = await shownRows(page);
  expect(departments.map((r) => r.key)).not.toContain(firstKey);
  expectConsistentRanks(departments);
  expectReferenceRanking(departments, YEAR_2025, 'department');

  // A bookmark with a unit and a period restores both after a reload.
  await gotoInPage(page, '#/rankings?from=2025-01-01&to=2025-03-31&unit=department');
  // Let the router finish that navigation first: a reload racing it is aborted.
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-to', '2025-03-31');
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-source', 'url');
  await expect(page.getByTestId('ranking-period')).toHaveAttribute('data-to', '2025-03-31');
  await expect(page.getByTestId('period-from')).toHaveValue('2025-01-01');
  await expect(page.getByTestId('ranking-unit-department')).toHaveAttribute('aria-pressed', 'true');
  await expect(table).toHaveAttribute('data-unit', 'department');
  expectConsistentRanks(await shownRows(page));
  expectReferenceRanking(await shownRows(page), { from: '2025-01-01', to: '2025-03-31' }, 'department');
});
