// What a target is (issue 15): a metric, a direction, a value, the year it holds for and the
// units it covers. Targets travel with the 口径 settings file, so this module depends on nothing
// of the metric layer: the settings reader imports it, not the other way round.

/** Rates a target can be set on: each is a share of a count the metric layer already has. */
export const TARGET_METRICS = ['satisfaction_rate', 'on_time_rate', 'direct_answer_rate', 'reopen_rate', 'return_rate'] as const;
export type TargetMetricId = (typeof TARGET_METRICS)[number];

/**
 * The count each rate is a share of, by its metric id: the gap in tickets is counted in these.
 * satisfaction_rate ÷ rated, on_time_rate ÷ due, the others ÷ total (metrics.md).
 */
export const TARGET_DENOMINATORS: Readonly<Record<TargetMetricId, 'rated' | 'due' | 'total'>> = {
  satisfaction_rate: 'rated',
  on_time_rate: 'due',
  direct_answer_rate: 'total',
  reopen_rate: 'total',
  return_rate: 'total',
};

export type TargetComparison = '>=' | '<=';
export type TargetUnitKind = 'township' | 'department';

export interface Target {
  metric: TargetMetricId;
  comparison: TargetComparison;
  /** A fraction 0–1, like the metric itself. */
  value: number;
  /** The calendar year it holds for; null: every year. */
  year: number | null;
  /** Which units the target covers and is read per; keys empty: every unit of that kind. */
  units: { kind: TargetUnitKind; keys: string[] };
}

/** The district's work plan: province and city callback satisfaction at or above 95% all year. */
export const DEFAULT_TARGETS: readonly Target[] = Object.freeze([
  { metric: 'satisfaction_rate', comparison: '>=', value: 0.95, year: null, units: { kind: 'township', keys: [] } },
] satisfies Target[]);

export function defaultTargets(): Target[] {
  return structuredClone(DEFAULT_TARGETS) as Target[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readTarget(raw: unknown): Target | undefined {
  if (!isRecord(raw)) return undefined;
  const { metric, comparison, value, year, units } = raw;
  if (!(TARGET_METRICS as readonly unknown[]).includes(metric)) return undefined;
  if (comparison !== '>=' && comparison !== '<=') return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) return undefined;
  if (year !== null && year !== undefined && !(typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 9999)) return undefined;
  let kind: TargetUnitKind = 'township';
  let keys: string[] = [];
  if (units !== undefined && units !== null) {
    if (!isRecord(units) || (units.kind !== 'township' && units.kind !== 'department')) return undefined;
    if (!Array.isArray(units.keys) || !units.keys.every((k) => typeof k === 'string')) return undefined;
    kind = units.kind;
    keys = [...new Set((units.keys as string[]).map((k) => k.trim()).filter(Boolean))].sort();
  }
  return { metric: metric as TargetMetricId, comparison, value, year: (year as number | null | undefined) ?? null, units: { kind, keys } };
}

/** A list of targets from a file or the store; undefined when any entry does not read. */
export function readTargets(raw: unknown): Target[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Target[] = [];
  for (const entry of raw) {
    const target = readTarget(entry);
    if (!target) return undefined;
    out.push(target);
  }
  return out;
}

/** The target that holds for `year` on `metric`: one for that year wins over an every-year one. */
export function targetFor(targets: readonly Target[], metric: TargetMetricId, year: number): Target | null {
  return targets.find((t) => t.metric === metric && t.year === year) ?? targets.find((t) => t.metric === metric && t.year === null) ?? null;
}

/** The targets that hold for `year`, one per metric. */
export function targetsForYear(targets: readonly Target[], year: number): Target[] {
  const metrics = [...new Set(targets.map((t) => t.metric))];
  return metrics.map((m) => targetFor(targets, m, year)).filter((t): t is Target => t !== null);
}
