// The words that say what an export shows: the period and filters in effect, the data source and
// when it was generated. Used by chart captions, the briefing deck and the print header.
import { t } from '$lib/i18n';
import { LIST_FILTER_COLUMNS, type FilterState } from '$lib/filters';
import type { Workbench } from '$lib/state/workbench.svelte';
import type { MessageKey } from '$lib/i18n';

export function periodText(filters: Pick<FilterState, 'from' | 'to'>): string {
  if (!filters.from && !filters.to) return t('export.period.all');
  return t('export.period.range', { from: filters.from ?? '…', to: filters.to ?? '…' });
}

/** "区镇：城关镇、东城街道 · 渠道：电话", or "" when nothing but the period is filtered. */
export function filterText(filters: FilterState): string {
  const parts: string[] = [];
  for (const column of LIST_FILTER_COLUMNS) {
    const values = filters[column];
    if (values.length) parts.push(`${t(`export.filter.${column}` as MessageKey)}：${values.join('、')}`);
  }
  if (filters.enterprise_related !== null) parts.push(t(filters.enterprise_related ? 'export.filter.enterpriseOnly' : 'export.filter.enterpriseExcluded'));
  return parts.join(' · ');
}

/** Period plus filters, one line. */
export function filterSummary(filters: FilterState): string {
  const filtered = filterText(filters);
  return filtered ? `${periodText(filters)} · ${filtered}` : periodText(filters);
}

/** The sample's badge name, or the user's imported files. */
export function dataSourceText(workbench: Pick<Workbench, 'dataSource' | 'datasets'>): string {
  if (workbench.dataSource === 'sample') return t('export.source.sample');
  const files = workbench.datasets.flatMap((d) => d.sourceFiles.map((f) => f.name));
  return files.length ? files.join('、') : t('export.source.user');
}

export function timestampText(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

/** Caption lines under an exported chart or on a slide. */
export function captionLines(filters: FilterState, source: string, now = new Date()): string[] {
  return [
    filterSummary(filters),
    `${t('export.caption.source')}：${source} · ${t('export.caption.generated')}：${timestampText(now)}`,
  ];
}
