// The report: import every file given (tickets, then grid events, then enterprise requests),
// then compute each table's metrics for the period. Everything that decides a figure is the
// browser's own code; this module only sequences it.
import { NodeEngine } from '$lib/engine/node-engine';
import type { Engine } from '$lib/engine/types';
import { emptyFilters, type FilterState } from '$lib/filters';
import { diffFromDefault, prepareMetrics, type MetricSettings, type SettingKey } from '$lib/metrics';
import type { ReportArgs } from './args';
import { checkReadable } from './files';
import { importFiles, type FileIssues, type ImportCounts } from './importing';
import { REPORT_TABLES, TABLE_NAMES, scopeReport, type ReportTable, type ScopeReport } from './scopes';
import { readSettings } from './settings';

export interface Report {
  import: Partial<Record<ReportTable, ImportCounts>>;
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
  await checkReadable(tables.flatMap((t) => filesOf(args, t)));
  const settings = await readSettings(args.settings);
  const filters: FilterState = { ...emptyFilters(), from: args.from, to: args.to };

  const owned = options.engine ? null : await NodeEngine.start();
  const engine = options.engine ?? owned!;
  try {
    const report: Report = { import: {}, scopes: {}, fileIssues: {}, settings, nonDefaultSettings: diffFromDefault(settings), filters };
    for (const table of tables) {
      const imported = await importFiles(engine, TABLE_NAMES[table], filesOf(args, table));
      report.import[table] = imported.counts;
      report.fileIssues[table] = imported.files;
    }
    // Working-time settings need the holiday calendar of every year in play.
    await prepareMetrics(engine, settings, tables.map((t) => TABLE_NAMES[t]), filters);
    for (const table of tables) report.scopes[table] = await scopeReport(engine, table, filters, settings, args.by);
    if (args.targets || args.explain) {
      const { targetsReport, explainReport } = await import('./leaders');
      if (args.targets) report.targets = await targetsReport(engine, settings, args.to);
      if (args.explain) report.explain = await explainReport(engine, settings, { ...args.explain, from: args.from, to: args.to });
    }
    return report;
  } finally {
    owned?.close();
  }
}
