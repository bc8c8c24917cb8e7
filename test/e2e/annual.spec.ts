// The annual report from file:// for 2025 against 2024: ranks, rank change and YoY checked against
// metrics.md's composite ranking recomputed in plain TypeScript, targets met against satisfaction
// over 省/市 callbacks, and the one-click export: a PPTX with a native chart that LibreOffice
// converts, and an XLSX with every unit.
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import { pdfPagesOf } from './support/libreoffice';
import { rankUnits, satisfactionTargetReading } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { expect, test, waitForReady, gotoInPage } from './support/fixtures';

test.beforeAll(() => {
  sampleTickets();
});


test('annual: 2025 township ranking with rank change, YoY and targets; PPTX and XLSX in one click', async ({ samplePage: page }) => {
  test.setTimeout(300_000);
  await gotoInPage(page, '#/annual?year=2025');
  await waitForReady(page);
  await expect(page.getByTestId('annual-report')).toHaveAttribute('data-state', 'ready');

  const now = rankUnits(sampleTickets(), { from: '2025-01-01', to: '2025-12-31' }, 'township');
  const before = new Map(rankUnits(sampleTickets(), { from: '2024-01-01', to: '2024-12-31' }, 'township').map((u) => [u.key, u]));
  const targets = new Map(satisfactionTargetReading(sampleTickets(), { from: '2025-01-01', to: '2025-12-31' }, 'township', 0.95).units.map((u) => [u.key, u]));
  const rows = page.getByTestId('annual-township').getByTestId('annual-row');
  await expect(rows).toHaveCount(now.length);
  // The drivers arrive last; wait for them before reading the rows.
  await expect(rows.first()).toHaveAttribute('data-driver', /./);
  const shown = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key')!,
      rank: tr.getAttribute('data-rank'),
      change: tr.getAttribute('data-rank-change'),
      yoy: tr.getAttribute('data-yoy'),
      met: tr.getAttribute('data-target-met'),
    })),
  );
  expect(shown.map((r) => r.key)).toEqual(now.map((u) => u.key));
  shown.forEach((row, i) => {
    const unit = now[i];
    const past = before.get(unit.key);
    expect(row.rank, unit.key).toBe(unit.rank === null ? '' : String(unit.rank));
    const change = unit.rank !== null && past?.rank != null ? past.rank - unit.rank : null;
    expect(row.change, `${unit.key} rank change`).toBe(change === null ? '' : String(change));
    const yoy = unit.components.satisfaction_rate! - past!.components.satisfaction_rate!;
    expect(Number(row.yoy), `${unit.key} YoY`).toBeCloseTo(yoy, 9);
    expect(row.met, `${unit.key} target`).toBe(String(!targets.get(unit.key)!.below));
  });
  const missed = [...targets.values()].filter((u) => u.below).length;
  await expect(page.getByTestId('annual-targets')).toHaveAttribute('data-missed', String(missed));

  const files: Download[] = [];
  page.on('download', (d) => files.push(d));
  await page.getByTestId('annual-export').click();
  await expect(page.getByTestId('annual-export-status')).toHaveAttribute('data-state', 'done');
  await expect.poll(() => files.length).toBe(2);
  const byExt = Object.fromEntries(await Promise.all(files.map(async (f) => [f.suggestedFilename().split('.').pop()!, readFileSync((await f.path())!)] as const)));

  const zip = await JSZip.loadAsync(byExt.pptx);
  const names = Object.keys(zip.files);
  expect(names.some((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)), 'a native chart').toBe(true);
  const workbook = XLSX.read(byExt.xlsx);
  const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(workbook.Sheets[workbook.SheetNames[0]]);
  const departments = rankUnits(sampleTickets(), { from: '2025-01-01', to: '2025-12-31' }, 'department');
  expect(sheet.length).toBe(now.length + departments.length);

  const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const pages = pdfPagesOf(byExt.pptx, 'annual');
  if (pages !== null) expect(pages).toBe(slides);
});
