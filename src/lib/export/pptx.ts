// The briefing basket as a 16:9 PowerPoint deck, built in the browser with pptxgenjs (no network:
// every image is handed over as data, so pptxgenjs never loads a URL). A title slide with the
// period and data source, then one slide per item: a native, editable chart where the chart's
// kind maps to one (bar, line, pie), its rasterised image otherwise; tables as native tables,
// split over several slides when long.
//
// Font: every text run names PPTX_FONT_FACE, Noto Sans CJK SC — the face the chart images carry
// (the shipped subset), so slide text and images match, and LibreOffice renders it exactly where
// fonts-noto-cjk is installed. A deck cannot carry a font: where the face is missing (a Windows
// office PC), PowerPoint and WPS substitute their Chinese UI font for the runs, which are marked
// zh-CN; the theme names PPTX_FALLBACK_FONT_FACE (Microsoft YaHei, present on every Windows PC)
// for anything typed into the deck later. (Tried the other way round: with YaHei on the runs,
// LibreOffice on Debian substituted the Japanese face of Noto CJK, with Japanese glyph forms.)
import type PptxGenJS from 'pptxgenjs';
import { officeLibraries } from '$lib/platform/office';
import { PALETTE } from '$lib/charts/theme';
import { formatValue, NUMBER_FORMAT } from './format';
import { maskCell } from '$lib/privacy';
import { svgToPngBlob } from './raster';
import { embedFont } from './svg';
import type { BriefingItem, ChartData, Deck, TableColumn, TableData } from './types';

export const PPTX_FONT_FACE = 'Noto Sans CJK SC';
export const PPTX_FALLBACK_FONT_FACE = 'Microsoft YaHei';
export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
/** Table rows per slide below the header: 12pt rows fit the 16:9 content area. */
export const TABLE_ROWS_PER_SLIDE = 12;

export interface DeckOptions {
  /** SVG → PNG data URL (image/png;base64,…). The browser default draws through a canvas. */
  rasterise?: (svg: string, width: number, height: number) => Promise<string>;
  /** Mask personal data in tables (default true). */
  masked?: boolean;
  now?: Date;
  /** Labels for the title slide's fixed lines (the UI passes its locale's). */
  labels?: { source: string; generated: string; page: (n: number, of: number) => string };
}

const W = 13.333;
const H = 7.5;
const MARGIN = 0.5;
const CONTENT = { x: MARGIN, y: 1.1, w: W - 2 * MARGIN, h: 5.1 };
const COLORS = PALETTE.map((c) => c.slice(1));
// Runs are marked zh-CN so that a viewer lacking the named font picks a Chinese substitute.
const LANG = 'zh-CN';
const TEXT = { fontFace: PPTX_FONT_FACE, color: '1F2933', lang: LANG };

const DEFAULT_LABELS: Required<DeckOptions>['labels'] = {
  source: '数据来源',
  generated: '生成时间',
  page: (n, of) => `（${n}/${of}）`,
};

function tableChunks(table: TableData): TableData['rows'][] {
  const chunks: TableData['rows'][] = [];
  for (let i = 0; i < table.rows.length; i += TABLE_ROWS_PER_SLIDE) chunks.push(table.rows.slice(i, i + TABLE_ROWS_PER_SLIDE));
  return chunks.length ? chunks : [[]];
}

/** Slides the deck will have: the title slide plus one per chart and per table page. */
export function deckSlideCount(deck: Deck): number {
  return 1 + deck.items.reduce((n, item) => n + (item.kind === 'table' ? tableChunks(item.table).length : 1), 0);
}

/** A chart whose data maps onto a native PowerPoint chart of its kind. */
export function isNativeChart(chart: ChartData): boolean {
  if (chart.kind === 'image' || chart.labels.length === 0 || chart.series.length === 0) return false;
  if (chart.series.some((s) => s.values.length !== chart.labels.length)) return false;
  return chart.kind !== 'pie' || chart.series.length === 1;
}

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

function addHeader(slide: PptxGenJS.Slide, title: string, caption: string, note: string): void {
  slide.addText(title, { ...TEXT, x: MARGIN, y: 0.3, w: CONTENT.w, h: 0.7, fontSize: 24, bold: true, valign: 'middle' });
  const bottom: PptxGenJS.TextProps[] = [];
  if (note) bottom.push({ text: note, options: { ...TEXT, fontSize: 14, breakLine: true } });
  if (caption) bottom.push({ text: caption, options: { ...TEXT, fontSize: 10, color: '5F6B7A' } });
  if (bottom.length) slide.addText(bottom, { x: MARGIN, y: CONTENT.y + CONTENT.h + 0.1, w: CONTENT.w, h: H - CONTENT.y - CONTENT.h - 0.3, valign: 'top', fontFace: PPTX_FONT_FACE, lang: LANG });
  if (note) slide.addNotes(note);
}

function addNativeChart(pptx: PptxGenJS, slide: PptxGenJS.Slide, chart: ChartData): void {
  const type = chart.kind === 'bar' ? pptx.ChartType.bar : chart.kind === 'line' ? pptx.ChartType.line : pptx.ChartType.pie;
  const data = chart.series.map((s) => ({ name: s.name, labels: chart.labels, values: s.values as number[] }));
  const format = NUMBER_FORMAT[chart.unit] ?? 'General';
  const font = PPTX_FONT_FACE;
  slide.addChart(type, data, {
    ...CONTENT,
    lang: LANG,
    barDir: 'col',
    chartColors: COLORS.slice(0, Math.max(chart.series.length, chart.kind === 'pie' ? chart.labels.length : 1)),
    showLegend: chart.series.length > 1 || chart.kind === 'pie',
    legendPos: 'b',
    legendFontFace: font,
    legendFontSize: 12,
    catAxisLabelFontFace: font,
    catAxisLabelFontSize: 11,
    valAxisLabelFontFace: font,
    valAxisLabelFontSize: 11,
    valAxisLabelFormatCode: format,
    dataLabelFormatCode: chart.kind === 'pie' ? '0.0%' : format,
    dataLabelFontFace: font,
    showPercent: chart.kind === 'pie',
    showValue: false,
    lineSize: 2,
    lineDataSymbolSize: 5,
  });
}

async function addChartImage(slide: PptxGenJS.Slide, item: Extract<BriefingItem, { kind: 'chart' }>, rasterise: NonNullable<DeckOptions['rasterise']>): Promise<void> {
  const width = item.width ?? 800;
  const height = item.height ?? 450;
  const data = await rasterise(item.svg, width, height);
  // Fit the content box, keeping the aspect ratio, centred horizontally.
  const scale = Math.min(CONTENT.w / width, CONTENT.h / height);
  const w = width * scale;
  const h = height * scale;
  slide.addImage({ data, x: CONTENT.x + (CONTENT.w - w) / 2, y: CONTENT.y, w, h });
}

/** A table cell as the deck shows it: text masked by the same rules as every export. */
function maskedValue(column: TableColumn, value: TableData['rows'][number][string], masked: boolean): TableData['rows'][number][string] {
  return typeof value === 'string' ? maskCell({ name: column.id, pii: column.pii }, value, masked) : value;
}

function addTable(slide: PptxGenJS.Slide, table: TableData, rows: TableData['rows'], masked: boolean): void {
  const header: PptxGenJS.TableCell[] = table.columns.map((c) => ({
    text: c.label,
    options: { bold: true, color: 'FFFFFF', fill: { color: COLORS[0] }, align: c.unit === 'text' || c.unit === 'date' ? 'left' : 'right' },
  }));
  const body: PptxGenJS.TableCell[][] = rows.map((row) =>
    table.columns.map((c) => ({
      text: formatValue(maskedValue(c, row[c.id] ?? null, masked), c.unit),
      options: { align: c.unit === 'text' || c.unit === 'date' ? 'left' : 'right' },
    })),
  );
  slide.addTable([header, ...body], {
    ...CONTENT,
    h: undefined,
    fontFace: PPTX_FONT_FACE,
    lang: LANG,
    fontSize: 12,
    color: '1F2933',
    border: { type: 'solid', pt: 0.5, color: 'C9D1DA' },
    rowH: 0.36,
    colW: table.columns.map(() => CONTENT.w / Math.max(1, table.columns.length)),
    valign: 'middle',
  });
}

/** Draw an SVG through an <img> onto a canvas: the browser's rasteriser, at 2× for crisp slides. */
async function browserRasterise(svg: string, width: number, height: number): Promise<string> {
  const blob = await svgToPngBlob(await embedFont(svg), width, height, 2);
  const buffer = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
  return `image/png;base64,${btoa(binary)}`;
}

export async function buildDeckBytes(deck: Deck, options: DeckOptions = {}): Promise<Uint8Array> {
  const labels = options.labels ?? DEFAULT_LABELS;
  const masked = options.masked ?? true;
  const rasterise = options.rasterise ?? browserRasterise;
  const { PptxGenJS: Presentation } = await officeLibraries();
  const pptx = new Presentation();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.theme = { headFontFace: PPTX_FALLBACK_FONT_FACE, bodyFontFace: PPTX_FALLBACK_FONT_FACE };

  const cover = pptx.addSlide();
  cover.addText(deck.title, { ...TEXT, x: MARGIN, y: 2.2, w: CONTENT.w, h: 1.2, fontSize: 36, bold: true, align: 'center' });
  const lines: PptxGenJS.TextProps[] = [];
  if (deck.subtitle) lines.push({ text: deck.subtitle, options: { ...TEXT, fontSize: 20, breakLine: true } });
  if (deck.source) lines.push({ text: `${labels.source}：${deck.source}`, options: { ...TEXT, fontSize: 16, breakLine: true } });
  lines.push({ text: `${labels.generated}：${stamp(options.now ?? new Date())}`, options: { ...TEXT, fontSize: 14, color: '5F6B7A' } });
  cover.addText(lines, { x: MARGIN, y: 3.6, w: CONTENT.w, h: 1.8, align: 'center', valign: 'top', fontFace: PPTX_FONT_FACE, lang: LANG });

  for (const item of deck.items) {
    if (item.kind === 'chart') {
      const slide = pptx.addSlide();
      addHeader(slide, item.title, item.caption, item.note);
      if (isNativeChart(item.chart)) addNativeChart(pptx, slide, item.chart);
      else await addChartImage(slide, item, rasterise);
    } else {
      const chunks = tableChunks(item.table);
      chunks.forEach((rows, i) => {
        const slide = pptx.addSlide();
        const title = chunks.length > 1 ? `${item.title}${labels.page(i + 1, chunks.length)}` : item.title;
        addHeader(slide, title, item.caption, item.note);
        addTable(slide, item.table, rows, masked);
      });
    }
  }
  const out = (await pptx.write({ outputType: 'arraybuffer', compression: true })) as ArrayBuffer;
  return new Uint8Array(out);
}

/** The deck as a .pptx Blob (the contract the review pack codes against). */
export async function buildDeck(deck: Deck, options: DeckOptions = {}): Promise<Blob> {
  const bytes = await buildDeckBytes(deck, options);
  return new Blob([bytes as BlobPart], { type: PPTX_MIME });
}
