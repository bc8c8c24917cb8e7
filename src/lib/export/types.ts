// What a chart or a table hands to the export layer (issue 6): its data in a form that can become
// a native PowerPoint chart or table, an XLSX sheet or a CSV file. Pages build these from the
// rows they already show; the export layer never runs queries of its own.
import type { PersonalKind } from '$lib/privacy';

/** How a number reads: decides the number format in XLSX and PPTX and the axis labels. */
export type ValueUnit = 'count' | 'rate' | 'hours' | 'score' | 'text' | 'date';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** A chart's data. `kind` is the native PPTX chart it maps to; 'image' when none fits (funnel, histogram with brush…). */
export interface ChartData {
  kind: 'bar' | 'line' | 'pie' | 'image';
  /** Category labels, one per value of each series. */
  labels: string[];
  series: ChartSeries[];
  unit: ValueUnit;
}

export interface TableColumn {
  id: string;
  label: string;
  unit: ValueUnit;
  /** Personal data (names, phones, addresses, free text) and its kind: masked in every export unless visibly unmasked. */
  pii?: PersonalKind;
}

export interface TableData {
  /** Optional: names the sheet and the slide when the table has no item title of its own. */
  title?: string;
  columns: TableColumn[];
  rows: Record<string, string | number | boolean | null>[];
}

/** One briefing item: a chart (native where possible, else its rasterised image) or a table. */
export type BriefingItem =
  | {
      kind: 'chart';
      id: string;
      title: string;
      note: string;
      caption: string;
      chart: ChartData;
      /** The chart as drawn, without its font (added at export time, keeping the stored basket small). */
      svg: string;
      /** The SVG's size in CSS pixels: the slide image keeps its aspect ratio. */
      width?: number;
      height?: number;
    }
  | { kind: 'table'; id: string; title: string; note: string; caption: string; table: TableData };

export interface Deck {
  title: string;
  /** Period and filters, shown on the title slide. */
  subtitle: string;
  /** Data source line (file names or 内置样例数据). */
  source: string;
  items: BriefingItem[];
}
