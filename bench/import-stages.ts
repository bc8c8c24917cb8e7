// Where the engine path of a CSV import spends its time, statement by statement, in Node
// (DuckDB-WASM, the same build as the browser's), beside DuckDB-WASM's own read_csv of the same
// bytes in the same run. A profiling aid, not a figure of `npm run bench`:
//   npx tsx bench/import-stages.ts FILE.csv [runs]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Table } from 'apache-arrow';
import { NodeEngine } from '../src/lib/engine/node-engine';
import type { Engine } from '../src/lib/engine/types';
import { loadParsedImport, parseImportWithEngine } from '../src/lib/import';
import { literal, trusted, type SqlFragment } from '../src/lib/sql';
import { fmtMs, median } from './support/stats';

interface Step {
  label: string;
  ms: number;
}

/** An Engine that times every call and names it by the first words of its SQL. */
function timed(engine: Engine, steps: Step[]): Engine {
  const label = (q: SqlFragment) => q.text.replace(/\s+/g, ' ').replace(/"__import_[a-z0-9]+_/g, '"').slice(0, 110);
  const time = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      steps.push({ label: what, ms: performance.now() - t0 });
    }
  };
  return {
    query: (q): Promise<Table> => time(`query ${label(q)}`, () => engine.query(q)),
    exec: (q) => time(`exec  ${label(q)}`, () => engine.exec(q)),
    insertArrow: (t, ipc, mode) => time(`arrow ${t.replace(/__import_[a-z0-9]+_/, '')} ${mode}`, () => engine.insertArrow(t, ipc, mode)),
    registerFile: (n, f) => time('registerFile', () => engine.registerFile(n, f)),
    dropFile: (n) => time('dropFile', () => engine.dropFile(n)),
  };
}

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!file) {
  console.error('usage: npx tsx bench/import-stages.ts FILE.csv [runs]');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(file));
const firstLine = new TextDecoder().decode(bytes.subarray(0, 65536)).split('\n')[0];
const width = firstLine.split(',').length;

const floors: number[] = [];
const totals: number[] = [];
const perStep = new Map<string, number[]>();
for (let run = 0; run < runs; run++) {
  const engine = await NodeEngine.start();
  try {
    let t0 = performance.now();
    await engine.registerFile('workbench-files/floor.csv', new Blob([bytes]));
    const columns = Array.from({ length: width }, (_, c) => `${literal(`c${c}`)}: 'VARCHAR'`).join(', ');
    await engine.exec(trusted(`CREATE TABLE floor AS SELECT * FROM read_csv('workbench-files/floor.csv', auto_detect = false, header = false, delim = ',', quote = '"', escape = '"', skip = 1, columns = {${columns}})`));
    floors.push(performance.now() - t0);
    await engine.exec(trusted('DROP TABLE floor'));
    await engine.dropFile('workbench-files/floor.csv');

    const steps: Step[] = [];
    const probe = timed(engine, steps);
    t0 = performance.now();
    const parsed = await parseImportWithEngine(probe, { name: basename(file), bytes }, { table: 'tickets', onFallback: (r) => console.error(`fallback: ${r}`) });
    steps.push({ label: '(parse total)', ms: performance.now() - t0 });
    const t1 = performance.now();
    await loadParsedImport(probe, parsed);
    steps.push({ label: '(upsert total)', ms: performance.now() - t1 });
    totals.push(performance.now() - t0);
    steps.forEach((s, i) => {
      const key = `${String(i).padStart(3)} ${s.label}`;
      perStep.set(key, [...(perStep.get(key) ?? []), s.ms]);
    });
  } finally {
    engine.close();
  }
}
console.log(`${basename(file)}: medians of ${runs}`);
for (const [key, ms] of perStep) if (median(ms) >= 5) console.log(`${fmtMs(median(ms)).padStart(9)}  ${key}`);
console.log(`${fmtMs(median(floors)).padStart(9)}  DuckDB-WASM read_csv floor`);
console.log(`${fmtMs(median(totals)).padStart(9)}  app total (parse + upsert), ratio ${(median(totals) / median(floors)).toFixed(2)}×`);
