// A chart as one standalone SVG: the chart's own <svg> elements (a renderer may draw several
// aligned panels) placed where they sit on screen, a white background, an optional caption
// (title above; period, filters, source, generation time below) and a <style> that makes every
// text use the font the SVG carries (an @font-face data: URL added by embedFont).
import { EXPORT_FONT_STACK, fontFaceFor } from './font/load';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT_SLOT = '/*font-face*/';
const TITLE_H = 30;
const LINE_H = 16;
const PAD = 12;

export interface ComposedSvg {
  /** Standalone SVG markup, without the font (see embedFont). */
  svg: string;
  width: number;
  height: number;
}

export interface CaptionParts {
  title: string;
  /** Lines under the chart: period and filters, data source and generation time. */
  lines: string[];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Outermost <svg> elements under `host` (not nested ones, which travel with their parent). */
function topLevelSvgs(host: Element): SVGSVGElement[] {
  return [...host.querySelectorAll('svg')].filter((svg) => !svg.parentElement?.closest('svg'));
}

export function composeChartSvg(host: Element, caption: CaptionParts | null): ComposedSvg {
  const origin = host.getBoundingClientRect();
  const panels = topLevelSvgs(host).map((svg) => ({ svg, rect: svg.getBoundingClientRect() }));
  const chartW = Math.ceil(Math.max(origin.width, ...panels.map((p) => p.rect.right - origin.left)));
  const chartH = Math.ceil(Math.max(1, origin.height, ...panels.map((p) => p.rect.bottom - origin.top)));
  const top = caption ? TITLE_H : 0;
  const bottom = caption && caption.lines.length ? PAD / 2 + caption.lines.length * LINE_H + PAD / 2 : 0;
  const width = chartW;
  const height = top + chartH + bottom;
  const color = getComputedStyle(host).color || '#1f2933';

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="color:${color}">`,
    `<style>${FONT_SLOT}text,tspan{font-family:${EXPORT_FONT_STACK} !important;}</style>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  if (caption) {
    parts.push(`<text class="export-title" x="0" y="20" font-size="16" font-weight="600" fill="currentColor">${escapeXml(caption.title)}</text>`);
  }
  for (const { svg, rect } of panels) {
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(rect.left - origin.left));
    clone.setAttribute('y', String(top + rect.top - origin.top));
    clone.setAttribute('width', String(rect.width));
    clone.setAttribute('height', String(rect.height));
    if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${rect.width} ${rect.height}`);
    parts.push(new XMLSerializer().serializeToString(clone));
  }
  parts.push(...htmlTexts(host, origin, top));
  if (caption) {
    caption.lines.forEach((line, i) => {
      parts.push(`<text class="export-caption" x="0" y="${top + chartH + PAD / 2 + (i + 1) * LINE_H - 4}" font-size="11" fill="#5f6b7a">${escapeXml(line)}</text>`);
    });
  }
  parts.push('</svg>');
  return { svg: parts.join(''), width, height };
}

/**
 * Text drawn by HTML inside the chart (Plot's colour legends are HTML swatches: their small
 * <svg> squares come along as panels, their labels are text nodes) as SVG <text> at the same place.
 */
function htmlTexts(host: Element, origin: DOMRect, top: number): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('svg') || parent.closest('style, script')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(parent);
    const size = parseFloat(style.fontSize) || 12;
    // Baseline ≈ the line box's middle plus a third of the font size.
    const y = top + rect.top - origin.top + rect.height / 2 + size / 3;
    out.push(`<text x="${(rect.left - origin.left).toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" fill="${style.color}">${escapeXml(text)}</text>`);
  }
  return out;
}

/** Every character the SVG's text shows (what its embedded font must cover). */
export function svgText(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '').join('');
}

/** The SVG with its font: an @font-face holding exactly the glyphs its text uses. */
export async function embedFont(svg: string): Promise<string> {
  const css = await fontFaceFor(svgText(svg));
  return svg.replace(FONT_SLOT, css);
}
