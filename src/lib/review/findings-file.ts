// Findings as a file the review team carries between machines: JSON (exact) or XLSX (for people
// who edit in Excel). Import reads either, reports every row it could not take with the reason,
// and refuses a file that is not a findings file at all — in which case nothing is merged, so a
// wrong or damaged file can never cost a finding already recorded.
import type * as XLSX from '@e965/xlsx';
import { officeLibraries } from '$lib/platform/office';
import { rowsSheet, sheetXlsx } from '$lib/export/sheet';
import { maskFreeText } from '$lib/privacy';
import { ImportError } from '$lib/import/errors';
import { checkSheetRange, checkSpreadsheetDeclarations } from '$lib/import/spreadsheet-guard';
import { entriesInflateCleanly, readZipDirectory } from '$lib/import/zip-directory';
import { parseFinding, type Finding, type FindingProblem } from './findings';

export const FINDINGS_FILE_APP = 'gov-workbench';
export const FINDINGS_FILE_KIND = 'review-findings';
export const FINDINGS_FILE_VERSION = 1;
/** Thousands of findings are a few hundred kilobytes; a file far larger is something else. */
export const FINDINGS_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** The columns of a findings sheet (also the findings columns of the key-ticket workbook). */
export const FINDING_COLUMNS = [
  { field: 'ticketId', header: '工单编号', aliases: ['ticket_id', 'ticketid', '工单号'] },
  { field: 'township', header: '区镇', aliases: ['township', '所属区镇'] },
  { field: 'quarter', header: '季度', aliases: ['quarter'] },
  { field: 'verdict', header: '核查结论', aliases: ['verdict'] },
  { field: 'rectification', header: '整改状态', aliases: ['rectification'] },
  { field: 'responsibleUnit', header: '责任单位', aliases: ['responsible_unit', 'responsibleunit'] },
  { field: 'dueDate', header: '整改期限', aliases: ['due_date', 'duedate'] },
  { field: 'note', header: '备注', aliases: ['note'] },
  { field: 'updatedAt', header: '更新时间', aliases: ['updated_at', 'updatedat'] },
] as const satisfies readonly { field: keyof Finding; header: string; aliases: readonly string[] }[];

export type FindingsFileProblem = 'too-large' | 'empty' | 'unreadable' | 'not-findings' | 'version' | 'limits';

export class FindingsFileError extends Error {
  constructor(
    readonly problem: FindingsFileProblem,
    /** For 'limits': which limit, with the number found, in both languages. */
    readonly detail?: { zh: string; en: string },
  ) {
    super(`findings file refused: ${problem}${detail ? ` (${detail.en})` : ''}`);
    this.name = 'FindingsFileError';
  }
}

export interface InvalidRow {
  /** 1-based: the Excel row number, or the position in the JSON list. */
  row: number;
  ticketId: string;
  problems: FindingProblem[];
}

export interface FindingsRead {
  format: 'json' | 'xlsx';
  findings: Finding[];
  invalid: InvalidRow[];
}

/** Free text leaves the machine masked (a phone number typed into a note is personal data). */
function forExport(f: Finding): Finding {
  return { ...f, note: maskFreeText(f.note), responsibleUnit: maskFreeText(f.responsibleUnit) };
}

export function findingsToJson(findings: readonly Finding[], now = new Date()): string {
  const file = {
    app: FINDINGS_FILE_APP,
    kind: FINDINGS_FILE_KIND,
    version: FINDINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    findings: findings.map(forExport),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export const FINDINGS_SHEET = '核查结论';

/** A findings workbook: one sheet, header row then one text row per finding (text cells never become formulas). */
export function findingsToXlsx(findings: readonly Finding[]): Promise<Uint8Array> {
  const columns = FINDING_COLUMNS.map((c) => ({
    label: c.header,
    // The id column is named as an identifier, so a numeric ticket id is never read as a phone.
    name: c.field === 'ticketId' ? 'ticket_id' : c.field,
    type: 'text' as const,
    width: c.field === 'note' ? 40 : 14,
    value: (f: Finding) => f[c.field] ?? null,
  }));
  return sheetXlsx(rowsSheet(FINDINGS_SHEET, columns, findings.map(forExport)), { masked: true });
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Read a findings file with the SheetJS at hand (the page's lazily loaded copy, or the worker's). */
export async function readFindingsFile(bytes: Uint8Array, sheetjs?: typeof import('@e965/xlsx')): Promise<FindingsRead> {
  if (bytes.length > FINDINGS_FILE_MAX_BYTES) throw new FindingsFileError('too-large');
  if (bytes.length === 0) throw new FindingsFileError('empty');
  if (isZip(bytes)) {
    await checkXlsx(bytes);
    const XLSX = sheetjs ?? (await officeLibraries()).XLSX;
    try {
      return readXlsx(bytes, XLSX);
    } catch (e) {
      // A workbook SheetJS half-understood (a sheet listed but missing …): damaged, not a crash.
      if (e instanceof FindingsFileError) throw e;
      throw new FindingsFileError('unreadable');
    }
  }
  return readJson(new TextDecoder('utf-8').decode(bytes));
}

/**
 * The importer's checks before SheetJS sees the bytes: a complete zip (SheetJS loops forever on
 * some truncated ones), a decompressed size and sheet dimensions within the limits, and every
 * entry inflating cleanly to its declared size.
 */
async function checkXlsx(bytes: Uint8Array): Promise<void> {
  const entries = readZipDirectory(bytes);
  if (!entries) throw new FindingsFileError('unreadable');
  try {
    await checkSpreadsheetDeclarations('', bytes, 'xlsx');
  } catch (e) {
    if (e instanceof ImportError) throw new FindingsFileError('limits', { zh: e.zh, en: e.en });
    throw new FindingsFileError('unreadable');
  }
  // A findings file is small (≤ 20 MB): inflating it once more costs little and keeps a damaged
  // deflate stream away from SheetJS's inflater, which can loop on one.
  if (!(await entriesInflateCleanly(bytes, entries))) throw new FindingsFileError('unreadable');
}

function readJson(text: string): FindingsRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new FindingsFileError('unreadable');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FindingsFileError('not-findings');
  const file = parsed as Record<string, unknown>;
  if (file.app !== FINDINGS_FILE_APP || file.kind !== FINDINGS_FILE_KIND || !Array.isArray(file.findings)) throw new FindingsFileError('not-findings');
  if (file.version !== FINDINGS_FILE_VERSION) throw new FindingsFileError('version');
  const out: FindingsRead = { format: 'json', findings: [], invalid: [] };
  file.findings.forEach((raw: unknown, i: number) => {
    const parsedFinding = parseFinding(raw);
    if (parsedFinding.finding) out.findings.push(parsedFinding.finding);
    else out.invalid.push({ row: i + 1, ticketId: idOf(raw), problems: parsedFinding.problems });
  });
  return out;
}

function idOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).ticketId : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

const HEADER_SCAN_ROWS = 10;

function headerIndex(row: readonly unknown[]): Map<keyof Finding, number> | null {
  const index = new Map<keyof Finding, number>();
  row.forEach((cell, i) => {
    const name = String(cell ?? '').trim().toLowerCase();
    for (const c of FINDING_COLUMNS) if (name === c.header || (c.aliases as readonly string[]).includes(name)) index.set(c.field, i);
  });
  // A findings sheet names the ticket and at least one finding column.
  const hasFindingColumn = ['verdict', 'rectification', 'responsibleUnit', 'dueDate', 'note'].some((f) => index.has(f as keyof Finding));
  return index.has('ticketId') && hasFindingColumn ? index : null;
}

/** An Excel date cell (serial number or Date) or text such as 2024/3/5 → 'YYYY-MM-DD'; other text as written. */
function dateText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value * 86_400_000)).toISOString().slice(0, 10);
  }
  const s = String(value ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

/** The export guard's apostrophe before formula-like text (sheet.ts) comes off again on the way back in. */
function unguarded(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^'(?=[=+\-@\t\r])/, '') : value;
}

function readXlsx(bytes: Uint8Array, XLSX: typeof import('@e965/xlsx')): FindingsRead {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'array', dense: true });
  } catch {
    throw new FindingsFileError('unreadable');
  }
  for (const name of book.SheetNames) {
    const ref = book.Sheets[name]?.['!ref'];
    if (ref) {
      // The found range, not only the declared one: a row at 1,048,576 would make a million empty rows.
      try {
        checkSheetRange('', name, ref);
      } catch (e) {
        if (e instanceof ImportError) throw new FindingsFileError('limits', { zh: e.zh, en: e.en });
        throw e;
      }
    }
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name], { header: 1, raw: true, defval: null, blankrows: true });
    for (let h = 0; h < Math.min(rows.length, HEADER_SCAN_ROWS); h++) {
      const index = headerIndex(rows[h] ?? []);
      if (!index) continue;
      const out: FindingsRead = { format: 'xlsx', findings: [], invalid: [] };
      for (let r = h + 1; r < rows.length; r++) {
        const row = rows[r] ?? [];
        if (row.every((c) => c === null || String(c).trim() === '')) continue;
        const record: Record<string, unknown> = {};
        for (const [field, i] of index) record[field] = field === 'dueDate' ? dateText(row[i]) : unguarded(row[i]);
        const parsed = parseFinding(record);
        if (parsed.finding) out.findings.push(parsed.finding);
        else out.invalid.push({ row: r + 1, ticketId: String(record.ticketId ?? ''), problems: parsed.problems });
      }
      return out;
    }
  }
  throw new FindingsFileError('not-findings');
}
