// What the chart export menu does, apart from the menu itself: compose the chart's SVG with its
// caption, embed the font, rasterise, save, copy, or turn it into a briefing item.
import { downloadBlob, exportFileName } from './download';
import { svgToPngBlob } from './raster';
import { composeChartSvg, embedFont, type CaptionParts } from './svg';
import type { BriefingItem, ChartData } from './types';

export const PNG_SCALES = [2, 3] as const;

export async function chartSvgWithFont(host: Element, caption: CaptionParts | null) {
  const composed = composeChartSvg(host, caption);
  return { ...composed, svg: await embedFont(composed.svg) };
}

export async function chartPngBlob(host: Element, caption: CaptionParts | null, scale: number): Promise<Blob> {
  const { svg, width, height } = await chartSvgWithFont(host, caption);
  return svgToPngBlob(svg, width, height, scale);
}

export async function downloadChartPng(host: Element, caption: CaptionParts | null, title: string, scale: number): Promise<void> {
  downloadBlob(await chartPngBlob(host, caption, scale), exportFileName(title, `${scale}x.png`));
}

export async function downloadChartSvg(host: Element, caption: CaptionParts | null, title: string): Promise<void> {
  const { svg } = await chartSvgWithFont(host, caption);
  downloadBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), exportFileName(title, 'svg'));
}

/** PNG on the clipboard (what Word, WPS and PowerPoint paste); the promise form keeps the user gesture. */
export async function copyChart(host: Element, caption: CaptionParts | null): Promise<void> {
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new Error('clipboard unavailable');
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': chartPngBlob(host, caption, 2) })]);
}

/** A chart as a basket item; its SVG is stored without the font (added when the deck is built). */
export function chartBriefingItem(host: Element, id: string, title: string, captionLines: string[], data: ChartData | null): BriefingItem {
  // The slide has its own title and caption text: the image is the bare chart.
  const { svg, width, height } = composeChartSvg(host, null);
  return {
    kind: 'chart',
    id,
    title,
    note: '',
    caption: captionLines.join(' · '),
    chart: data ?? { kind: 'image', labels: [], series: [], unit: 'count' },
    svg,
    width,
    height,
  };
}
