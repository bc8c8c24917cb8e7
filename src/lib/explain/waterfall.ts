// The waterfall of a decomposition in percentage points of change: each leading group's
// contribution stacked from zero, the rest as one step, and the total change as the last bar.
import type { Decomposition } from './decompose';

export interface WaterfallStep {
  kind: 'group' | 'rest' | 'total';
  /** The group's key; for 'rest' the number of groups folded in. */
  key: string;
  restCount: number;
  from: number;
  to: number;
  mix: number;
  rate: number;
}

export function waterfallSteps(d: Decomposition, maxGroups = 8): WaterfallStep[] {
  if (d.change === null) return [];
  const steps: WaterfallStep[] = [];
  let at = 0;
  const lead = d.drivers.slice(0, maxGroups);
  const rest = d.drivers.slice(maxGroups);
  for (const driver of lead) {
    steps.push({ kind: 'group', key: driver.key, restCount: 0, from: at, to: at + driver.total, mix: driver.mix, rate: driver.rate });
    at += driver.total;
  }
  if (rest.length) {
    const mix = rest.reduce((s, r) => s + r.mix, 0);
    const rate = rest.reduce((s, r) => s + r.rate, 0);
    steps.push({ kind: 'rest', key: '', restCount: rest.length, from: at, to: at + mix + rate, mix, rate });
    at += mix + rate;
  }
  steps.push({ kind: 'total', key: '', restCount: 0, from: 0, to: d.change, mix: d.mix, rate: d.rate });
  return steps;
}
