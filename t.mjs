import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh.wasm$/, '');
const t0 = Date.now();
const db = await duckdb.createDuckDB({ mvp: { mainModule: dist + 'duckdb-mvp.wasm', mainWorker: '' }, eh: { mainModule: dist + 'duckdb-eh.wasm', mainWorker: '' } }, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
await db.instantiate();
const c = db.connect();
console.log(Date.now() - t0, 'ms');
const s = c.prepare("select version() v, ?::VARCHAR || 'x' a, ?::TIMESTAMP t, quantile_cont(x, 0.9) q from (values (1),(2),(3)) t(x)");
const r = s.query('he\'llo', '2024-01-05 13:05:00');
console.log(r.toArray().map(x => x.toJSON()), r.schema.fields.map(f => String(f.type)));
try { c.query("select * from read_parquet('x.parquet')") } catch (e) { console.log('err', e.message) }
