// Engine worker entry: DuckDB-WASM behind the typed contract of ./engine-api.ts.
import { expose } from 'comlink';
import { EngineService } from '../src/lib/engine/worker/engine-service';

performance.mark('engine:worker-start');
expose(new EngineService());
