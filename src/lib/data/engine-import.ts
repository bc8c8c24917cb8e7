// The page's side of a CSV import on the engine path: the import worker has decided the header
// and scanned (and, for GBK, transcoded) the file; here DuckDB reads it and validates it in SQL
// (import/staged-csv.ts), each statement cancellable. Null means "not this way": the caller then
// parses in the worker as before, whose result the engine path reproduces exactly.
import type { EngineClient } from '$lib/engine';
import { cancelled } from '$lib/import/errors';
import { parsedFromStage, stageRegistered } from '$lib/import/engine-csv';
import { dropImportTables, dropStaged, importId, type StagedTables } from '$lib/import/staged-csv';
import type { ImportWorkerProgress, ParsedFile, PreparedCsv } from '../../../workers/import-api';

export async function stageOnEngine(
  engine: EngineClient,
  file: File,
  prepared: PreparedCsv,
  options: { townshipAliases?: ReadonlyMap<string, string>; signal: AbortSignal; onProgress?: (p: ImportWorkerProgress) => void },
): Promise<ParsedFile | null> {
  const id = importId();
  const t0 = performance.now();
  const onProgress = options.onProgress;
  // Progress while DuckDB reads: the bytes it has read of the UTF-8; then its checks, statement by statement.
  const totalBytes = prepared.utf8 instanceof Blob ? prepared.utf8.size : prepared.utf8.reduce((n, p) => n + p.length, 0);
  const rows = prepared.scan.records;
  let reading = Boolean(onProgress);
  const stopWatching = () => {
    if (!reading) return;
    reading = false;
    void engine.watchFileReads(null).catch(() => undefined);
  };
  if (onProgress) {
    onProgress({ bytesRead: 0, totalBytes, rows });
    await engine.watchFileReads((bytes) => reading && onProgress({ bytesRead: Math.min(bytes, totalBytes), totalBytes, rows }));
  }
  try {
    const result = await stageRegistered(engine.cancellable(options.signal), prepared.utf8, prepared.head, prepared.scan, {
      file: file.name,
      townshipAliases: options.townshipAliases,
      id,
      onFallback: (reason) => console.info(`import of ${file.name}: the JavaScript path reads it (${reason})`),
      onStep: onProgress
        ? (step, steps) => {
            stopWatching();
            onProgress({ bytesRead: totalBytes, totalBytes, rows, step, steps });
          }
        : undefined,
    });
    if (!result) return null;
    const { delimiter: _delimiter, ...parsed } = parsedFromStage(file.name, prepared.encoding, result);
    performance.mark('workbench:import-engine-path', { detail: { file: file.name, ms: performance.now() - t0 } });
    return { ...parsed, size: file.size, parseMs: performance.now() - t0 };
  } catch (error) {
    // The interrupted statements could not clean up after themselves: nothing may stay half-made.
    void dropImportTables(engine, id).catch(() => undefined);
    if (options.signal.aborted) throw cancelled(file.name);
    throw error;
  } finally {
    stopWatching();
  }
}

/** Staging tables of a parse that will not be loaded (cancelled at review, parsed again, nothing loadable). */
export function discardStaged(engine: EngineClient | null, staged: StagedTables | null | undefined): void {
  if (engine && staged) void dropStaged(engine, staged);
}
