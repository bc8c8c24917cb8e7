// The briefing deck as a package: slide count, native chart parts, the image fallback, native
// tables split over slides, Chinese text, and the font named on every run.
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildDeck, buildDeckBytes, deckSlideCount, isNativeChart, PPTX_FONT_FACE, PPTX_MIME } from '$lib/export/pptx';
import type { Deck, TableData } from '$lib/export/types';

// 1×1 white PNG: what the stub rasteriser hands back for the image-only chart.
const PNG_1X1 = 'image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=';

const table: TableData = {
  columns: [
    { id: 'township', label: '区镇', unit: 'text' },
    { id: 'total', label: '工单量', unit: 'count' },
    { id: 'rate', label: '满意率', unit: 'rate' },
    { id: 'phone', label: '来电号码', unit: 'text', pii: 'phone' },
  ],
  // 15 rows: 12 on the first table slide, 3 on the second.
  rows: Array.from({ length: 15 }, (_, i) => ({ township: `第${i + 1}镇`, total: 100 + i, rate: 0.9, phone: '13812341234' })),
};

const deck: Deck = {
  title: '二〇二四年一季度考核简报',
  subtitle: '2024-01-01 至 2024-03-31',
  source: '内置示例数据',
  items: [
    { kind: 'chart', id: 'c1', title: '月度工单量', note: '三月明显回落', caption: '全部期间', svg: '<svg/>', chart: { kind: 'bar', labels: ['1月', '2月', '3月'], series: [{ name: '工单量', values: [120, 98, null] }], unit: 'count' } },
    { kind: 'chart', id: 'c2', title: '满意率走势', note: '', caption: '', svg: '<svg/>', chart: { kind: 'line', labels: ['1月', '2月'], series: [{ name: '满意率', values: [0.91, 0.93] }, { name: '按时办结率', values: [0.8, 0.85] }], unit: 'rate' } },
    { kind: 'chart', id: 'c3', title: '渠道构成', note: '', caption: '', svg: '<svg/>', chart: { kind: 'pie', labels: ['电话', '网站'], series: [{ name: '工单', values: [70, 30] }], unit: 'count' } },
    { kind: 'chart', id: 'c4', title: '办结时长分布', note: '', caption: '', svg: '<svg width="400" height="200"/>', width: 400, height: 200, chart: { kind: 'image', labels: [], series: [], unit: 'hours' } },
    { kind: 'table', id: 't1', title: '区镇明细', note: '', caption: '数据来源：内置示例数据', table },
  ],
};

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const text = (name: string) => zip.file(name)!.async('string');
  return { zip, names, text };
}

describe('buildDeck', () => {
  it('counts slides and decides native charts', () => {
    expect(deckSlideCount(deck)).toBe(1 + 4 + 2);
    expect(deck.items.filter((i) => i.kind === 'chart').map((i) => i.kind === 'chart' && isNativeChart(i.chart))).toEqual([true, true, true, false]);
    // A pie of two series cannot be native; mismatched lengths neither.
    expect(isNativeChart({ kind: 'pie', labels: ['a'], series: [{ name: 'x', values: [1] }, { name: 'y', values: [2] }], unit: 'count' })).toBe(false);
    expect(isNativeChart({ kind: 'bar', labels: ['a', 'b'], series: [{ name: 'x', values: [1] }], unit: 'count' })).toBe(false);
  });

  it('is a valid package with native charts, an image, tables and Chinese text', async () => {
    const rasterised: string[] = [];
    const bytes = await buildDeckBytes(deck, {
      rasterise: async (svg) => (rasterised.push(svg), PNG_1X1),
      now: new Date(2024, 3, 2, 9, 30),
    });
    const { names, text } = await unzip(bytes);
    const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(7);
    const charts = names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(3);
    expect(names.some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
    expect(rasterised).toEqual(['<svg width="400" height="200"/>']);

    const presentation = await text('ppt/presentation.xml');
    expect(presentation).toContain('cx="12192000" cy="6858000"'); // 16:9, 13.333 × 7.5 in

    const cover = await text('ppt/slides/slide1.xml');
    expect(cover).toContain('二〇二四年一季度考核简报');
    expect(cover).toContain('2024-01-01 至 2024-03-31');
    expect(cover).toContain('数据来源：内置示例数据');
    expect(cover).toContain('生成时间：2024-04-02 09:30');

    const chartSlide = await text('ppt/slides/slide2.xml');
    expect(chartSlide).toContain('月度工单量');
    expect(chartSlide).toContain('三月明显回落');
    const chartTypes = await Promise.all(charts.map((c) => text(c)));
    expect(chartTypes.join('')).toMatch(/<c:barChart>/);
    expect(chartTypes.join('')).toMatch(/<c:lineChart>/);
    expect(chartTypes.join('')).toMatch(/<c:pieChart>/);
    expect(chartTypes.join('')).toContain('0.0%');

    const table1 = await text('ppt/slides/slide6.xml');
    const table2 = await text('ppt/slides/slide7.xml');
    expect(table1).toContain('<a:tbl>');
    expect(table1).toContain('区镇明细（1/2）');
    expect(table2).toContain('区镇明细（2/2）');
    expect(table1).toContain('第12镇');
    expect(table1).not.toContain('第13镇');
    expect(table2).toContain('第15镇');
    expect(table1).toContain('90.0%');
    expect(table1).toContain('138****1234');
    expect(table1).not.toContain('13812341234');

    // Every text run on every slide names the Chinese font.
    for (const slide of slides) {
      const xml = await text(slide);
      const faces = [...xml.matchAll(/<a:(?:latin|ea) typeface="([^"]*)"/g)].map((m) => m[1]);
      expect(faces.length, slide).toBeGreaterThan(0);
      expect(new Set(faces), slide).toEqual(new Set([PPTX_FONT_FACE]));
      const runs = (xml.match(/<a:r>/g) ?? []).length;
      const runsWithFont = (xml.match(/<a:r><a:rPr[^>]*>(?:(?!<\/a:rPr>).)*<a:latin typeface=/gs) ?? []).length;
      expect(runsWithFont, slide).toBe(runs);
    }
    // Nothing in the package points at a network address except XML namespaces.
    for (const name of names.filter((n) => n.endsWith('.rels'))) {
      expect(await text(name), name).not.toMatch(/TargetMode="External"/);
    }
  });

  it('returns a Blob of the PPTX type', async () => {
    const blob = await buildDeck({ ...deck, items: [deck.items[0]] });
    expect(blob.type).toBe(PPTX_MIME);
    const { names } = await unzip(new Uint8Array(await blob.arrayBuffer()));
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(2);
  });
});
