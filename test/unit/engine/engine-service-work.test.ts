// The engine worker's reports of DuckDB's work go out on the port it was given (the worker's own,
// which comlink answers on too), so a statement's last report always precedes its result.
import { describe, expect, it, vi } from 'vitest';
import { EngineService } from '$lib/engine/worker/engine-service';
import { startStatement } from '$lib/engine/statement-log';
import type { DatasetStore } from '$lib/data/datasets';

// DuckDB's browser bindings do not load in Node; no engine is started here.
vi.mock('$lib/engine/worker/duckdb-boot', () => ({ bootDuckDB: vi.fn() }));

describe('EngineService.watchEngineWork', () => {
  it("posts each step of the running statement as { workbenchWork } on its port, until stopped", async () => {
    const posted: unknown[] = [];
    const service = new EngineService({} as DatasetStore, (message) => posted.push(message));
    await service.watchEngineWork(true);
    const statement = startStatement('CREATE TABLE t AS SELECT 1', () => 0);
    statement.slice(() => undefined);
    statement.slice(() => undefined);
    await service.watchEngineWork(false);
    statement.slice(() => undefined);
    statement.end();
    expect(posted).toEqual([{ workbenchWork: { bytesRead: 0, slices: 1 } }, { workbenchWork: { bytesRead: 0, slices: 2 } }]);
  });
});
