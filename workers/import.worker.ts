// Import worker entry: file decoding and parsing behind the typed contract of ./import-api.ts.
import { expose } from 'comlink';
import { ImportWorkerService } from '../src/lib/data/import-worker-service';

expose(new ImportWorkerService());
