// What an engine-path import tells the page while DuckDB reads: DuckDB's bytes, and the worker's
// scanned records marked as scanned (the scan runs ahead of the read), never passed off as read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import type { EngineClient } from '$lib/engine';
import type { EngineWork } from '$lib/engine/statement-log';
import { EngineCsvImport } from '$lib/data/engine-import';
import { prepareCsvBytes } from '$lib/import/csv-prepare';
import type { CsvHead } from '$lib/import/engine-csv';
import type { ImportWorkerProgress } from '../../../workers/import-api';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 60_000);
afterAll(() => engine?.close());

const text = ['工单编号,受理时间,所属区镇', ...Array.from({ length: 500 }, (_, i) => `HM${i},2024-01-01 08:00:00,海门街道`)].join('\n') + '\n';
const bytes = new TextEncoder().encode(text);
const file = new File([bytes], 't.csv');

describe('an engine-path import’s progress', () => {
  it('shows the worker’s rows as read until DuckDB reads, then as scanned beside DuckDB’s bytes', async () => {
    let watcher: ((work: EngineWork) => void) | null = null;
    const client = {
      cancellable: () => engine,
      watchEngineWork: async (listener: ((work: EngineWork) => void) | null) => {
        watcher = listener;
      },
      query: (q: Parameters<NodeEngine['query']>[0]) => engine.query(q),
      exec: (q: Parameters<NodeEngine['exec']>[0]) => engine.exec(q),
      dropFile: (name: string) => engine.dropFile(name),
    } as unknown as EngineClient;
    const told: ImportWorkerProgress[] = [];
    const job = new EngineCsvImport(client, file, (p) => told.push(p));

    // Before the header is decided, the worker reads alone: its rows are the rows read.
    job.workerProgress({ bytesRead: 100, totalBytes: bytes.length, rows: 3 });
    expect(told.at(-1)).toEqual({ bytesRead: 100, totalBytes: bytes.length, rows: 3 });

    const heads: CsvHead[] = [];
    async function* chunks() {
      yield bytes;
    }
    const prepared = await prepareCsvBytes({
      name: 't.csv',
      file,
      chunks: () => chunks(),
      encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
      tabSeparated: false,
      choice: { table: 'tickets' },
      onHead: (h) => heads.push(h),
    });
    job.headDecided(heads[0]);
    await new Promise((r) => setTimeout(r, 50));
    expect(watcher).not.toBeNull();
    // DuckDB has read 40 bytes; the worker's scan is further on.
    watcher!({ bytesRead: 40, slices: 0 });
    expect(told.at(-1)).toEqual({ bytesRead: 40, totalBytes: bytes.length, rows: 3, rowsScanned: true });
    job.workerProgress({ bytesRead: 2000, totalBytes: bytes.length, rows: 120 });
    expect(told.at(-1)).toEqual({ bytesRead: 40, totalBytes: bytes.length, rows: 120, rowsScanned: true });
    await job.stage({ ...prepared!, encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false }, size: bytes.length } as Parameters<EngineCsvImport['stage']>[0]);
  });
});
