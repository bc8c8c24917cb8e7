// `npm run report -- --tickets FILE... [options]`: the browser's import and metric code in Node
// (metrics.md, "The report command"). Exit 0 with the report on stdout; 1 with one line on
// stderr when a file cannot be used; 2 when the arguments are wrong.
import { ArgsError, USAGE, parseArgs, type ParsedArgs } from './report/args';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    process.stderr.write(`report: ${error.message} (run with --help for usage)\n`);
    return EXIT_USAGE;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  // Loaded only now: DuckDB-WASM and the import pipeline take a while to load, and a mistyped
  // option or --help should answer at once.
  const { oneLine, userFacingMessage } = await import('./report/errors');
  try {
    const { runReport } = await import('./report/run');
    const { formatCsv, formatJson } = await import('./report/format');
    const { stderrSummary } = await import('./report/summary');
    const report = await runReport(parsed.args);
    process.stderr.write(stderrSummary(report));
    process.stdout.write(parsed.args.format === 'csv' ? formatCsv(report) : formatJson(report));
    return EXIT_OK;
  } catch (error) {
    const message = userFacingMessage(error);
    if (message !== null) {
      process.stderr.write(`report: ${message}\n`);
      return EXIT_FAILED;
    }
    // Not the user's doing: still one line by default, the stack on request.
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`report: internal error: ${oneLine(detail)}${process.env.REPORT_DEBUG ? '' : ' (set REPORT_DEBUG=1 for details)'}\n`);
    if (process.env.REPORT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT_FAILED;
  }
}

// process.exitCode rather than process.exit(): stdout to a pipe must drain before Node exits.
process.exitCode = await main(process.argv.slice(2));
