// npm run bench: every figure is a ratio against a baseline measured in the same run, because
// this machine is shared and absolute times drift.
import { existsSync } from 'node:fs';
import { benchColdOpen, reportColdOpen } from './open';
import { benchReopen, reportReopen } from './reopen';
import { reportSiteSize } from './size';
import { benchOverviewQueries, reportOverviewQueries } from './queries';
import { benchCarrier, reportCarrier } from './carrier';
import { benchWasmEncoding, reportWasmEncoding } from './wasm-encoding';
import { benchImport } from './import';
import { benchBrush, reportBrush } from './brush';
import { benchRecords, reportRecords } from './records';
import { benchCompare, reportCompare } from './compare';
import { benchEvaluation, reportEvaluation } from './evaluation';

const runs = Number(process.env.BENCH_RUNS ?? 5);

const buildDir = process.env.BUILD_DIR ?? 'build';
if (!existsSync(`${buildDir}/index.html`)) {
  console.error(`bench: no ${buildDir}/index.html — run \`npm run build\` first`);
  process.exit(2);
}

const sections: [string, () => Promise<string[]>][] = [
  ['size', async () => reportSiteSize()],
  ['open', async () => reportColdOpen(await benchColdOpen(runs))],
  ['reopen', async () => reportReopen(await benchReopen(Math.min(runs, Number(process.env.BENCH_REOPEN_RUNS ?? 3))))],
  ['queries', async () => reportOverviewQueries(await benchOverviewQueries(runs), runs)],
  ['wasm', async () => reportWasmEncoding(await benchWasmEncoding(runs))],
  ['carrier', async () => reportCarrier(await benchCarrier(runs))],
  ['import', () => benchImport(runs)],
  ['brush', async () => reportBrush(await benchBrush())],
  ['records', async () => reportRecords(await benchRecords())],
  ['compare', async () => reportCompare(await benchCompare(runs), runs)],
  ['evaluation', async () => reportEvaluation(await benchEvaluation(runs), runs)],
];

const only = process.argv.slice(2);
for (const [name, run] of sections) {
  if (only.length && !only.includes(name)) continue;
  for (const line of await run()) console.log(line);
  console.log('');
}
