// `npm run sample`: writes the sample as the CSV exports a user would import, headed with each
// column's most common Chinese header so the importer's header mapping is exercised end to end.
// Node only; the browser calls generateSample directly.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnarTable } from '$lib/arrow';
import { TABLES, type TableSpec } from '$lib/schema/tables';
import { DEFAULT_SEED, DEFAULT_YEARS, generateSample } from './generator';

interface CliOptions {
  seed: number;
  ticketRows?: number;
  out: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { seed: DEFAULT_SEED, out: resolve(fileURLToPath(new URL('./out', import.meta.url))) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = (): number => {
      const v = Number(value().replace(/[_,]/g, ''));
      if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${arg} needs a non-negative integer`);
      return v;
    };
    if (arg === '--seed') options.seed = count();
    else if (arg === '--tickets-rows') options.ticketRows = count();
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run sample -- [--seed N] [--tickets-rows N] [--out DIR]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD HH:MM:SS` of a naive timestamp; the date part is cached per day. */
function timestampFormatter(): (ms: number) => string {
  const dates = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let date = dates.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      dates.set(day, date);
    }
    const s = Math.floor((ms - day * DAY_MS) / 1000);
    return `${date} ${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}`;
  };
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams `rows` rows of a table as UTF-8 CSV with a BOM, in chunks, honouring back-pressure. */
async function writeCsv(path: string, spec: TableSpec, table: ColumnarTable, rows = table.length): Promise<void> {
  const out = createWriteStream(path);
  const format = timestampFormatter();
  const columns = spec.columns.map((c) => ({ type: c.type, values: table.columns[c.name] as readonly unknown[] }));
  out.write('\uFEFF' + spec.columns.map((c) => csvField(c.aliases[0])).join(',') + '\r\n');
  const CHUNK = 2000;
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const cells: string[] = [];
      for (const { type, values } of columns) {
        const v = values[i];
        if (v === null || v === undefined) cells.push('');
        else if (type === 'TIMESTAMP') cells.push(format(v as number));
        else if (type === 'BOOLEAN') cells.push(v ? '是' : '否');
        else if (type === 'VARCHAR') cells.push(csvField(v as string));
        else cells.push(String(v));
      }
      lines.push(cells.join(','));
    }
    if (!out.write(lines.join('\r\n') + '\r\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const years = [...DEFAULT_YEARS];
  // A benchmark file: scale the yearly volume so the span stays the same, then cut to the exact count.
  const ticketsPerYear = options.ticketRows === undefined ? undefined : Math.ceil(options.ticketRows / years.length);
  const started = performance.now();
  const sample = generateSample({ seed: options.seed, years, ticketsPerYear });
  const generated = performance.now();
  mkdirSync(options.out, { recursive: true });
  const ticketRows = Math.min(sample.tickets.length, options.ticketRows ?? sample.tickets.length);
  await writeCsv(join(options.out, 'tickets.csv'), TABLES.tickets, sample.tickets, ticketRows);
  await writeCsv(join(options.out, 'grid_events.csv'), TABLES.grid_events, sample.grid_events);
  await writeCsv(join(options.out, 'enterprise_requests.csv'), TABLES.enterprise_requests, sample.enterprise_requests);
  await writeCsv(join(options.out, 'police_non_emergency.csv'), TABLES.police_non_emergency, sample.police_non_emergency);
  await writeCsv(join(options.out, 'special_population_alerts.csv'), TABLES.special_population_alerts, sample.special_population_alerts);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `seed ${sample.seed}, years ${sample.years.join('–')}: tickets ${ticketRows}, grid_events ${sample.grid_events.length}, ` +
      `enterprise_requests ${sample.enterprise_requests.length}, police_non_emergency ${sample.police_non_emergency.length}, ` +
      `special_population_alerts ${sample.special_population_alerts.length} → ${options.out} ` +
      `(generated in ${seconds(generated - started)} s, written in ${seconds(performance.now() - generated)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
