// The report command's arguments (metrics.md, "The report command"). Hand-written rather than a
// dependency: the grammar is small, and every mistake must come back as one readable line.
import { isIsoDate } from '$lib/filters/period';
import { EXPLAIN_DIMENSIONS, EXPLAIN_METRICS, type ExplainDimension, type ExplainMetricId } from '$lib/explain/query';

export type ReportFormat = 'json' | 'csv';
/** metrics.md lets --by choose between these two; grid and enterprise always group by township. */
export type ReportBy = 'township' | 'department';

export interface ReportArgs {
  tickets: string[];
  grid: string[];
  enterprise: string[];
  /** The comparison's further sources (信息常态比对): compared with the grid events when --grid is given. */
  police: string[];
  alerts: string[];
  from: string | null;
  to: string | null;
  by: ReportBy;
  format: ReportFormat;
  settings: string | null;
  /** Each target's readings and the units below it (issue 15). */
  targets: boolean;
  /** A rate's change decomposed over `explainBy` (issue 15); --by then names the dimension. */
  explain: { metric: ExplainMetricId; by: ExplainDimension; compare: 'previous' | 'yoy' } | null;
  /** The annual evaluation of grid workers (issue 16): the year, or 'latest' for the latest complete year of the grid events. */
  evaluation: { year: number | 'latest' } | null;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'report'; args: ReportArgs };

/** A mistake in the command line; the message is the whole line shown to the user. */
export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

export const USAGE = `usage: npm run report -- --tickets FILE... [--grid FILE...] [--enterprise FILE...]
                         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by township|department]
                         [--format json|csv] [--settings FILE]
                         [--targets] [--explain METRIC --by DIMENSION [--compare previous|yoy]]
                         [--evaluation [--year YYYY]]

  --tickets FILE...     12345 ticket exports (CSV, XLSX, XLS, JSON, Parquet), imported in order:
                        a later file's row wins on a repeated 工单编号
  --grid FILE...        grid event exports (网格事件)
  --enterprise FILE...  enterprise request exports (安商护企)
  --police FILE...      police non-emergency call exports (公安非警务类警情)
  --alerts FILE...      special-population alert exports (特殊人群预警); with --grid and either of
                        these two, the JSON report adds "comparison": per township the grid discovery rate, missed-report
                        candidates, repeats and alerts without grid follow-up (whole span, default rules)
  --from, --to          inclusive first and last day of the period, on received_at / reported_at
  --by                  ticket grouping (default township); grid and enterprise group by township
  --format              json (default) or csv, on stdout. JSON: metrics.md's object. CSV (UTF-8,
                        no BOM): columns table, by, key, then every metric id; one row per
                        table overall (by empty, key "(overall)") and per group (key empty
                        when the group value is missing); NULL is an empty cell
  --settings FILE       口径 settings exported by the workbench (JSON)
  --targets             adds "targets": each target of the year (of --to, else of the data's
                        as-of time) with its three readings, projection and units below it
  --explain METRIC      adds "explain": the change of METRIC (${EXPLAIN_METRICS.join(', ')})
                        from the period before (--compare previous, default) or a year before
                        (--compare yoy) to --from/--to (default the latest complete month),
                        decomposed over --by (${EXPLAIN_DIMENSIONS.join(', ')}) into mix and
                        rate effects (Kitagawa); JSON only
  --evaluation          adds "evaluation" (needs --grid): every grid worker's score, grade and
                        subsidy for --year (default the latest complete year of the grid events)
                        under the evaluation rules of --settings (else the defaults), and the
                        totals per grade and township; JSON only. Missed reports count 0: the
                        command reads no comparison checking
  --year YYYY           the evaluation's year

Rejected rows and warnings are summarised on stderr. Exit code 0: a report was printed;
1: a file could not be read or imported; 2: the arguments are wrong.`;

const FILE_LISTS = { '--tickets': 'tickets', '--grid': 'grid', '--enterprise': 'enterprise', '--police': 'police', '--alerts': 'alerts' } as const;
const SINGLE_VALUES = ['--from', '--to', '--by', '--format', '--settings', '--explain', '--compare', '--year'] as const;
type SingleOption = (typeof SINGLE_VALUES)[number];

function isFileListOption(name: string): name is keyof typeof FILE_LISTS {
  return Object.hasOwn(FILE_LISTS, name);
}

function isSingleOption(name: string): name is SingleOption {
  return (SINGLE_VALUES as readonly string[]).includes(name);
}

/** An option token: `--name` or `--name=value`. A lone `-` or `-x` is not one (see below). */
function splitOption(token: string): { name: string; inline: string | null } | null {
  if (!token.startsWith('--')) return null;
  const eq = token.indexOf('=');
  return eq < 0 ? { name: token, inline: null } : { name: token.slice(0, eq), inline: token.slice(eq + 1) };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ArgsError(`${option} must be ${allowed.join(' or ')}, not "${value}"`);
}

function isoDate(option: string, value: string): string {
  if (!isIsoDate(value)) throw new ArgsError(`${option} must be a date written YYYY-MM-DD, not "${value}"`);
  return value;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const files: Record<(typeof FILE_LISTS)[keyof typeof FILE_LISTS], string[]> = { tickets: [], grid: [], enterprise: [], police: [], alerts: [] };
  const single = new Map<SingleOption, string>();
  let targets = false;
  let evaluation = false;
  let i = 0;
  while (i < argv.length) {
    const token = argv[i++];
    if (token === '--help' || token === '-h') return { kind: 'help' };
    if (token === '--targets') {
      if (targets) throw new ArgsError('--targets is given twice');
      targets = true;
      continue;
    }
    if (token === '--evaluation') {
      if (evaluation) throw new ArgsError('--evaluation is given twice');
      evaluation = true;
      continue;
    }
    const option = splitOption(token);
    if (!option) throw new ArgsError(`unexpected "${token}": file names follow --tickets, --grid, --enterprise, --police or --alerts`);
    const { name, inline } = option;
    if (isFileListOption(name)) {
      const list = files[FILE_LISTS[name]];
      if (inline !== null) {
        if (inline === '') throw new ArgsError(`${name}= needs a file name`);
        list.push(inline);
      }
      // Every following token up to the next option is a file; "-x" style tokens are not
      // options here, so a file named "-weird.csv" still works.
      const before = list.length;
      while (i < argv.length && !argv[i].startsWith('--')) list.push(argv[i++]);
      if (inline === null && list.length === before) throw new ArgsError(`${name} needs at least one file`);
      continue;
    }
    if (isSingleOption(name)) {
      if (single.has(name)) throw new ArgsError(`${name} is given twice`);
      const value = inline ?? (i < argv.length && !argv[i].startsWith('--') ? argv[i++] : null);
      if (value === null || value === '') throw new ArgsError(`${name} needs a value`);
      single.set(name, value);
      continue;
    }
    throw new ArgsError(`unknown option ${name}`);
  }

  if (files.tickets.length === 0) throw new ArgsError('--tickets FILE is required');
  const from = single.has('--from') ? isoDate('--from', single.get('--from')!) : null;
  const to = single.has('--to') ? isoDate('--to', single.get('--to')!) : null;
  // ISO dates compare correctly as strings.
  if (from && to && from > to) throw new ArgsError(`--from ${from} is after --to ${to}`);
  const explainMetric = single.get('--explain');
  const format = oneOf('--format', single.get('--format') ?? 'json', ['json', 'csv'] as const);
  if ((explainMetric || targets || evaluation) && format !== 'json') throw new ArgsError('--targets, --explain and --evaluation print JSON only');
  if (single.has('--year') && !evaluation) throw new ArgsError('--year goes with --evaluation');
  if (evaluation && files.grid.length === 0) throw new ArgsError('--evaluation needs --grid FILE');
  const yearText = single.get('--year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new ArgsError(`--year must be a year written YYYY, not "${yearText}"`);
  if (single.has('--compare') && !explainMetric) throw new ArgsError('--compare goes with --explain');
  const explain = explainMetric
    ? {
        metric: oneOf('--explain', explainMetric, EXPLAIN_METRICS),
        by: oneOf('--by', single.get('--by') ?? 'category1', EXPLAIN_DIMENSIONS),
        compare: oneOf('--compare', single.get('--compare') ?? 'previous', ['previous', 'yoy'] as const),
      }
    : null;
  // With --explain, --by names the decomposition's dimension; the ticket grouping stays township
  // unless that dimension is department.
  const by = explain ? (explain.by === 'department' ? 'department' : 'township') : oneOf('--by', single.get('--by') ?? 'township', ['township', 'department'] as const);
  return {
    kind: 'report',
    args: {
      ...files,
      from,
      to,
      by,
      format,
      settings: single.get('--settings') ?? null,
      targets,
      explain,
      evaluation: evaluation ? { year: yearText === undefined ? 'latest' : Number(yearText) } : null,
    },
  };
}
