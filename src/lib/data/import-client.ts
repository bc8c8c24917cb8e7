// The page's side of the import worker. Each file gets its own worker: cancel is then simply
// terminate (nothing half-parsed can linger), and a parse that runs out of memory kills only
// its own worker, never the page or the engine.
import { proxy, wrap } from 'comlink';
import ImportWorker from '../../../workers/import.worker?worker&inline';
import type { ImportOutcome, ImportWorkerApi, ImportWorkerOptions, ImportWorkerProgress } from '../../../workers/import-api';

export interface ImportJob {
  outcome: Promise<ImportOutcome>;
  cancel(): void;
}

export function parseInWorker(file: File, options: ImportWorkerOptions, onProgress: (p: ImportWorkerProgress) => void): ImportJob {
  const worker = new ImportWorker();
  const remote = wrap<ImportWorkerApi>(worker);
  let settle: ((outcome: ImportOutcome) => void) | null = null;
  const finish = (outcome: ImportOutcome) => {
    settle?.(outcome);
    settle = null;
    worker.terminate();
  };
  const outcome = new Promise<ImportOutcome>((resolve) => {
    settle = resolve;
  });
  worker.addEventListener('error', (e) => {
    finish({
      ok: false,
      probe: null,
      error: {
        code: 'load-failed',
        zh: `解析进程意外终止（可能内存不足）${e.message ? `：${e.message}` : ''}`,
        en: `the parsing worker stopped unexpectedly (out of memory?)${e.message ? `: ${e.message}` : ''}`,
        file: file.name,
      },
    });
  });
  remote.parse(file, options, proxy(onProgress)).then(finish, (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    finish({ ok: false, probe: null, error: { code: 'load-failed', zh: `读取文件时出错（${detail}）`, en: `reading the file failed (${detail})`, file: file.name } });
  });
  return {
    outcome,
    cancel() {
      finish({ ok: false, probe: null, error: { code: 'cancelled', zh: '导入已取消', en: 'import cancelled', file: file.name } });
    },
  };
}
