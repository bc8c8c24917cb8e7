// Import worker entry: file decoding and parsing behind the typed contract of ./import-api.ts.
import { expose } from 'comlink';
import { ImportWorkerService } from '../src/lib/data/import-worker-service';
import { readyGb18030 } from '../src/lib/import/decode';
import { warmCsvScan } from '../src/lib/import/warm-scan';
import { READY_GB18030_MESSAGE } from './import-api';

// A spare worker, started while the page is idle (src/lib/data/import-client.ts), is asked with a
// plain message to ready the GB18030 transcoder before any file comes: in a new worker its tables
// and their check took 0.1–0.2 s, the longest wait for progress at the start of a GBK import.
// It then passes a made-up export through the CSV pass once (warm-scan.ts), which stops as soon
// as any other message, a request, has come. Registered before comlink's listener, which never
// sees the ready message.
let requested = false;
self.addEventListener('message', (event: MessageEvent) => {
  if ((event.data as Partial<typeof READY_GB18030_MESSAGE> | null)?.workbenchReady !== READY_GB18030_MESSAGE.workbenchReady) {
    requested = true;
    return;
  }
  event.stopImmediatePropagation();
  readyGb18030();
  if (!requested) void warmCsvScan(() => requested).catch(() => undefined);
});

expose(new ImportWorkerService());
