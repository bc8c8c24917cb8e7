// The data page (#/data) from file://, one page for the whole walk, as an assessor's session goes:
// an old binary XLS and its validation report (CSV and XLSX downloads), an HTML table saved as
// .xls, a Parquet export (written here by native DuckDB) and a JSON export that overlaps it, a file
// whose headers need confirming, deleting one dataset — and then the 口径 settings on
// #/definitions (weighted score, exit reasons, a fixed as-of time, working time), each changing the
// overview's figures to values worked out by hand below. Every file is small and hand-made, so
// every expected figure is written down here with its arithmetic.
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from '@e965/xlsx';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TIME_ZONE } from '../support/chromium';
import { barValues, download, expect, expectFigures, expectNoProblems, gotoInPage, guardContext, siteUrl, test, waitForReady, type Guard } from './support/fixtures';

const fixtures = resolve('test/fixtures/import');

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let context: BrowserContext;
let page: Page;
let guard: Guard;
let dir: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'gw-data-flows-'));
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: TIME_ZONE, acceptDownloads: true });
  guard = guardContext(context);
  page = await context.newPage();
  // Deleting a dataset asks first; the user says yes.
  page.on('dialog', (d) => void d.accept());
  await page.goto(siteUrl('file', '#/data'));
  await waitForReady(page);
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'sample');
});

test.afterEach(() => expectNoProblems(guard));

test.afterAll(async () => {
  await context?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The card of one imported file (names are unique within this walk). */
const card = (name: string): Locator => page.locator(`[data-testid="import-file"][data-file="${name}"]`);

async function importFile(path: string, state: 'done' | 'review' = 'done'): Promise<Locator> {
  await page.getByTestId('import-input').setInputFiles(path);
  const entry = card(path.split('/').pop()!);
  await expect(entry).toHaveAttribute('data-state', state, { timeout: 90_000 });
  return entry;
}

const status = () => page.getByTestId('import-status');
const datasetRow = (table: string) => page.locator(`[data-testid="dataset-row"][data-table="${table}"]`);

async function backToData() {
  await gotoInPage(page, '#/data');
  await expect(page.getByTestId('import-input')).toBeEnabled();
}

test('an old binary XLS: its rows, the damaged id rejected, and the validation report as CSV and XLSX', async () => {
  // legacy.xls (make-fixtures.ts): title row, group header, header, four tickets; the third id was
  // turned into 1.2024E+17 by Excel, so its row (Excel row 6) is rejected: 4 read, 1 rejected, 3 loaded.
  await importFile(join(fixtures, 'legacy.xls'));
  await expect(status()).toHaveAttribute('data-rows-read', '4');
  await expect(status()).toHaveAttribute('data-rows-rejected', '1');
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '3');
  await expect(page.getByTestId('report-rejected')).toContainText('1');

  const isDamagedRow = (r: string[]) => r[0] === 'legacy.xls' && r[1] === '6' && r[2] === '拒绝' && r[3] === '工单编号';
  const csv = await download(page, () => page.getByTestId('report-csv').click());
  expect(csv.name).toMatch(/^导入校验报告-\d{8}-\d{4}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvRows = csv.bytes.toString('utf8').slice(1).trim().split(/\r\n/).map((l) => l.split(','));
  expect(csvRows[0]).toEqual(['文件', 'Excel 行号', '类型', '列', '值', '原因']);
  expect(csvRows.filter((r) => r[2] === '拒绝')).toHaveLength(1);
  expect(csvRows.some(isDamagedRow), csvRows.join('\n')).toBe(true);

  const xlsx = await download(page, () => page.getByTestId('report-xlsx').click());
  expect(xlsx.name).toMatch(/^导入校验报告-\d{8}-\d{4}\.xlsx$/);
  const book = XLSX.read(xlsx.bytes, { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false });
  expect(rows[0]).toEqual(csvRows[0]);
  expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual(csvRows.slice(1).map((r) => r.slice(0, 5)));
  expect(rows.some((r) => isDamagedRow(r.map(String))), 'the damaged row in the XLSX').toBe(true);
});

test('an HTML table saved as .xls becomes grid events, its 18-digit ids kept as text', async () => {
  // html-table.xls: GBK HTML with a title row; two events with ids that a number would round.
  await importFile(join(fixtures, 'html-table.xls'));
  await expect(status()).toHaveAttribute('data-rows-read', '2');
  await expect(status()).toHaveAttribute('data-rows-rejected', '0');
  await expect(datasetRow('grid_events')).toHaveAttribute('data-rows', '2');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '3');

  await gotoInPage(page, '#/grid');
  const records = page.getByTestId('record-table');
  await expect(records).toHaveAttribute('data-count', '2');
  // The count arrives before the rows' window is fetched: wait for the rows themselves.
  await expect(records.getByTestId('record-row')).toHaveCount(2);
  const ids = await records.getByTestId('record-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).sort());
  expect(ids).toEqual(['202407000000000001', '202407000000000002']);
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', '2');
  await backToData();
});

test('a Parquet export and a JSON export that overlaps it: the later row wins, and May’s figures are the hand-worked ones', async () => {
  // Parquet from native DuckDB, as another system would write it: Chinese column names, real
  // TIMESTAMP columns (naive, so read as the wall clock: P1 at 03:00 on 1 May and P3 at 20:00 on
  // 31 May stay inside May only if no zone shifts them).
  const parquet = join(dir, 'may.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`COPY (
      SELECT * FROM (VALUES
        ('P1', TIMESTAMP '2024-05-01 03:00:00', TIMESTAMP '2024-05-06 03:00:00', TIMESTAMP '2024-05-01 15:00:00', '满意', '悦来镇'),
        ('P2', TIMESTAMP '2024-05-03 09:00:00', TIMESTAMP '2024-05-04 09:00:00', TIMESTAMP '2024-05-05 09:00:00', '不满意', '悦来镇'),
        ('P3', TIMESTAMP '2024-05-31 20:00:00', TIMESTAMP '2024-05-31 22:00:00', NULL, NULL, '四甲镇'),
        ('P4', TIMESTAMP '2024-05-07 11:00:00', TIMESTAMP '2024-05-12 11:00:00', TIMESTAMP '2024-05-08 11:00:00', '不满意', '四甲镇')
      ) AS t("工单编号", "受理时间", "办理时限", "办结时间", "满意度", "所属区镇")
    ) TO '${parquet}' (FORMAT parquet)`);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  await importFile(parquet);
  await expect(status()).toHaveAttribute('data-rows-read', '4');
  await expect(status()).toHaveAttribute('data-rows-rejected', '0');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '7');

  // The next export has two new tickets and P4 again, now closed earlier and rated 非常满意.
  const json = join(dir, 'may-update.json');
  writeFileSync(
    json,
    JSON.stringify([
      { 工单编号: 'J1', 受理时间: '2024-05-10 09:00:00', 办理时限: '2024-05-15 09:00:00', 办结时间: '2024-05-10 15:00:00', 满意度: '非常满意', 所属区镇: '悦来镇' },
      { 工单编号: 'J2', 受理时间: '2024-05-11 09:00:00', 办理时限: '2024-05-16 09:00:00', 办结时间: '2024-05-13 09:00:00', 满意度: '满意', 所属区镇: '四甲镇' },
      { 工单编号: 'P4', 受理时间: '2024-05-07 11:00:00', 办理时限: '2024-05-12 11:00:00', 办结时间: '2024-05-07 23:00:00', 满意度: '非常满意', 所属区镇: '四甲镇' },
    ]),
  );
  await importFile(json);
  await expect(status()).toHaveAttribute('data-rows-read', '3');
  await expect(status()).toHaveAttribute('data-duplicates-replaced', '1');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '9');

  // May: P1 P2 P3 P4' J1 J2. Rated P1 P2 P4' J1 J2, satisfied all but P2: 4/5. Due: all six
  // (P3 open past its 22:00 deadline at the as-of time, 1 June 00:00); on time P1 P4' J1 J2: 4/6;
  // P2 closed late. Closure hours 12 (P1), 48 (P2), 12 (P4'), 6 (J1), 48 (J2): median 12, p90 at
  // position 3.6 of 6 12 12 48 48 = 48. (Had P4 not been replaced: 3/5 and a median of 24.)
  await gotoInPage(page, '#/?from=2024-05-01&to=2024-05-31');
  await expectFigures(page, { total: 6, satisfaction_rate: 0.8, on_time_rate: 4 / 6, median_closure_hours: 12, p90_closure_hours: 48, overdue_open: 1 }, 'May');
  await backToData();
});

test('a file whose headers need confirming stops for review; the confirmed mapping applies and is remembered', async () => {
  // 工单-编号 and 受理日期 are only likely matches (normalised, and the time word swapped), and
  // 镇街名称 matches nothing: the user maps it to the township and confirms.
  const headers = '工单-编号,受理日期,镇街名称,回访结果';
  const first = join(dir, 'july-review.csv');
  writeFileSync(first, `${headers}\r\nR1,2024-07-01 09:00:00,海门街道,满意\r\nR2,2024-07-02 09:00:00,海门街道,不满意\r\nR3,2024-07-03 09:00:00,常乐镇,满意\r\n`);
  const entry = await importFile(first, 'review');
  await expect(status()).toHaveAttribute('data-state', 'idle');
  const mapping = entry.getByTestId('import-mapping');
  await expect(mapping.getByRole('combobox', { name: '工单-编号' })).toHaveValue('ticket_id');
  await expect(mapping.getByRole('combobox', { name: '受理日期' })).toHaveValue('received_at');
  await expect(mapping.getByRole('combobox', { name: '回访结果' })).toHaveValue('satisfaction');
  await expect(mapping.getByRole('combobox', { name: '镇街名称' })).toHaveValue('');
  await mapping.getByRole('combobox', { name: '镇街名称' }).selectOption('township');
  await entry.getByTestId('import-confirm').click();
  await expect(entry).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(status()).toHaveAttribute('data-rows-read', '3');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '12');

  // Next month's file from the same system: the same headers are mapped as confirmed, no review.
  const second = join(dir, 'july-again.csv');
  writeFileSync(second, `${headers}\r\nR4,2024-07-04 09:00:00,常乐镇,满意\r\n`);
  await importFile(second, 'done');
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '13');

  // July: R1 R2 (海门街道), R3 R4 (常乐镇); satisfied 3 of 4.
  await gotoInPage(page, '#/tickets?from=2024-07-01&to=2024-07-31');
  await expectFigures(page, { total: 4, satisfaction_rate: 0.75 }, 'July');
  await expect.poll(() => barValues(page.getByTestId('chart-ticket-township'))).toEqual({ 海门街道: 2, 常乐镇: 2 });
  await backToData();
});

test('deleting one dataset removes that table only', async () => {
  await expect(page.getByTestId('dataset-row')).toHaveCount(2);
  await datasetRow('grid_events').getByTestId('dataset-delete').click();
  await expect(page.getByTestId('dataset-row')).toHaveCount(1);
  await expect(datasetRow('tickets')).toHaveAttribute('data-rows', '13');
  await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
  await gotoInPage(page, '#/grid');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', '0');
  await gotoInPage(page, '#/?from=2024-05-01&to=2024-05-31');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', '6');
  await backToData();
});

// ---- the 口径 settings, on seven hand-made tickets around 国庆 2024 (holiday 1–7 October; Sunday
// 29 September and Saturday 12 October are working days, 国办发明电〔2023〕7号). Period 23 September
// to 13 October, so the automatic as-of time is 14 October 00:00.
//
//   id   received          deadline          closed            satisfaction  exit      natural h  working h
//   ST1  09-30 18:00 Mon   10-10 18:00       10-08 09:00 Tue   满意                    183        6 + 9 = 15
//   ST2  09-27 10:00 Fri   10-02 10:00       09-29 10:00 Sun*  基本满意                48         14 + 0 + 10 = 24
//   ST3  10-11 08:00 Fri   10-12 08:00       10-13 08:00 Sun   不满意                  48 (late)  16 + 24* + 0 = 40
//   ST4  09-24 09:00 Tue   09-29 09:00       09-24 21:00       非常满意      恶意举报  12         12
//   ST5  10-09 09:00       10-12 09:00       open
//   ST6  10-08 10:00 Tue   10-15 10:00       10-09 10:00       非常不满意    涉法涉诉  24         24
//   ST7  10-13 20:00       10-18 20:00       open
//
// Default: rated ST1 ST2 ST3 → 2/3 satisfied; due ST1–ST4, ST6 and ST5 (open past its deadline) = 6,
// on time ST1 ST2 ST4 ST6 = 4/6, overdue 1; closure 12 24 48 48 183 → median 48, p90 48 + 0.6·135 = 129.
const SETTINGS_PERIOD = '#/?from=2024-09-23&to=2024-10-13';
const DEFAULT_FIGURES = { total: 7, satisfaction_rate: 2 / 3, on_time_rate: 4 / 6, overdue_open: 1, median_closure_hours: 48, p90_closure_hours: 129 };

async function changeSetting(change: () => Promise<void>, nonDefault: string) {
  await gotoInPage(page, '#/definitions');
  const summary = page.getByTestId('settings-summary');
  await expect(page.getByTestId('settings-panel')).toHaveAttribute('data-loaded', 'true');
  await expect(summary).toHaveAttribute('data-nondefault', '');
  await change();
  await expect(summary).toHaveAttribute('data-nondefault', nonDefault);
  await gotoInPage(page, SETTINGS_PERIOD);
}

async function resetSettings() {
  await gotoInPage(page, '#/definitions');
  await page.getByTestId('settings-reset').click();
  await expect(page.getByTestId('settings-summary')).toHaveAttribute('data-nondefault', '');
}

test('settings: the hand-made October tickets under the default 口径', async () => {
  const csv = join(dir, 'national-day.csv');
  const rows = [
    ['工单编号', '受理时间', '办理时限', '办结时间', '满意度', '退出原因', '所属区镇'],
    ['ST1', '2024-09-30 18:00:00', '2024-10-10 18:00:00', '2024-10-08 09:00:00', '满意', '', '海门街道'],
    ['ST2', '2024-09-27 10:00:00', '2024-10-02 10:00:00', '2024-09-29 10:00:00', '基本满意', '', '海门街道'],
    ['ST3', '2024-10-11 08:00:00', '2024-10-12 08:00:00', '2024-10-13 08:00:00', '不满意', '', '海门街道'],
    ['ST4', '2024-09-24 09:00:00', '2024-09-29 09:00:00', '2024-09-24 21:00:00', '非常满意', '恶意举报', '海门街道'],
    ['ST5', '2024-10-09 09:00:00', '2024-10-12 09:00:00', '', '', '', '海门街道'],
    ['ST6', '2024-10-08 10:00:00', '2024-10-15 10:00:00', '2024-10-09 10:00:00', '非常不满意', '涉法涉诉', '海门街道'],
    ['ST7', '2024-10-13 20:00:00', '2024-10-18 20:00:00', '', '', '', '海门街道'],
  ];
  writeFileSync(csv, rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
  await importFile(csv);
  await expect(status()).toHaveAttribute('data-rows-read', '7');
  await gotoInPage(page, SETTINGS_PERIOD);
  await expectFigures(page, DEFAULT_FIGURES, 'default 口径');
  await expect(page.getByTestId('metric-satisfaction_rate')).toHaveAttribute('data-settings', 'default');
});

test('settings: the weighted score counts 满意 100, 基本满意 80, 不满意 0 → (100 + 80 + 0) / 3 = 60%', async () => {
  await changeSetting(() => page.getByTestId('setting-variant-weighted').check(), 'satisfactionVariant');
  await expectFigures(page, { ...DEFAULT_FIGURES, satisfaction_rate: 0.6 }, 'weighted');
  await expect(page.getByTestId('metric-satisfaction_rate')).toHaveAttribute('data-settings', 'non-default');
  await resetSettings();
});

test('settings: when 恶意举报 no longer excludes, ST4 (非常满意) is rated → 3 of 4 satisfied', async () => {
  await changeSetting(async () => {
    await page.getByTestId('setting-exit-list').check();
    await page.locator('#setting-excludedExitReasons').getByRole('checkbox', { name: '恶意举报' }).uncheck();
  }, 'excludedExitReasons');
  await expectFigures(page, { ...DEFAULT_FIGURES, satisfaction_rate: 0.75 }, 'exit reasons');
  await resetSettings();
});

test('settings: as of 20 October 12:00, ST7 is past due too → 4 of 7 on time, 2 overdue', async () => {
  await changeSetting(async () => {
    await page.getByTestId('setting-asof-fixed').check();
    await page.getByTestId('setting-asof').fill('2024-10-20T12:00');
    await page.getByTestId('setting-asof').press('Tab');
  }, 'asOf');
  await expectFigures(page, { ...DEFAULT_FIGURES, on_time_rate: 4 / 7, overdue_open: 2 }, 'as-of');
  await resetSettings();
});

// In working time the holiday does not count: closure 12 15 24 24 40 → median 24, p90 24 + 0.6·16 = 33.6.
const WORKING_FIGURES = { ...DEFAULT_FIGURES, median_closure_hours: 24, p90_closure_hours: 33.6 };

test('settings: in working time the overview counts only working days', async () => {
  // Before any page that builds the working-day table itself (#/tickets): the overview must prepare
  // its own metrics (this once failed with "Table with name work_calendar does not exist").
  await changeSetting(() => page.getByTestId('setting-duration-working').check(), 'durationMode');
  await expect(page.getByTestId('metric-total')).toHaveAttribute('data-state', /^(ready|error)$/);
  await expect(page.getByTestId('metric-total'), 'the overview under working time').toHaveAttribute('data-state', 'ready', { timeout: 1_000 });
  await expectFigures(page, WORKING_FIGURES, 'working time on the overview');
  await resetSettings();
});

test('settings: in working time #/tickets counts only working days → median 24 h, p90 33.6 h', async () => {
  await gotoInPage(page, '#/definitions');
  await page.getByTestId('setting-duration-working').check();
  await expect(page.getByTestId('settings-summary')).toHaveAttribute('data-nondefault', 'durationMode');
  await gotoInPage(page, SETTINGS_PERIOD.replace('#/', '#/tickets'));
  await expectFigures(page, WORKING_FIGURES, 'working time on #/tickets');
  await expect(page.getByTestId('metric-median_closure_hours')).toHaveAttribute('data-settings', 'non-default');
  await resetSettings();
});
