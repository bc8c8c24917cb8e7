// Parse throughput of a ticket CSV (28 columns). Off by default because it takes seconds;
// run with IMPORT_BENCH_ROWS=1000000 npx vitest run test/unit/import/throughput.test.ts
import { describe, expect, it } from 'vitest';
import { TABLES } from '$lib/schema';
import { parseImport, parseImportStream } from '$lib/import';

const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 0);

function ticketCsv(n: number): Uint8Array {
  const cols = TABLES.tickets.columns;
  const towns = ['海门街道', '三厂', '常乐镇', '悦来'];
  const parts: string[] = [cols.map((c) => c.aliases[0]).join(',')];
  for (let r = 0; r < n; r++) {
    const cells = cols.map((c) => {
      if (c.name === 'ticket_id') return `HM${20240000000 + r}`;
      if (c.type === 'TIMESTAMP') return `2024-0${1 + (r % 9)}-1${r % 10} 1${r % 10}:0${r % 10}:00`;
      if (c.type === 'BOOLEAN') return r % 2 ? '是' : '否';
      if (c.type === 'INTEGER') return String(r % 3);
      if (c.name === 'township') return towns[r % 4];
      if (c.name === 'content') return `"市民反映，小区门口""垃圾""堆放，请尽快处理 ${r}"`;
      return `值${r % 50}`;
    });
    parts.push(cells.join(','));
  }
  return new TextEncoder().encode(parts.join('\r\n'));
}

describe.skipIf(!rows)('import throughput', () => {
  it(`parses ${rows} ticket rows`, { timeout: 600_000 }, async () => {
    const bytes = ticketCsv(rows);
    let t = performance.now();
    const whole = await parseImport({ name: 'bench.csv', bytes });
    const wholeSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    }
    const streamed = await parseImportStream({ name: 'bench.csv', size: bytes.length, chunks: chunks() });
    const streamSeconds = (performance.now() - t) / 1000;
    console.log(
      `${rows} rows, ${(bytes.length / 1e6).toFixed(0)} MB: parseImport ${wholeSeconds.toFixed(2)} s, ` +
        `parseImportStream (64 KiB chunks) ${streamSeconds.toFixed(2)} s, ${whole.batches.length} Arrow batches`,
    );
    expect(whole.report.rowsLoaded).toBe(rows);
    expect(streamed.report.rowsLoaded).toBe(rows);
  });
});
