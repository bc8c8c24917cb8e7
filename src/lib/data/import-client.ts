// The page's side of the import worker. Each file gets its own worker: cancel is then simply
// terminate (nothing half-parsed can linger), and a parse that runs out of memory kills only
// its own worker, never the page or the engine.
import { proxy, wrap } from 'comlink';
import ImportWorker from '../../../workers/import.worker?worker&inline';
import type { ImportOutcome, ImportWorkerApi, ImportWorkerOptions, ImportWorkerProgress, PrepareOutcome } from '../../../workers/import-api';

export interface ImportJob<T = ImportOutcome> {
  outcome: Promise<T>;
  cancel(): void;
}

export function parseInWorker(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): ImportJob {
  return inWorker<ImportOutcome>(file, (remote) => remote.parse(file, options, proxy(onProgress)));
}

/** The engine path's worker step (ImportWorkerApi.prepareCsv); cancel terminates the worker. */
export function prepareInWorker(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): ImportJob<PrepareOutcome> {
  return inWorker<PrepareOutcome>(file, (remote) => remote.prepareCsv(file, options, proxy(onProgress)));
}

function inWorker<T extends ImportOutcome | PrepareOutcome>(file: File, call: (remote: ReturnType<typeof wrap<ImportWorkerApi>>) => Promise<T>): ImportJob<T> {
  const worker = new ImportWorker();
  const remote = wrap<ImportWorkerApi>(worker);
  let settle: ((outcome: T) => void) | null = null;
  const finish = (outcome: T) => {
    settle?.(outcome);
    settle = null;
    worker.terminate();
  };
  const outcome = new Promise<T>((resolve) => {
    settle = resolve;
  });
  worker.addEventListener('error', (e) => {
    finish({
      ok: false,
      probe: null as null,
      error: {
        code: 'load-failed',
        zh: `解析进程意外终止（可能内存不足）${e.message ? `：${e.message}` : ''}`,
        en: `the parsing worker stopped unexpectedly (out of memory?)${e.message ? `: ${e.message}` : ''}`,
        file: file.name,
      },
    } as T);
  });
  call(remote).then(finish, (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    finish({ ok: false, probe: null, error: { code: 'load-failed', zh: `读取文件时出错（${detail}）`, en: `reading the file failed (${detail})`, file: file.name } } as T);
  });
  return {
    outcome,
    cancel() {
      finish({ ok: false, probe: null, error: { code: 'cancelled', zh: '导入已取消', en: 'import cancelled', file: file.name } } as T);
    },
  };
}
