// Import worker entry: file decoding and parsing behind the typed contract of ./import-api.ts.
import { expose } from 'comlink';
import { ImportWorkerService } from '../src/lib/data/import-worker-service';
import { readyGb18030 } from '../src/lib/import/decode';
import { warmCsvScan } from '../src/lib/import/warm-scan';
import { READY_GB18030_MESSAGE } from './import-api';

// A spare worker, started while the page is idle (src/lib/data/import-client.ts), is asked with a
// plain message to ready the GB18030 transcoder before any file comes: in a new worker its tables
// and their check took 0.1–0.2 s, the longest wait for progress at the start of a GBK import.
// A second later, if no request has come meanwhile, it passes a made-up export through the CSV
// pass once (warm-scan.ts), which stops as soon as any other message, a request, has come. The
// wait spares that work when files come one after another (the DuckDB corpus browser test, run
// beside the others in CI: 49-50 s before the warm-up, 60 s with it started at once); a user
// choosing a file after looking at the page still finds the pass warm. Registered before
// comlink's listener, which never sees the ready message.
const WARM_UP_AFTER_MS = 1000;
let requested = false;
self.addEventListener('message', (event: MessageEvent) => {
  if ((event.data as Partial<typeof READY_GB18030_MESSAGE> | null)?.workbenchReady !== READY_GB18030_MESSAGE.workbenchReady) {
    requested = true;
    return;
  }
  event.stopImmediatePropagation();
  readyGb18030();
  setTimeout(() => {
    if (!requested) void warmCsvScan(() => requested).catch(() => undefined);
  }, WARM_UP_AFTER_MS);
});

expose(new ImportWorkerService());
