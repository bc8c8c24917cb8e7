// Number formatting for figures. Raw values stay unrounded in data-value attributes; only the
// text a person reads is rounded.

export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(2)}%`;
}

// One formatter for every count: toLocaleString builds a new one per call, which a brushed chart
// redrawing its labels every frame pays for dozens of times a frame.
const COUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return COUNT.format(Math.round(value));
}

/**
 * A file's size, or how much of it is read: MB from a MiB up, else KB. A file of a few bytes shows
 * as 1 KB, but nothing read yet is 0 KB, not 1.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes <= 0) return '0 KB';
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function formatHours(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** A metric's value as every screen and file shows it: one rounding per unit, wherever it appears. */
export function formatMetric(value: number | null, unit: 'rate' | 'count' | 'hours'): string {
  return unit === 'rate' ? formatRate(value) : unit === 'hours' ? formatHours(value) : formatCount(value);
}

/**
 * A change in percentage points for rates, a relative change for counts and hours. A count that
 * was 0 has no relative change: its change is the difference itself (0 → 0 is ±0), not "no previous
 * period", which the card said of an overdue count that was 0 in both quarters.
 */
export function formatChange(current: number | null, previous: number | null, unit: 'rate' | 'count' | 'hours'): string | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (unit === 'rate') {
    const pp = (current - previous) * 100;
    return `${pp >= 0 ? '+' : ''}${pp.toFixed(2)} pp`;
  }
  if (previous === 0 && unit === 'count') return current === 0 ? '±0' : `+${formatCount(current)}`;
  if (previous === 0) return null;
  const rel = ((current - previous) / previous) * 100;
  return `${rel >= 0 ? '+' : ''}${rel.toFixed(1)}%`;
}
