// The quarterly on-site review from file://: pick 悦来镇 and a quarter of the sample, see the key
// tickets with their flags, record a finding, restart the browser (a persistent profile, so
// IndexedDB survives as it does on a real laptop) and find it again, then export the review pack
// and open both files. Then, over http: a bookmarked flag filter, the area's figures against the
// district and the previous quarter, the flag counts and the rules panel — all recomputed from the
// generated rows in plain TypeScript — and the findings file round trips (JSON and XLSX).
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import type { Download, Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SATISFACTION_SCALE, column, matching, rankUnits, select, ticketFigures } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { download, expect, expectNoProblems, launchPersistent, siteUrl, test, waitForReady } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

const FLAG_IDS = ['unsatisfied', 'late', 'reopened', 'returned', 'repeat', 'hotspot', 'unattributable', 'multi_department', 'enterprise_complaint'];
const REVIEW_METRICS = ['total', 'satisfaction_rate', 'on_time_rate', 'resolution_rate', 'reopen_rate', 'return_rate', 'direct_answer_rate', 'median_closure_hours', 'overdue_open'] as const;
const QUARTERS: Record<string, { from: string; to: string }> = {
  '2023Q4': { from: '2023-10-01', to: '2023-12-31' },
  '2024Q1': { from: '2024-01-01', to: '2024-03-31' },
  '2024Q2': { from: '2024-04-01', to: '2024-06-30' },
};

/** The figures table of the review page: area, district and previous quarter per metric. */
async function shownFigures(page: Page): Promise<Record<string, { area: string | null; district: string | null; previous: string | null }>> {
  const out: Record<string, { area: string | null; district: string | null; previous: string | null }> = {};
  for (const id of REVIEW_METRICS) {
    const row = page.getByTestId(`review-metric-${id}`);
    out[id] = { area: await row.getAttribute('data-value'), district: await row.getAttribute('data-district'), previous: await row.getAttribute('data-previous') };
  }
  return out;
}

function expectFigure(shown: string | null, want: number | null, label: string) {
  if (want === null) expect(shown, label).toBe('');
  else expect(Number(shown), label).toBeCloseTo(want, 6);
}

/** The area's figures, the district's, and the area's previous quarter, as metrics.md defines them. */
async function expectReviewFigures(page: Page, township: string, quarter: string, previousQuarter: string) {
  const tickets = sampleTickets();
  const inArea = matching(tickets, { township });
  const area = ticketFigures(tickets, { ...QUARTERS[quarter], where: inArea });
  const district = ticketFigures(tickets, QUARTERS[quarter]);
  const before = ticketFigures(tickets, { ...QUARTERS[previousQuarter], where: inArea });
  await expect(page.getByTestId('review-metric-total')).toHaveAttribute('data-value', String(area.total));
  await expect(page.getByTestId('review-metric-total')).toHaveAttribute('data-previous', String(before.total));
  const shown = await shownFigures(page);
  for (const id of REVIEW_METRICS) {
    expectFigure(shown[id].area, area[id], `${quarter} area ${id}`);
    expectFigure(shown[id].district, district[id], `${quarter} district ${id}`);
    expectFigure(shown[id].previous, before[id], `${quarter} previous ${id}`);
  }
  const rank = rankUnits(tickets, QUARTERS[quarter], 'township');
  await expect(page.getByTestId('review-rank')).toHaveAttribute('data-rank', String(rank.find((u) => u.key === township)?.rank ?? ''));
  await expect(page.getByTestId('review-rank')).toHaveAttribute('data-ranked-count', String(rank.filter((u) => u.rank !== null).length));
}

/** How many of the area's tickets of the quarter carry each rule-simple flag (review/flags rules, counted here from the rows). */
function flagCounts(township: string, quarter: string, returnedMin: number): Record<string, number> {
  const tickets = sampleTickets();
  const rows = select(tickets, 'received_at', { ...QUARTERS[quarter], where: matching(tickets, { township }) });
  const f = ticketFigures(tickets, { ...QUARTERS[quarter], where: matching(tickets, { township }) });
  const [satisfaction, exit, reopened, returned, unattributable] = ['satisfaction', 'exit_reason', 'reopened', 'returned_count', 'unattributable'].map((c) => column(tickets, c));
  const count = (test: (i: number) => boolean) => rows.filter(test).length;
  return {
    // Rated (no exit reason) and not satisfied: 不满意 or 非常不满意.
    unsatisfied: count((i) => (satisfaction[i] === '不满意' || satisfaction[i] === '非常不满意') && !exit[i] && (SATISFACTION_SCALE as readonly unknown[]).includes(satisfaction[i])),
    // Due and not on time: closed after the deadline, or open past it at the quarter's end.
    late: f.closed_late + f.overdue_open,
    reopened: count((i) => reopened[i] === true),
    returned: count((i) => ((returned[i] as number | null) ?? 0) >= returnedMin),
    unattributable: count((i) => unattributable[i] === true),
  };
}

async function expectFlagCounts(page: Page, want: Record<string, number>) {
  for (const [flag, n] of Object.entries(want)) await expect(page.getByTestId(`review-flag-${flag}`), flag).toHaveAttribute('data-count', String(n));
}

async function firstRows(page: Page): Promise<{ id: string; flags: string[] }[]> {
  const rows = page.getByTestId('review-ticket');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-id') ?? '', flags: (el.getAttribute('data-flags') ?? '').split(',') })));
}

test('pick 悦来镇 and a quarter, record a finding, restart the browser, export the review pack', async () => {
  // Three sample loads (first visit, navigation, restart) at ~20–60 s each on this shared machine.
  test.setTimeout(600_000);
  const profile = await mkdtemp(join(tmpdir(), 'review-profile-'));
  try {
    let { context, page, guard } = await launchPersistent(profile);
    await page.goto(siteUrl('file', '#/review'));
    await waitForReady(page);
    // No parameters: the first township of the district list and the latest quarter, said so on the page.
    await expect(page.getByTestId('review-period')).toHaveAttribute('data-quarter', '2025Q4');
    await expect(page.getByTestId('review-period')).toHaveAttribute('data-township', '海门街道');
    await expect(page.getByTestId('review-defaulted')).toContainText('2025Q4');

    await page.getByTestId('review-township').selectOption('悦来镇');
    await expect(page).toHaveURL(/township=%E6%82%A6%E6%9D%A5%E9%95%87/);
    await page.getByTestId('review-quarter').selectOption('2024Q1');
    await expect(page).toHaveURL(/#\/review\?township=%E6%82%A6%E6%9D%A5%E9%95%87&quarter=2024Q1$/);
    await expect(page.getByTestId('review-defaulted')).toHaveCount(0);

    // Figures against the district and the area's rank.
    const satisfaction = page.getByTestId('review-metric-satisfaction_rate');
    await expect(satisfaction).not.toHaveAttribute('data-value', '');
    await expect(satisfaction).not.toHaveAttribute('data-district', '');
    await expect(page.getByTestId('review-rank')).not.toHaveAttribute('data-rank', '');

    const rows = await firstRows(page);
    for (const row of rows) {
      expect(row.flags.length, row.id).toBeGreaterThan(0);
      for (const f of row.flags) expect(FLAG_IDS, `${row.id}: ${f}`).toContain(f);
    }
    // Most severe first: the first ticket carries at least as many flags as the last shown.
    expect(rows[0].flags.length).toBeGreaterThanOrEqual(rows[rows.length - 1].flags.length);
    // Several flags on one ticket exist in the sample's key tickets.
    expect(rows.some((r) => r.flags.length >= 2)).toBe(true);

    // Record a finding on the most severe ticket.
    const target = rows[0].id;
    const row = page.locator(`[data-testid="review-ticket"][data-id="${target}"]`);
    await row.getByTestId('review-record').click();
    const form = page.locator(`[data-testid="finding-form"][data-ticket="${target}"]`);
    await form.getByTestId('finding-verdict').selectOption('部分属实');
    await expect(form.getByTestId('finding-save')).toHaveAttribute('data-state', 'saved');
    await form.getByTestId('finding-unit').fill('悦来镇城管办');
    await form.getByTestId('finding-unit').press('Tab');
    await form.getByTestId('finding-due').fill('2024-05-31');
    await form.getByTestId('finding-due').press('Tab');
    await expect(form.getByTestId('finding-save')).toHaveAttribute('data-state', 'saved');
    await expect(row.getByTestId('ticket-verdict')).toHaveText('部分属实');
    const url = page.url();
    expectNoProblems(guard);

    // A real restart: the whole browser closes; the profile (and its IndexedDB) stays on disk.
    await context.close();
    ({ context, page, guard } = await launchPersistent(profile));
    await page.goto(url);
    await waitForReady(page);
    const again = page.locator(`[data-testid="review-ticket"][data-id="${target}"]`);
    await expect(again.getByTestId('ticket-verdict')).toHaveText('部分属实');
    await again.getByTestId('review-record').click();
    const formAgain = page.locator(`[data-testid="finding-form"][data-ticket="${target}"]`);
    await expect(formAgain.getByTestId('finding-verdict')).toHaveValue('部分属实');
    await expect(formAgain.getByTestId('finding-unit')).toHaveValue('悦来镇城管办');
    await expect(formAgain.getByTestId('finding-due')).toHaveValue('2024-05-31');

    // The review pack: one click, two files.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('review-pack-export').click();
    await expect(page.getByTestId('review-pack-status')).toHaveAttribute('data-state', 'done');
    await expect.poll(() => downloads.length).toBe(2);
    const byExt = Object.fromEntries(downloads.map((d) => [d.suggestedFilename().split('.').pop(), d]));
    expect(byExt.pptx.suggestedFilename()).toBe('现场核查_悦来镇_2024Q1.pptx');
    expect(byExt.xlsx.suggestedFilename()).toBe('现场核查_悦来镇_2024Q1.xlsx');

    const zip = await JSZip.loadAsync(await readFile(await byExt.pptx.path()));
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    // Title, rates chart, figures table, flags chart, top tickets table.
    expect(slides.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(zip.files).some((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('悦来镇 2024Q1');

    const book = XLSX.read(await readFile(await byExt.xlsx.path()), { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0]];
    const table = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: null });
    const header = Object.keys(table[0]);
    for (const column of ['工单编号', '区镇', '季度', '严重度', '不满意', '超期/逾期办结', '重办', '多次退回', '重复诉求', '热点地址', '无法认定权属', '多部门办理', '涉企投诉', '核查结论', '整改状态', '责任单位', '整改期限', '备注']) {
      expect(header, column).toContain(column);
    }
    const recorded = table.find((r) => r['工单编号'] === target)!;
    expect(recorded).toMatchObject({ 区镇: '悦来镇', 季度: '2024Q1', 核查结论: '部分属实', 责任单位: '悦来镇城管办', 整改期限: '2024-05-31' });
    // Phones leave masked.
    for (const r of table.slice(0, 50)) {
      const phone = String(r['来电人 ☎'] ?? '');
      expect(phone, phone).not.toMatch(/\d{11}/);
    }
    expectNoProblems(guard);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a bookmarked flag filter over http; the area, district, previous-quarter figures and flag counts from the rows; the rules panel; findings round trips (JSON, XLSX); a wrong file changes nothing', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(siteUrl('http', '#/review?township=悦来镇&quarter=2024Q1&flag=late'));
  await waitForReady(page);
  const rows = await firstRows(page);
  for (const row of rows) expect(row.flags, row.id).toContain('late');
  const lateCount = Number(await page.getByTestId('review-flag-late').getAttribute('data-count'));
  expect(rows.length).toBe(Math.min(50, lateCount));
  await expect(page.getByTestId('review-flag-late')).toHaveAttribute('aria-pressed', 'true');

  // The area against the district and the quarter before (2023Q4: no tickets in the sample, so no
  // rates), and the flag counts.
  await expectReviewFigures(page, '悦来镇', '2024Q1', '2023Q4');
  await expect(page.getByTestId('review-no-previous')).toBeVisible();
  await expectFlagCounts(page, flagCounts('悦来镇', '2024Q1', 2));

  // The rules panel: a stricter 退回 threshold flags fewer tickets, and the defaults come back.
  const rules = page.getByTestId('review-rules');
  await rules.locator('summary').click();
  await rules.getByTestId('review-threshold-returnedMin').fill('3');
  await rules.getByTestId('review-threshold-returnedMin').press('Tab');
  await expect(rules).toHaveAttribute('data-changed', 'thresholds.returnedMin');
  await expect(rules.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const stricter = flagCounts('悦来镇', '2024Q1', 3).returned;
  expect(stricter).toBeLessThan(flagCounts('悦来镇', '2024Q1', 2).returned);
  await expect(page.getByTestId('review-flag-returned')).toHaveAttribute('data-count', String(stricter));
  await rules.getByRole('button', { name: '恢复默认' }).click();
  await expect(rules).toHaveAttribute('data-changed', '');
  await expect(rules.getByTestId('review-threshold-returnedMin')).toHaveValue('2');
  await expectFlagCounts(page, flagCounts('悦来镇', '2024Q1', 2));

  const target = rows[0].id;
  await page.locator(`[data-testid="review-ticket"][data-id="${target}"]`).getByTestId('review-record').click();
  const form = page.locator(`[data-testid="finding-form"][data-ticket="${target}"]`);
  await form.getByTestId('finding-verdict').selectOption('属实');
  await form.getByTestId('finding-rectification').selectOption('整改中');
  await expect(form.getByTestId('finding-save')).toHaveAttribute('data-state', 'saved');
  const count = page.getByTestId('findings-count');
  await expect(count).toHaveAttribute('data-total', '1');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('findings-export-json').click()]);
  const exported = JSON.parse(await readFile(await json.path(), 'utf8'));
  expect(exported).toMatchObject({ app: 'gov-workbench', kind: 'review-findings', version: 1 });
  expect(exported.findings).toEqual([expect.objectContaining({ ticketId: target, township: '悦来镇', quarter: '2024Q1', verdict: '属实', rectification: '整改中' })]);

  // A file that is not a findings file: refused, nothing changes.
  const dir = await mkdtemp(join(tmpdir(), 'review-files-'));
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"app":"gov-workbench","kind":"settings","version":1}');
  const input = page.getByTestId('findings-import-input');
  await input.setInputFiles(bad);
  const status = page.getByTestId('findings-import-status');
  await expect(status).toHaveAttribute('data-state', 'refused');
  await expect(count).toHaveAttribute('data-total', '1');

  // Another machine's file: our finding plus one new and one invalid row.
  exported.findings.push({ ...exported.findings[0], ticketId: 'HM-OTHER-1', verdict: '不属实' }, { ticketId: 'HM-BAD', township: '悦来镇', quarter: '2024Q9' });
  const other = join(dir, 'other.json');
  await writeFile(other, JSON.stringify(exported));
  await input.setInputFiles(other);
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(status).toHaveAttribute('data-added', '1');
  await expect(status).toHaveAttribute('data-invalid', '1');
  await expect(status).toContainText('HM-BAD');
  await expect(count).toHaveAttribute('data-total', '2');
  await expect(page.locator(`[data-testid="review-ticket"][data-id="${target}"]`).getByTestId('ticket-verdict')).toHaveText('属实');

  // The XLSX round trip: every finding as a row, and a row added in Excel comes back as a finding.
  const xlsx = await download(page, () => page.getByTestId('findings-export-xlsx').click());
  expect(xlsx.name).toMatch(/^核查结论-\d{8}-\d{4}\.xlsx$/);
  const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
  const sheet = book.Sheets[book.SheetNames[0]];
  const table = XLSX.utils.sheet_to_json<Record<string, string>>(sheet, { defval: '' });
  expect(table.map((r) => [r['工单编号'], r['区镇'], r['季度'], r['核查结论'], r['整改状态']]).sort()).toEqual(
    [
      [target, '悦来镇', '2024Q1', '属实', '整改中'],
      ['HM-OTHER-1', '悦来镇', '2024Q1', '不属实', '整改中'],
    ].sort(),
  );
  const second = rows[1].id;
  XLSX.utils.sheet_add_json(sheet, [{ 工单编号: second, 区镇: '悦来镇', 季度: '2024Q1', 核查结论: '部分属实', 整改状态: '未整改', 责任单位: '悦来镇综合执法局', 整改期限: '2024-06-30' }], { origin: -1, skipHeader: true, header: Object.keys(table[0]) });
  const edited = join(dir, 'edited.xlsx');
  await writeFile(edited, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
  await input.setInputFiles(edited);
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(status).toHaveAttribute('data-added', '1');
  await expect(status).toHaveAttribute('data-conflicts', '0');
  await expect(status).toHaveAttribute('data-invalid', '0');
  await expect(count).toHaveAttribute('data-total', '3');
  await expect(page.locator(`[data-testid="review-ticket"][data-id="${second}"]`).getByTestId('ticket-verdict')).toHaveText('部分属实');
  await rm(dir, { recursive: true, force: true });

  // The next quarter compares with this one: its previous-quarter column is 2024Q1 recomputed.
  await page.getByTestId('review-quarter').selectOption('2024Q2');
  await expect(page).toHaveURL(/quarter=2024Q2/);
  await expectReviewFigures(page, '悦来镇', '2024Q2', '2024Q1');
  await expect(page.getByTestId('review-no-previous')).toHaveCount(0);
});
