// JSON and Parquet exports, read in JavaScript because DuckDB-WASM cannot load its json and
// parquet extensions offline (file-protocol.md). Both become the same numbered rows as CSV and
// spreadsheets: a synthetic header row 0 with the field names, then one row per record (row 1 is
// the first record), so the rest of the import does not care where they came from.
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { CellValue } from './cells';
import { decodeBytes } from './decode';
import { ImportError, asImportError } from './errors';
import type { NumberedRow } from './header';

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // INT64 ids arrive as BigInt: keep every digit by going through text when a double cannot hold it.
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) {
    // Parquet timestamps are epoch-based; the data model's times are naive, so take the UTC fields as the wall clock.
    return Number.isFinite(value.getTime()) ? { date: value.getTime() } : null;
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function objectsToRows(records: readonly Record<string, unknown>[], fields?: readonly string[]): NumberedRow[] {
  const names = fields ? [...fields] : [];
  if (!fields) {
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), names.push(k));
  }
  const rows: NumberedRow[] = [{ row: 0, cells: names }];
  records.forEach((r, i) => rows.push({ row: i + 1, cells: names.map((n) => toCell(r[n])) }));
  return rows;
}

/** A JSON array of objects, an object holding one (data/rows/records/list), or NDJSON. */
export function readJson(name: string, bytes: Uint8Array): NumberedRow[] {
  const text = decodeBytes(bytes).text.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    try {
      parsed = lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw asImportError(e, 'invalid-json', 'JSON 文件格式错误，无法读取', 'the JSON file is malformed', name);
    }
  }
  if (parsed && !Array.isArray(parsed) && typeof parsed === 'object') {
    const holder = parsed as Record<string, unknown>;
    const inner = ['data', 'rows', 'records', 'list', 'items', 'result'].map((k) => holder[k]).find(Array.isArray);
    parsed = inner ?? [parsed];
  }
  if (!Array.isArray(parsed) || !parsed.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    throw new ImportError('invalid-json', 'JSON 文件不是记录列表（对象数组）', 'the JSON is not a list of records (an array of objects)', name);
  }
  return objectsToRows(parsed as Record<string, unknown>[]);
}

export async function readParquet(name: string, bytes: Uint8Array): Promise<NumberedRow[]> {
  try {
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(file);
    const fields = parquetSchema(metadata).children.map((c) => c.element.name);
    const records = await parquetReadObjects({ file, metadata });
    return objectsToRows(records, fields);
  } catch (e) {
    throw asImportError(e, 'corrupt-parquet', 'Parquet 文件已损坏或格式不受支持', 'the Parquet file is damaged or unsupported', name);
  }
}
