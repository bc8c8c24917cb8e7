// The quarterly on-site review from file://: pick 悦来镇 and a quarter of the sample, see the key
// tickets with their flags, record a finding, restart the browser (a persistent profile, so
// IndexedDB survives as it does on a real laptop) and find it again, then export the review pack
// and open both files. Then, over http: a bookmarked flag filter, and the findings file round trip.
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { chromium, type BrowserContext, type Download, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../support/chromium';
import { expect, siteUrl, test, waitForReady } from './support/fixtures';

const FLAG_IDS = ['unsatisfied', 'late', 'reopened', 'returned', 'repeat', 'hotspot', 'unattributable', 'multi_department', 'enterprise_complaint'];

async function launch(profile: string): Promise<{ context: BrowserContext; problems: string[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutablePath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  const problems: string[] = [];
  context.on('request', (r) => {
    if (!/^(file|blob|data|about):/.test(r.url())) problems.push(`request to another host: ${r.url()}`);
  });
  context.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error: ${e.message}`)));
  return { context, problems };
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
    let { context, problems } = await launch(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
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
    expect(problems).toEqual([]);

    // A real restart: the whole browser closes; the profile (and its IndexedDB) stays on disk.
    await context.close();
    ({ context, problems } = await launch(profile));
    page = await context.newPage();
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
    expect(problems).toEqual([]);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a bookmarked flag filter over http, and the findings file round trip; a wrong file changes nothing', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(siteUrl('http', '#/review?township=悦来镇&quarter=2024Q1&flag=late'));
  await waitForReady(page);
  const rows = await firstRows(page);
  for (const row of rows) expect(row.flags, row.id).toContain('late');
  const lateCount = Number(await page.getByTestId('review-flag-late').getAttribute('data-count'));
  expect(rows.length).toBe(Math.min(50, lateCount));
  await expect(page.getByTestId('review-flag-late')).toHaveAttribute('aria-pressed', 'true');

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
  await rm(dir, { recursive: true, force: true });
});
