// The rows of targetReadingsQuery read against the target: overall readings, per-unit rows with
// the units below target first, and the year-end projection.
import { gapInTickets, meetsTarget, targetGap } from './evaluate';
import type { Target } from './model';
import { projectYearEnd, type Projection } from './projection';
import { READINGS, type ReadingId, type TargetPeriods } from './readings';

export interface Reading {
  /** NULL when nothing in the period counts (no ratings, nothing due). */
  value: number | null;
  denominator: number;
  gap: number | null;
  met: boolean | null;
  gapTickets: number;
}

export interface UnitReading extends Reading {
  key: string;
  below: boolean;
}

export interface TargetReport {
  target: Target;
  periods: TargetPeriods;
  overall: Record<ReadingId, Reading>;
  /** Year-to-date per unit: below target first (largest gap in tickets first), then the rest by value. */
  units: UnitReading[];
  projection: Projection | null;
}

export interface ReadingRow {
  reading: unknown;
  grouped: unknown;
  key: unknown;
  value: unknown;
  denominator: unknown;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function readingOf(value: number | null, denominator: number, target: Target): Reading {
  if (value === null || denominator <= 0) return { value: null, denominator, gap: null, met: null, gapTickets: 0 };
  return {
    value,
    denominator,
    gap: targetGap(value, target),
    met: meetsTarget(value, target),
    gapTickets: gapInTickets(value * denominator, denominator, target),
  };
}

function compareUnits(a: UnitReading, b: UnitReading): number {
  if (a.below !== b.below) return a.below ? -1 : 1;
  if (a.below && a.gapTickets !== b.gapTickets) return b.gapTickets - a.gapTickets;
  const av = a.value ?? -Infinity;
  const bv = b.value ?? -Infinity;
  if (av !== bv) return a.below ? av - bv : bv - av;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function targetReport(target: Target, periods: TargetPeriods, rows: readonly ReadingRow[]): TargetReport {
  const overall = {} as Record<ReadingId, Reading>;
  for (const id of READINGS) overall[id] = readingOf(null, 0, target);
  const units: UnitReading[] = [];
  for (const row of rows) {
    const reading = String(row.reading) as ReadingId;
    const value = toNumber(row.value);
    const denominator = toNumber(row.denominator) ?? 0;
    const grouped = row.grouped === true || row.grouped === 'true';
    if (!grouped) overall[reading] = readingOf(value, denominator, target);
    else if (reading === 'ytd' && row.key !== null && row.key !== undefined) {
      const r = readingOf(value, denominator, target);
      units.push({ ...r, key: String(row.key), below: r.met === false });
    }
  }
  units.sort(compareUnits);
  const ytd = overall.ytd;
  const projection =
    ytd.value === null
      ? null
      : projectYearEnd({ rate: ytd.value, denominator: ytd.denominator, elapsedDays: periods.elapsedDays, yearDays: periods.yearDays }, target);
  return { target, periods, overall, units, projection };
}
