// Cancel latency alone (the figure bench/import.ts prints after the GB18030 twin), for a quick
// re-measure: cancel a browser import of FILE at each delay after the file is chosen.
//   npx tsx bench/import-cancel.ts [FILE.csv] [delays, comma-separated ms]
// Without FILE, the bench's own 1,000,000-row ticket CSV is generated (and removed afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cancelLatencies, sampleCsv } from './import';
import { fmtMs, quantile } from './support/stats';

const given = process.argv[2];
const delays = (process.argv[3] ?? '300,1000,2000,3500,5000,7000').split(',').map(Number);
const dir = given ? null : mkdtempSync(join(tmpdir(), 'bench-cancel-'));
try {
  const file = given ?? sampleCsv(1_000_000, dir!);
  const cancels = await cancelLatencies(file, delays);
  for (const c of cancels) console.log(`at ${c.delay} ms: to the page ${fmtMs(c.uiMs)}, engine answers ${fmtMs(c.engineMs)}, staging tables left ${c.leftovers}`);
  if (cancels.length) {
    console.log(`p95 to the page ${fmtMs(quantile(cancels.map((c) => c.uiMs), 0.95))}, p95 until the engine answers ${fmtMs(quantile(cancels.map((c) => c.engineMs), 0.95))}`);
  }
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
