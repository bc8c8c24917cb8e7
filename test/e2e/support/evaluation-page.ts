// Reading #/grid/evaluation's worker rows from the page, and holding them to the evaluation
// recomputed from the stated rules (test/support/reference-evaluation.ts): shared by the sample
// and imported-files specs.
import type { Page } from '@playwright/test';
import type { ReferenceWorker } from '../../support/reference-evaluation';
import { expect } from './fixtures';

export interface Shown {
  key: string;
  score: number;
  grade: string;
  subsidy: number;
  township: string;
  capped: boolean;
}

export async function shownWorkers(page: Page, year: number): Promise<Shown[]> {
  const totals = page.getByTestId('evaluation-totals');
  await expect(totals).toHaveAttribute('data-year', String(year), { timeout: 110_000 });
  await expect(totals).toHaveAttribute('data-state', 'ready', { timeout: 110_000 });
  return page.getByTestId('worker-score').evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-key') ?? '',
      score: Number(r.getAttribute('data-score')),
      grade: r.getAttribute('data-grade') ?? '',
      subsidy: Number(r.getAttribute('data-subsidy')),
      township: r.getAttribute('data-township') ?? '',
      capped: r.getAttribute('data-capped') === 'true',
    })),
  );
}

export function expectAgainst(shown: Shown[], reference: ReferenceWorker[], pool: number): void {
  expect(shown.map((w) => w.key).sort()).toEqual(reference.map((w) => w.id).sort());
  const want = new Map(reference.map((w) => [w.id, w]));
  for (const w of shown) {
    const r = want.get(w.key)!;
    expect({ key: w.key, score: w.score, grade: w.grade, subsidy: w.subsidy, township: w.township, capped: w.capped }).toEqual({
      key: r.id, score: r.score, grade: r.grade, subsidy: r.yuan, township: r.township, capped: r.capped,
    });
  }
  expect(shown.reduce((s, w) => s + w.subsidy, 0)).toBe(pool);
}
