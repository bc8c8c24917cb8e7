// A GB18030 file on the engine path, as the page runs it: the worker's header decision and the
// parts of its transcoding (which may come while the engine still starts) go to DuckDB as they
// come; DuckDB's bytes of the transcoding are told as the file's bytes they came from, beside the
// worker's rows as scanned (as for a UTF-8 file); and the staged rows are those of the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import type { EngineClient } from '$lib/engine';
import type { EngineWork } from '$lib/engine/statement-log';
import type { EngineTransaction } from '$lib/engine/types';
import { PendingEngineImport } from '$lib/data/engine-import';
import { prepareCsvBytes, type OnPart } from '$lib/import/csv-prepare';
import type { CsvHead } from '$lib/import/engine-csv';
import type { EncodingGuess } from '$lib/import/decode';
import { dropStaged } from '$lib/import/upsert';
import { trusted } from '$lib/sql';
import type { ImportWorkerProgress, PreparedCsv } from '../../../workers/import-api';
import { gb18030 } from '../import/messy';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
}, 60_000);
afterAll(() => engine?.close());

const GBK: EncodingGuess = { encoding: 'gb18030', reason: 'fallback', bom: false };
const rows = Array.from({ length: 3000 }, (_, i) => `HM${i},2024-01-01 08:00:00,海门街道`);
const text = ['海门区工单导出', '工单编号,受理时间,所属区镇', ...rows].join('\r\n') + '\r\n';
const gbk = gb18030(text) as Uint8Array<ArrayBuffer>;
const file = new File([gbk], 'g.csv');

/** The page's client as far as an engine-path import uses it, over the Node engine; `watcher` is what it watches DuckDB's work with. */
function nodeClient() {
  const watcher: { current: ((work: EngineWork) => void) | null } = { current: null };
  const client = {
    cancellable: () => engine,
    transaction: async (): Promise<EngineTransaction> => {
      const connection = engine.connectAgain();
      await connection.exec(trusted('BEGIN TRANSACTION'));
      return Object.assign(connection, { commit: () => connection.exec(trusted('COMMIT')), rollback: () => connection.exec(trusted('ROLLBACK')) });
    },
    watchEngineWork: async (listener: ((work: EngineWork) => void) | null) => {
      watcher.current = listener;
    },
    query: (q: Parameters<NodeEngine['query']>[0]) => engine.query(q),
    exec: (q: Parameters<NodeEngine['exec']>[0]) => engine.exec(q),
    registerFile: (name: string, file: Parameters<NodeEngine['registerFile']>[1]) => engine.registerFile(name, file),
    dropFile: (name: string) => engine.dropFile(name),
  } as unknown as EngineClient;
  return { client, watcher };
}

/** The import worker's pass over the file in chunks of `chunkBytes`, in parts of about 8 KB: its header decision goes to `to`. */
async function workerPass(chunkBytes: number, to: { headDecided(head: CsvHead, from: 'file' | 'parts'): void }, onPart: OnPart) {
  async function* chunks() {
    for (let i = 0; i < gbk.length; i += chunkBytes) yield gbk.slice(i, i + chunkBytes);
  }
  const prepared = await prepareCsvBytes({
    name: 'g.csv',
    file,
    chunks: () => chunks(),
    encoding: GBK,
    tabSeparated: false,
    choice: { table: 'tickets' },
    partBytes: 8192,
    onHead: (head, from) => to.headDecided(head, from),
    onPart,
  });
  expect(prepared).not.toBeNull();
  return prepared!;
}

describe('a transcoded CSV read in parts from the page', () => {
  it('buffers parts until the engine starts and stages every row', async () => {
    const { client, watcher } = nodeClient();
    let start: (c: EngineClient) => void = () => undefined;
    const told: ImportWorkerProgress[] = [];
    const pending = new PendingEngineImport(new Promise<EngineClient | null>((resolve) => (start = resolve)), file, (p) => told.push(p));

    // The worker's pass, all of it before the engine has started: its head and parts wait.
    let parts = 0;
    const prepared = await workerPass(4096, pending, (part, last, fileBytes, plain) => {
      parts++;
      pending.partReady(part, last, fileBytes, plain);
    });
    expect(prepared.parts).toBe(true);
    expect(parts).toBeGreaterThan(5);
    start(client);
    const job = await pending.ready();
    expect(job).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(watcher.current).not.toBeNull();

    // DuckDB's bytes of the transcoding are told as bytes of the file, the worker's rows as scanned:
    // all of the transcoding is all of the file.
    const utf8Bytes = new TextEncoder().encode(text).length;
    job!.workerProgress({ bytesRead: gbk.length, totalBytes: gbk.length, rows: 3002 });
    watcher.current!({ bytesRead: utf8Bytes, slices: 1 });
    expect(told.at(-1)).toEqual({ bytesRead: gbk.length, totalBytes: gbk.length, rows: 3002, rowsScanned: true });

    const parsed = await job!.stage({ ...prepared, encoding: GBK, size: gbk.length } as PreparedCsv);
    expect(parsed).not.toBeNull();
    expect(parsed!.report.rowsRead).toBe(rows.length);
    expect(parsed!.headerRow).toBe(2);
    const ids = (await engine.query(trusted(`SELECT min(ticket_id) AS lo, max(ticket_id) AS hi, count(*)::INTEGER AS n FROM "${parsed!.staged!.rows}"`))).toArray()[0];
    expect(ids.n).toBe(3000);
    await dropStaged(engine, parsed!.staged!);
  });

  it('tells DuckDB’s bytes of a part as the file’s bytes it came from, and leaves nothing when discarded', async () => {
    const { client, watcher } = nodeClient();
    const told: ImportWorkerProgress[] = [];
    const pending = new PendingEngineImport(Promise.resolve(client), file, (p) => told.push(p));
    const job = (await pending.ready())!;
    const sent: [Uint8Array[], number][] = [];
    await workerPass(1024, job, (part, _, fileBytes) => sent.push([part, fileBytes]));
    // Cut about every 8 KB of UTF-8, each at the file's bytes read then (whole KiB pieces here).
    const [first, firstEnd] = sent[0];
    const firstBytes = first.reduce((n, p) => n + p.length, 0);
    expect(firstBytes).toBeGreaterThanOrEqual(8192);
    expect(firstEnd % 1024).toBe(0);
    expect(firstEnd).toBeLessThan(gbk.length);
    // The first part only: DuckDB reads it while the worker goes on. Its end is the file's bytes
    // it came from; halfway through it, about half of them.
    job.partReady(first, false, firstEnd, []);
    await new Promise((r) => setTimeout(r, 20));
    job.workerProgress({ bytesRead: firstEnd + 4096, totalBytes: gbk.length, rows: 400 });
    watcher.current!({ bytesRead: firstBytes, slices: 1 });
    expect(told.at(-1)).toEqual({ bytesRead: firstEnd, totalBytes: gbk.length, rows: 400, rowsScanned: true });
    watcher.current!({ bytesRead: firstBytes / 2, slices: 1 });
    expect(told.at(-1)!.bytesRead).toBe(Math.round(firstEnd / 2));
    // The worker's further bytes do not show while DuckDB is behind.
    job.workerProgress({ bytesRead: firstEnd + 8192, totalBytes: gbk.length, rows: 500 });
    expect(told.at(-1)).toEqual({ bytesRead: Math.round(firstEnd / 2), totalBytes: gbk.length, rows: 500, rowsScanned: true });
    await pending.discard();
    const left = (await engine.query(trusted("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, '__import_')"))).toArray()[0];
    expect(left.n).toBe(0);
  });
});
