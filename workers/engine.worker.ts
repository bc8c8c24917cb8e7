// Engine worker entry: DuckDB-WASM behind the typed contract of ./engine-api.ts.
import { expose } from 'comlink';
import { EngineService } from '../src/lib/engine/worker/engine-service';
import type { EngineStartOptions, SamplePayload } from './engine-api';

performance.mark('engine:worker-start');
const service = new EngineService();
// The page's first script (app.html) starts DuckDB with a plain message, before the app and its
// comlink proxy exist; the app's later start() gets the same start back.
self.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { workbenchStart?: EngineStartOptions; workbenchSample?: SamplePayload; workbenchPrefetch?: string[] } | null;
  if (data?.workbenchStart) {
    // The page holds its own app back until the start has arrived here (app.html).
    self.postMessage({ workbenchStarted: true });
    void service.start(data.workbenchStart).catch(() => undefined);
  } else if (data?.workbenchSample) void service.provideSample(data.workbenchSample);
  // The user's stored tables, named by app.html as soon as it has looked into IndexedDB.
  else if (data?.workbenchPrefetch) void service.prefetchStored(data.workbenchPrefetch);
  else return;
  event.stopImmediatePropagation();
});
expose(service);
