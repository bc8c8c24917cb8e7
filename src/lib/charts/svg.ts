// The pieces of the charts a brush redraws every frame (toggle bars, closure histogram, on-time
// bar). Those are drawn with d3 joins rather than Observable Plot: Plot rebuilds a chart's whole
// SVG on every call (≈ 4 ms of script per chart and step at 1M tickets, six charts a step, then
// style, layout and text shaping of every new node), while a join keeps the marks already there.
// Layers are found by class, so drawing into a chart drawn before updates it in place, and marks
// are written only where a value changed: the browser then lays out and repaints only those (an
// unchanged attribute written again still costs a layout of its element).
import { select, type Selection } from 'd3';
import { CHART_FONT } from './theme';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** A chart's root <svg>, styled as the Plot charts beside it (font, size, colour). */
export function chartSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('fill', 'currentColor');
  svg.setAttribute('text-anchor', 'middle');
  svg.setAttribute('style', `font-family: ${CHART_FONT}; font-size: 12px; background: transparent; display: block; max-width: 100%; height: auto; overflow: visible;`);
  return svg;
}

export function sizeSvg(svg: SVGSVGElement, width: number, height: number, label: string): void {
  setAttr(svg, 'width', width);
  setAttr(svg, 'height', height);
  setAttr(svg, 'viewBox', `0 0 ${width} ${height}`);
  setAttr(svg, 'aria-label', label);
}

/**
 * The chart's group of that class, made on the first draw with `attrs` (so layers keep their
 * first-draw order and their fixed attributes are written once).
 */
export function layer(parent: SVGElement, name: string, attrs: Record<string, string | number> = {}): Layer {
  const root = select<SVGElement, unknown>(parent);
  const existing = root.select<SVGGElement>(`:scope > g.${name}`);
  if (!existing.empty()) return existing as unknown as Layer;
  const made = root.append('g').attr('class', name);
  for (const [k, v] of Object.entries(attrs)) made.attr(k, v);
  return made as unknown as Layer;
}

/** Attributes of a layer that is decoration only (grid, ticks): hidden from assistive technology. */
export const HIDDEN = { 'aria-hidden': 'true' } as const;

/**
 * Join `data` to the layer's `tag` children (by `key`, else by position), then bring each element
 * up to date with `update`, which should write through setAttr/setText.
 */
export function joinMarks<E extends Element, D>(
  parent: Layer,
  tag: string,
  data: readonly D[],
  update: (element: E, d: D, i: number) => void,
  key?: (d: D) => string | number,
): void {
  const marks = parent.selectAll<E, D>(`:scope > ${tag}`);
  const bound = key ? marks.data(data, key) : marks.data(data);
  bound
    .join((enter) => enter.append(tag) as never)
    .order()
    .each(function (d, i) {
      update(this as E, d, i);
    });
}

/** One `<title>` child holding `text` (a tooltip and, for a mark without aria-label, its name). */
export function setTitle(element: Element, text: string): void {
  let title = element.firstElementChild;
  if (!title || title.tagName !== 'title') {
    title = document.createElementNS(SVG_NS, 'title');
    element.prepend(title);
  }
  setText(title, text);
}

/**
 * What this module last wrote to each element, so an unchanged value is skipped without asking
 * the DOM (getAttribute is itself a noticeable cost at a few thousand attributes a frame).
 */
const written = new WeakMap<Element, Map<string, string>>();

/** Set an attribute only when it changes: most marks of a brush step keep most of theirs. */
export function setAttr(element: Element, name: string, value: string | number): void {
  const text = String(value);
  let values = written.get(element);
  if (!values) written.set(element, (values = new Map()));
  if (values.get(name) === text) return;
  values.set(name, text);
  element.setAttribute(name, text);
}

/**
 * True when `signature` (everything a group of marks is drawn from) is what it was at the last
 * draw of `element`, so the group can be skipped; otherwise records it and returns false.
 */
export function unchanged(element: Element, slot: string, signature: string): boolean {
  let values = written.get(element);
  if (!values) written.set(element, (values = new Map()));
  if (values.get(slot) === signature) return true;
  values.set(slot, signature);
  return false;
}

export function removeAttr(element: Element, name: string): void {
  const values = written.get(element);
  if (values && !values.has(name)) return;
  values?.delete(name);
  element.removeAttribute(name);
}

export function setText(element: Element, text: string): void {
  let values = written.get(element);
  if (!values) written.set(element, (values = new Map()));
  if (values.get('#text') === text) return;
  values.set('#text', text);
  element.textContent = text;
}
