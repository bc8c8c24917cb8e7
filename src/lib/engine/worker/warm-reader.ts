// DuckDB's CSV reader run once over a small made-up export while the Data page is idle, so that a
// user's first import does not pay for readying it. In a fresh page the first part (32 MB then) of a
// 1M-row export took 1.11–1.42 s to read against 0.52 s after a read of a 20,000-row file: the
// difference is the engine's first run of the reader's code, not the bytes.
import type { Engine } from '../types';
import { ENGINE_FILE_PREFIX } from '../types';
import { importId, readRawTable } from '$lib/import/raw-read';
import { ident, sql } from '$lib/sql';

/** Rows and columns of the made-up export: a ticket export's width, a few hundred KB. */
const WARM_ROWS = 2000;
const WARM_WIDTH = 28;

/**
 * A CSV shaped like an export: a header, CRLF line ends, times, Chinese text, quoted cells with
 * commas, quotes and line breaks in them, numbers and empty cells.
 */
export function warmCsv(rows = WARM_ROWS, width = WARM_WIDTH): Uint8Array {
  const lines = [Array.from({ length: width }, (_, k) => `列${k}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = Array.from({ length: width }, (_, k) => {
      switch (k % 5) {
        case 0:
          return `2025-0${1 + (i % 9)}-${String(10 + (i % 18))} 0${i % 10}:${String(10 + (k % 50))}:00`;
        case 1:
          return `海门街道${i % 13}`;
        case 2:
          return `"内容,""${i}""\n第二行"`;
        case 3:
          return String((i * 7 + k) % 1000);
        default:
          return '';
      }
    });
    lines.push(cells.join(','));
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

/**
 * Read the made-up export as an import reads its parts (the first part creates the raw table, a
 * later one appends), ask what the checks ask of it, and drop it all. Milliseconds taken.
 */
export async function warmCsvReader(engine: Engine): Promise<number> {
  const t0 = performance.now();
  const suffix = importId();
  const file = `${ENGINE_FILE_PREFIX}warm-${suffix}.csv`;
  const table = `__warm_${suffix}`;
  try {
    await engine.registerFile(file, [warmCsv()]);
    for (const append of [false, true]) {
      const refusal = await readRawTable(engine, table, { engineFile: file, delimiter: ',', skip: 1, width: WARM_WIDTH, append, inMemory: true });
      if (refusal) throw new Error(refusal);
    }
    await engine.query(sql`SELECT count(DISTINCT c1)::INTEGER AS n, max(TRY_CAST(c0 AS TIMESTAMP)) AS t FROM ${ident(table)}`);
  } finally {
    await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    await engine.dropFile(file).catch(() => undefined);
  }
  return performance.now() - t0;
}
