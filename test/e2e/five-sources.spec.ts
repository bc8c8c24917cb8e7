// Issue 16's "done when": the comparison and the evaluation work on imported files of all five
// sources, not only on the embedded sample. Two townships of the sample's rows are written as
// five CSV files (canonical headers), imported from file:// in one choice, and both pages are
// checked against the plain-TypeScript recomputations over exactly those rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, type TableName } from '../../src/lib/schema';
import { writeCanonicalCsv } from '../../sample-data/canonical-csv';
import { referenceComparison } from '../support/reference-compare';
import { referenceEvaluation } from '../support/reference-evaluation';
import type { Columns } from '../support/reference-metrics';
import { sampleAlerts, sampleEnterpriseRequests, sampleGridEvents, samplePoliceCalls, sampleTickets } from '../support/sample';
import { expectUnits, shownUnits } from './support/compare-page';
import { expectAgainst, shownWorkers } from './support/evaluation-page';
import { expect, gotoInPage, siteUrl, test, waitForReady } from './support/fixtures';

const TOWNSHIPS = new Set(['悦来镇', '海永镇']);
const YEAR = 2024;
const POOL = 8_440_000;

/** The rows of `table` in TOWNSHIPS, every column kept. */
function inTownships(table: Columns): Columns {
  const township = table.columns.township;
  const keep: number[] = [];
  for (let i = 0; i < table.length; i++) if (TOWNSHIPS.has(String(township[i]))) keep.push(i);
  const columns = Object.fromEntries(Object.entries(table.columns).map(([name, values]) => [name, keep.map((i) => values[i])]));
  return { length: keep.length, columns };
}

test('comparison and evaluation on five imported files from file://', async ({ page }) => {
  test.setTimeout(300_000);
  const sources: Record<TableName, Columns> = {
    tickets: inTownships(sampleTickets()),
    grid_events: inTownships(sampleGridEvents()),
    enterprise_requests: inTownships(sampleEnterpriseRequests()),
    police_non_emergency: inTownships(samplePoliceCalls()),
    special_population_alerts: inTownships(sampleAlerts()),
  };
  const dir = mkdtempSync(join(tmpdir(), 'gw-five-'));
  try {
    const files: string[] = [];
    for (const [table, rows] of Object.entries(sources) as [TableName, Columns][]) {
      expect(rows.length, `${table} has rows in the two townships`).toBeGreaterThan(0);
      const path = join(dir, `${table}.csv`);
      await writeCanonicalCsv(path, TABLES[table], rows as never);
      files.push(path);
    }

    await page.goto(siteUrl('file', '#/data'));
    await page.getByTestId('import-input').setInputFiles(files);
    for (const table of Object.keys(sources)) {
      await expect(page.locator(`[data-testid="import-file"][data-file="${table}.csv"]`)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    }
    await expect(page.getByTestId('dataset-badge')).toHaveAttribute('data-source', 'user');
    for (const [table, rows] of Object.entries(sources)) {
      await expect(page.locator(`[data-testid="dataset-row"][data-table="${table}"]`)).toHaveAttribute('data-rows', String(rows.length));
    }

    // The comparison: every township's discovery rate and missed reports over the imported rows.
    const comparison = referenceComparison({
      tickets: sources.tickets,
      grid_events: sources.grid_events,
      police_non_emergency: sources.police_non_emergency,
      special_population_alerts: sources.special_population_alerts,
    });
    // Each page by the navigation, over the imported tables as the engine holds them.
    await gotoInPage(page, '#/compare?level=township');
    await waitForReady(page);
    const want = comparison.figures(null);
    expect(want.size, 'both townships have figures').toBe(TOWNSHIPS.size);
    expectUnits(await shownUnits(page), want, 'imported files');

    // The evaluation of the imported grid workers: scores, grades and subsidies, paid to the pool.
    const evaluation = referenceEvaluation(sources.grid_events, YEAR);
    await gotoInPage(page, `#/grid/evaluation?year=${YEAR}`);
    await waitForReady(page);
    expect(evaluation.length, 'the two townships have their workers').toBeGreaterThan(50);
    expectAgainst(await shownWorkers(page, YEAR), evaluation, POOL);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
