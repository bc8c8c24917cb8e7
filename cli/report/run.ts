// The report: import every file given (tickets, then grid events, then enterprise requests),
// then compute each table's metrics for the period. Everything that decides a figure is the
// browser's own code; this module only sequences it.
import { NodeEngine } from '$lib/engine/node-engine';
import type { Engine } from '$lib/engine/types';
import { emptyFilters, type FilterState } from '$lib/filters';
import { diffFromDefault, prepareMetrics, type MetricSettings, type SettingKey } from '$lib/metrics';
import { compareUnitsQuery, defaultCompareSettings, type CompareSettings } from '$lib/compare';
import { rowsOf, type Row } from '$lib/engine/rows';
import { createTableSql } from '$lib/import/upsert';
import { sql } from '$lib/sql';
import type { TableName } from '$lib/schema';
import type { ReportArgs } from './args';
import { checkReadable } from './files';
import { importFiles, type FileIssues, type ImportCounts } from './importing';
import { REPORT_TABLES, TABLE_NAMES, scopeReport, type ReportTable, type ScopeReport } from './scopes';
import { readSettings } from './settings';

/** The comparison's further sources, imported only for it. */
export type ComparisonSource = 'police' | 'alerts';
const COMPARISON_SOURCES: Readonly<Record<ComparisonSource, TableName>> = { police: 'police_non_emergency', alerts: 'special_population_alerts' };

export interface ComparisonReport {
  settings: CompareSettings;
  townships: Row[];
}

export interface Report {
  import: Partial<Record<ReportTable | ComparisonSource, ImportCounts>>;
  /** With --grid: the comparison (信息常态比对) per township, over every row imported. */
  comparison: ComparisonReport | null;
  /** One entry per table given, in REPORT_TABLES order. */
  scopes: Partial<Record<ReportTable, ScopeReport>>;
  /** Per file, for the stderr summary. */
  fileIssues: Partial<Record<ReportTable, FileIssues[]>>;
  settings: MetricSettings;
  /** Settings that differ from the district's defaults: a figure under them must say so. */
  nonDefaultSettings: SettingKey[];
  filters: FilterState;
  /** --targets (issue 15). */
  targets?: unknown[];
  /** --explain (issue 15). */
  explain?: unknown;
  /** --evaluation (issue 16). */
  evaluation?: unknown;
}

export interface RunOptions {
  /** An engine to use (tests); by default a fresh NodeEngine, closed afterwards. */
  engine?: Engine;
}

function filesOf(args: ReportArgs, table: ReportTable): readonly string[] {
  return args[table];
}

export async function runReport(args: ReportArgs, options: RunOptions = {}): Promise<Report> {
  const tables = REPORT_TABLES.filter((t) => filesOf(args, t).length > 0);
  // A bad settings file or a mistyped path should fail before minutes of importing.
  await checkReadable([...tables.flatMap((t) => filesOf(args, t)), ...args.police, ...args.alerts]);
  const settings = await readSettings(args.settings);
  const filters: FilterState = { ...emptyFilters(), from: args.from, to: args.to };

  const owned = options.engine ? null : await NodeEngine.start();
  const engine = options.engine ?? owned!;
  try {
    const report: Report = { import: {}, comparison: null, scopes: {}, fileIssues: {}, settings, nonDefaultSettings: diffFromDefault(settings), filters };
    for (const table of tables) {
      const imported = await importFiles(engine, TABLE_NAMES[table], filesOf(args, table));
      report.import[table] = imported.counts;
      report.fileIssues[table] = imported.files;
    }
    for (const source of ['police', 'alerts'] as const) {
      if (args[source].length === 0) continue;
      report.import[source] = (await importFiles(engine, COMPARISON_SOURCES[source], args[source])).counts;
    }
    // Working-time settings need the holiday calendar of every year in play.
    await prepareMetrics(engine, settings, tables.map((t) => TABLE_NAMES[t]), filters);
    for (const table of tables) report.scopes[table] = await scopeReport(engine, table, filters, settings, args.by);
    if (args.targets || args.explain) {
      const { targetsReport, explainReport } = await import('./leaders');
      if (args.targets) report.targets = await targetsReport(engine, settings, args.to);
      if (args.explain) report.explain = await explainReport(engine, settings, { ...args.explain, from: args.from, to: args.to });
    }
    if (args.evaluation) {
      const { evaluationReport } = await import('./evaluation');
      report.evaluation = await evaluationReport(engine, settings, args.evaluation.year);
    }
    // Only when asked for: the JSON of metrics.md stays exactly as specified otherwise.
    if (args.grid.length > 0 && (args.police.length > 0 || args.alerts.length > 0)) report.comparison = await comparison(engine);
    return report;
  } finally {
    owned?.close();
  }
}

/** The comparison per township under the default rules; a source not given compares as empty. */
async function comparison(engine: Engine): Promise<ComparisonReport> {
  const present = new Set(
    (await engine.query(sql`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`)).toArray().map((r) => String(r.table_name)),
  );
  for (const table of ['tickets', 'grid_events', 'police_non_emergency', 'special_population_alerts'] as const) {
    if (!present.has(table)) await engine.exec(createTableSql(table));
  }
  const compareSettings = defaultCompareSettings();
  return { settings: compareSettings, townships: rowsOf(await engine.query(compareUnitsQuery({ settings: compareSettings }, 'township', null))) };
}
