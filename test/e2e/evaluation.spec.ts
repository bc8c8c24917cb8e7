// The annual evaluation of grid workers from file:// on the sample: every worker's score, grade
// and subsidy against the evaluation recomputed in plain TypeScript from the stated rules
// (test/support/reference-evaluation.ts), the payments summing to the pool, the 优秀 cap holding
// in every township, a capped worker's explanation, the sign-off XLSX read back (masked, then
// unmasked), and a changed rule saved with the settings. Then one cheap check over http.
import * as XLSX from '@e965/xlsx';
import { DEFAULT_RULES, latestCompleteYear, referenceEvaluation } from '../support/reference-evaluation';
import { sampleGridEvents } from '../support/sample';
import { expectAgainst, shownWorkers, type Shown } from './support/evaluation-page';
import { download, expect, siteUrl, test, waitForReady } from './support/fixtures';

const POOL = 8_440_000;

test('evaluation of the sample year from file://, its explanation and its sign-off workbook', async ({ page }) => {
  test.setTimeout(300_000);
  const grid = sampleGridEvents();
  const reference = referenceEvaluation(grid, 2024);
  await page.goto(siteUrl('file', '#/grid/evaluation?year=2024'));
  await waitForReady(page);
  const shown = await shownWorkers(page, 2024);
  expect(shown.length).toBeGreaterThan(1400);
  expectAgainst(shown, reference, POOL);
  await expect(page.getByTestId('evaluation-totals')).toHaveAttribute('data-paid', String(POOL));
  await expect(page.getByTestId('evaluation-checking')).toHaveAttribute('data-checking', 'none');

  // The 优秀 cap: at most floor(20 % of the township's workers) in every township, and it bites.
  const towns = new Map<string, Shown[]>();
  for (const w of shown) towns.set(w.township, [...(towns.get(w.township) ?? []), w]);
  for (const [town, list] of towns) {
    expect(list.filter((w) => w.grade === '优秀').length, town).toBeLessThanOrEqual(Math.floor(0.2 * list.length));
  }
  const capped = shown.find((w) => w.capped)!;
  expect(capped, 'some worker is capped on the sample').toBeDefined();
  expect(capped.grade).toBe('称职');
  expect(capped.score).toBeGreaterThanOrEqual(90);

  // A capped worker's explanation: every component, and the cap named in the grade reason.
  await page.locator(`[data-testid="worker-score"][data-key="${capped.key}"]`).getByRole('button').click();
  const explanation = page.getByTestId('worker-explanation');
  await expect(explanation).toHaveAttribute('data-key', capped.key);
  await expect(explanation.getByTestId('explain-component')).toHaveCount(8);
  await expect(explanation.getByTestId('explain-grade')).toHaveAttribute('data-capped', 'true');
  await expect(explanation.getByTestId('explain-grade')).toContainText('比例调整');
  const contributions = await explanation.getByTestId('explain-component').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-contribution'))));
  expect(contributions.reduce((s, x) => s + x, 0)).toBeCloseTo(capped.score, 1);

  // The sign-off workbook, masked: every worker with the page's figures, names hidden, and the rules.
  const masked = await download(page, () => page.getByTestId('evaluation-export').click());
  expect(masked.name).toMatch(/\.xlsx$/);
  const book = XLSX.read(masked.bytes, { type: 'buffer' });
  expect(book.SheetNames).toEqual(['考核明细', '考核规则']);
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['考核明细']);
  expect(rows).toHaveLength(reference.length);
  expect(rows.reduce((s, r) => s + Number(r['补贴（元）']), 0)).toBe(POOL);
  const byId = new Map(reference.map((w) => [w.id, w]));
  for (const r of rows) {
    const want = byId.get(String(r['编号']))!;
    expect([r['总分'], r['等级'], r['补贴（元）']]).toEqual([want.score, want.grade, want.yuan]);
    expect(String(r['网格员'])).toContain('*');
  }
  const rules = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['考核规则']);
  expect(rules.find((r) => r['项目'] === '补贴总额（元）')?.['值']).toBe(String(POOL));
  expect(rules.find((r) => r['项目'] === '考核年度')?.['值']).toBe('2024');

  // Unmasked on screen, unmasked in the file, and the file says so on its tab.
  await page.getByTestId('evaluation-show-personal').check();
  const open = await download(page, () => page.getByTestId('evaluation-export').click());
  const openBook = XLSX.read(open.bytes, { type: 'buffer' });
  expect(openBook.SheetNames[0]).toBe('含个人信息·考核明细');
  const openRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(openBook.Sheets[openBook.SheetNames[0]]);
  const first = openRows[0];
  expect(first['网格员']).toBe(byId.get(String(first['编号']))!.name);

  // A changed rule is saved with the settings: a smaller pool, still paid to the yuan after a reload.
  await page.getByTestId('evaluation-pool').fill('1000');
  await page.getByTestId('evaluation-pool').dispatchEvent('change');
  await expect(page.getByTestId('evaluation-totals')).toHaveAttribute('data-paid', '1000');
  // A reload before the write lands would lose the change (Chromium aborts the page's
  // transaction): the card says when it is safe, as a user would read it.
  const saveState = page.getByTestId('evaluation-rules').getByTestId('save-state');
  await expect(saveState).toHaveAttribute('data-state', 'saved');
  await expect(saveState).toHaveText('已保存到本机');
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('evaluation-pool')).toHaveValue('1000', { timeout: 30_000 });
  await expect(saveState).toHaveAttribute('data-state', 'none');
  expectAgainst(await shownWorkers(page, 2024), referenceEvaluation(grid, 2024, { ...DEFAULT_RULES, pool: 1000 }), 1000);
  await expect(page.getByTestId('evaluation-rules')).toHaveAttribute('data-default', 'false');
  await page.getByTestId('evaluation-rules-reset').click();
  await expect(page.getByTestId('evaluation-totals')).toHaveAttribute('data-paid', String(POOL));
});

test('over http the default year is the latest complete one, paid to the pool', async ({ page }) => {
  test.setTimeout(200_000);
  const grid = sampleGridEvents();
  const year = latestCompleteYear(grid);
  await page.goto(siteUrl('http', '#/grid/evaluation'));
  await waitForReady(page);
  const shown = await shownWorkers(page, year);
  expectAgainst(shown, referenceEvaluation(grid, year), POOL);
});
