// Reading #/compare's township figures from the page, and holding them to the plain-TypeScript
// comparison (test/support/reference-compare.ts): shared by the sample and imported-files specs.
import type { Page } from '@playwright/test';
import type { TownshipFigures } from '../../support/reference-compare';
import { expect } from './fixtures';

export type ShownUnits = Map<string, { rate: string | null; missed: string | null }>;

export async function shownUnits(page: Page): Promise<ShownUnits> {
  await expect(page.getByTestId('compare-units')).toHaveAttribute('data-state', 'ready', { timeout: 110_000 });
  const rows = page.getByTestId('compare-unit');
  await expect(rows.first()).toBeAttached();
  const list = await rows.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-key') ?? '', { rate: e.getAttribute('data-discovery-rate'), missed: e.getAttribute('data-missed') }] as const),
  );
  return new Map(list);
}

export function expectUnits(shown: ShownUnits, want: Map<string, TownshipFigures>, label: string) {
  expect([...shown.keys()].sort(), label).toEqual([...want.keys()].sort());
  for (const [key, f] of want) {
    const s = shown.get(key)!;
    expect(Number(s.missed), `${label} ${key} missed`).toBe(f.missed);
    if (f.rate === null) expect(s.rate, `${label} ${key} rate`).toBe('');
    else expect(Number(s.rate), `${label} ${key} rate`).toBeCloseTo(f.rate, 9);
  }
}
