// The report on stdout. JSON is metrics.md's object exactly: "import", then one object per table
// given ({ by, overall, groups }). CSV is the same figures flat, one row per scope, for a
// spreadsheet. Figures are printed unrounded; NULL stays null (JSON) or an empty cell (CSV).
import { csvField, neutraliseFormula } from '$lib/export/sanitize';
import type { Report } from './run';
import { METRIC_ORDER, REPORT_TABLES, type Figures, type ReportTable } from './scopes';

export function formatJson(report: Report): string {
  const out: Record<string, unknown> = { import: report.import };
  for (const table of REPORT_TABLES) {
    const scope = report.scopes[table];
    if (scope) out[table] = { by: scope.by, overall: scope.overall, groups: scope.groups.map(({ key, figures }) => ({ key, ...figures })) };
  }
  if (report.comparison) out.comparison = { rules: report.comparison.settings, townships: report.comparison.townships };
  // Not in metrics.md's example, which shows the defaults: a figure computed under other rules
  // must say so wherever it goes (metrics.md, first paragraph), and a saved JSON is such a place.
  if (report.targets) out.targets = report.targets;
  if (report.explain !== undefined) out.explain = report.explain;
  if (report.evaluation !== undefined) out.evaluation = report.evaluation;
  if (report.nonDefaultSettings.length > 0) {
    out.settings = { non_default: report.nonDefaultSettings, values: report.settings };
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The row key of a table's overall figures; a group whose value is missing has an empty key. */
export const OVERALL_KEY = '(overall)';

/** A group key is text from a user's file: guarded like every export (a number stays a number). */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : csvField(neutraliseFormula(value));
}

/** Every metric id of the tables present, each once, tickets' order first. */
function csvColumns(tables: readonly ReportTable[]): string[] {
  const seen = new Set<string>();
  for (const table of tables) for (const id of METRIC_ORDER[table]) seen.add(id);
  return [...seen];
}

/**
 * Columns: table, by, key, then the union of the metric ids. The overall row of a table has an
 * empty `by` and the key "(overall)"; a metric the table does not have is an empty cell.
 */
export function formatCsv(report: Report): string {
  const tables = REPORT_TABLES.filter((t) => report.scopes[t]);
  const metrics = csvColumns(tables);
  const lines = [['table', 'by', 'key', ...metrics].join(',')];
  const line = (table: string, by: string, key: string | null, figures: Figures) =>
    [table, by, key, ...metrics.map((id) => (id in figures ? figures[id] : null))].map(csvCell).join(',');
  for (const table of tables) {
    const scope = report.scopes[table]!;
    lines.push(line(table, '', OVERALL_KEY, scope.overall));
    for (const { key, figures } of scope.groups) lines.push(line(table, scope.by, key, figures));
  }
  return `${lines.join('\n')}\n`;
}
