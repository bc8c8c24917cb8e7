// How a target reads in the interface: "满意率 ≥ 95.00%，每年，全部区镇".
import { formatRate, t, type MessageKey } from '$lib/i18n';
import type { Target } from './model';

export function targetMetricName(target: Pick<Target, 'metric'>): string {
  return t(`definitions.name.tickets.${target.metric}` as MessageKey);
}

export function describeTarget(target: Target): string {
  const statement = t('targets.statement', {
    metric: targetMetricName(target),
    comparison: target.comparison === '>=' ? '≥' : '≤',
    value: formatRate(target.value),
  });
  const year = target.year === null ? t('targets.every.year') : String(target.year);
  const units = target.units.keys.length ? target.units.keys.join('、') : t(`targets.units.all.${target.units.kind}` as MessageKey);
  return `${statement} · ${year} · ${units}`;
}

/** `?year=2024` → 2024; anything else → null (the page then takes the as-of year). */
export function parseTargetYear(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  return Number(value);
}
