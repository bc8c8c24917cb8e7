// Issue 6 from file://, on the overview: the monthly-trend chart exports PNG at 2× and 3× its CSS
// size (not blank), an SVG whose text uses the font the SVG itself carries; the township table
// exports as XLSX, UTF-8 CSV and GB18030 CSV (its figures recomputed from the generated rows); the
// chart and the table go into the briefing basket, which survives a reload, exports a PPTX that
// unzips to the expected slides and converts with LibreOffice to a PDF of as many pages, and
// reorders and removes items.
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import { cmapOf } from '../../src/lib/export/font/cmap';
import { pdfPagesOf } from './support/libreoffice';
import { column, groupBy, select, ticketFigures } from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { download, expect, siteUrl, test, waitForReady } from './support/fixtures';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});


async function openMenu(menu: Locator): Promise<void> {
  await menu.locator('button.toggle').click();
  await expect(menu.getByRole('menu')).toBeVisible();
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decoded in the page: share of non-white pixels and of the bar colour (#0072B2). */
async function pngInk(page: Page, bytes: Buffer): Promise<{ ink: number; blue: number }> {
  return page.evaluate(async (base64) => {
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) ink++;
      if (Math.abs(data[i] - 0x00) < 12 && Math.abs(data[i + 1] - 0x72) < 12 && Math.abs(data[i + 2] - 0xb2) < 12) blue++;
    }
    const total = data.length / 4;
    return { ink: ink / total, blue: blue / total };
  }, bytes.toString('base64'));
}

test('charts export PNG/SVG with their font; the basket exports a PPTX that LibreOffice opens', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(siteUrl('file', '#/'));
  await waitForReady(page);
  const chart = page.getByTestId('chart-monthly-trend');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  await expect(chart.locator('svg').first()).toBeVisible();
  const menu = chart.getByTestId('export-menu');
  const plot = chart.locator('.plot');
  const css = await plot.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
  });
  expect(css.width).toBeGreaterThan(200);

  // PNG 2× without the caption: exactly twice the chart's CSS size, with ink and the bar colour.
  await openMenu(menu);
  await menu.getByTestId('export-caption').uncheck();
  const png2 = await download(page, () => menu.getByTestId('export-png').click());
  expect(png2.name).toMatch(/\.2x\.png$|2x\.png$/);
  expect(pngSize(png2.bytes)).toEqual({ width: css.width * 2, height: css.height * 2 });
  const ink2 = await pngInk(page, png2.bytes);
  expect(ink2.ink).toBeGreaterThan(0.03);
  expect(ink2.blue).toBeGreaterThan(0.01);

  // With the caption: SVG and PNG 3× share one size, the chart's plus title and caption lines.
  await openMenu(menu);
  await menu.getByTestId('export-caption').check();
  const svgFile = await download(page, () => menu.getByTestId('export-svg').click());
  const svg = svgFile.bytes.toString('utf8');
  const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
  const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);
  expect(width).toBe(css.width);
  expect(height).toBeGreaterThan(css.height + 30);
  await openMenu(menu);
  const png3 = await download(page, () => menu.getByTestId('export-png-3x').click());
  expect(pngSize(png3.bytes)).toEqual({ width: width * 3, height: height * 3 });
  expect((await pngInk(page, png3.bytes)).ink).toBeGreaterThan(0.03);

  // The SVG carries its font: an @font-face data: URL, named by the rule every text uses, whose
  // cmap covers every character of the SVG's text (title and caption included).
  const face = /@font-face\{font-family:'([^']+)';src:url\(data:font\/otf;base64,([A-Za-z0-9+/=]+)\)/.exec(svg);
  expect(face, 'embedded @font-face').not.toBeNull();
  expect(svg).toContain(`text,tspan{font-family:'${face![1]}'`);
  const font = Buffer.from(face![2], 'base64');
  expect(font.subarray(0, 4).toString('latin1')).toBe('OTTO');
  expect(font.length).toBeLessThan(150_000); // cut to this SVG's glyphs, not the whole 1 MB subset
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
  expect(texts).toContain('数据来源');
  const mapped = cmapOf(new Uint8Array(font));
  const missing = [...new Set(texts.replace(/&[a-z]+;/g, ''))].filter((ch) => ch.trim() && !mapped.has(ch.codePointAt(0)!));
  expect(missing).toEqual([]);

  // Township table: XLSX keeps numbers and formats; CSV is UTF-8 with a BOM.
  const tableMenu = page.getByTestId('table-export-menu');
  const townshipRows = await page.getByTestId('township-table').locator('tbody tr').count();
  await openMenu(tableMenu);
  const xlsx = await download(page, () => tableMenu.getByTestId('export-xlsx').click());
  const sheet = XLSX.read(xlsx.bytes, { type: 'buffer', cellNF: true });
  const rows = sheet.Sheets[sheet.SheetNames[0]];
  expect(rows.A1.v).toBe('区镇');
  expect(rows.C2).toMatchObject({ t: 'n', z: '0.0%' });
  expect(XLSX.utils.sheet_to_json(rows)).toHaveLength(townshipRows);
  await openMenu(tableMenu);
  const csv = await download(page, () => tableMenu.getByTestId('export-csv').click());
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

  // The same table as GB18030 (for tools that read only the local code page): no BOM, not UTF-8,
  // and its figures are the townships' own, recomputed from the generated rows.
  await openMenu(tableMenu);
  const gb = await download(page, () => tableMenu.getByTestId('export-csv-gb18030').click());
  expect(gb.name).toMatch(/GB18030.*\.csv$/);
  expect([...gb.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb.bytes)).toThrow();
  const lines = new TextDecoder('gb18030').decode(gb.bytes).trimEnd().split('\r\n').map((l) => l.split(','));
  expect(lines[0].slice(0, 3)).toEqual(['区镇', '工单总量', '满意率']);
  const tickets = sampleTickets();
  const townshipOf = column<string | null>(tickets, 'township');
  const byTownship = groupBy(select(tickets, 'received_at'), (i) => townshipOf[i]);
  expect(lines.slice(1).map((l) => l[0]).sort()).toEqual([...byTownship.keys()].map(String).sort());
  for (const [name, total, satisfaction] of lines.slice(1)) {
    const want = ticketFigures(tickets, { where: (i) => townshipOf[i] === name });
    expect(Number(total), name).toBe(want.total);
    expect(Number(satisfaction), name).toBeCloseTo(want.satisfaction_rate!, 9);
  }

  // Into the basket: the chart, then the table.
  await openMenu(menu);
  await menu.getByTestId('add-to-briefing').click();
  await expect(menu.getByTestId('export-message')).toContainText('1');
  await openMenu(tableMenu);
  await tableMenu.getByTestId('add-to-briefing').click();
  await expect(tableMenu.getByTestId('export-message')).toContainText('2');

  // The basket survives a reload (IndexedDB); retitle and annotate, then export.
  await page.goto(siteUrl('file', '#/briefing'));
  const items = page.getByTestId('briefing-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'chart');
  await items.nth(0).getByTestId('briefing-item-title').fill('月度工单量与满意率');
  await items.nth(0).getByTestId('briefing-item-title').blur();
  await items.nth(0).getByTestId('briefing-item-note').fill('三月回落，需关注');
  await items.nth(0).getByTestId('briefing-item-note').blur();
  const slides = 1 + 1 + Math.ceil(townshipRows / 12);
  await expect(page.getByTestId('briefing-export')).toHaveAttribute('data-slides', String(slides));
  const deck = await download(page, () => page.getByTestId('briefing-export').click());
  expect(deck.name).toMatch(/\.pptx$/);

  const zip = await JSZip.loadAsync(deck.bytes);
  const names = Object.keys(zip.files);
  expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(slides);
  expect(names.some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true); // the two-panel chart as an image
  const slide2 = await zip.file('ppt/slides/slide2.xml')!.async('string');
  expect(slide2).toContain('月度工单量与满意率');
  expect(slide2).toContain('三月回落，需关注');
  const slide3 = await zip.file('ppt/slides/slide3.xml')!.async('string');
  expect(slide3).toContain('<a:tbl>');
  expect(slide3).toContain('满意率');

  // Reordering and removing: the table moves above the chart and stays there after a reload;
  // removing the chart leaves the table's slides alone.
  const chartTitle = await items.nth(0).getByTestId('briefing-item-title').inputValue();
  await items.nth(0).getByRole('button', { name: /^下移/ }).click();
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'table');
  await expect(items.nth(1).getByTestId('briefing-item-title')).toHaveValue(chartTitle);
  await expect(items.nth(0).getByRole('button', { name: /^上移/ })).toBeDisabled();
  await expect(page.getByTestId('briefing-export')).toHaveAttribute('data-slides', String(slides));
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'table');
  await expect(items.nth(1)).toHaveAttribute('data-kind', 'chart');
  await expect(items.nth(1).getByTestId('briefing-item-note')).toHaveValue('三月回落，需关注');
  await items.nth(1).getByRole('button', { name: /^移除/ }).click();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'table');
  await expect(page.getByTestId('briefing-export')).toHaveAttribute('data-slides', String(1 + Math.ceil(townshipRows / 12)));

  const pages = pdfPagesOf(deck.bytes, 'deck');
  if (pages !== null) expect(pages).toBe(slides);
});
