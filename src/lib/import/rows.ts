// Parsed rows + a confirmed mapping → typed columns in Arrow batches, and the validation report.
// Rows are coerced as they arrive and handed to Arrow every `batchRows` rows, so a million-row
// file never holds a million rows of JS strings at once (the garbage collector, not parsing, is
// what makes big imports slow), and the browser never builds one huge buffer.
import type { ColumnarTable } from '$lib/arrow';
import { batchToIPC } from './arrow-batch';
import { TABLES, keyColumn, resolveTownship, type ColumnType, type TableName } from '$lib/schema';
import { cellText, type CellValue } from './cells';
import { parseText } from './coerce';
import { coerceCell, kindOf, type ColumnKind } from './cell-coerce';
import { ISSUE_MESSAGES, isRejection, type IssueCode, type RowIssue } from './issues';
import type { HeaderMapping } from './mapping';

/** Column of the staging Arrow that orders rows within a file, so the later of two same-key rows wins. */
export const SEQUENCE_COLUMN = '__seq';
/** Column of the extras Arrow that holds the row's key. */
export const EXTRA_KEY_COLUMN = '__key';


interface ColumnPlan {
  name: string;
  type: ColumnType;
  kind: ColumnKind;
  required: boolean;
  /** Position of the source cell, or -1 when the file has no such column (all NULL). */
  source: number;
  header: string | null;
}

export interface ExtraColumn {
  /** Column name in the extras Arrow: the header, made unique and non-empty. */
  name: string;
  header: string;
  source: number;
}

export interface ValidationReport {
  file: string;
  table: TableName;
  /** Data rows read (title, group-header, header and blank rows excluded). */
  rowsRead: number;
  rowsRejected: number;
  rowsLoaded: number;
  /** Loaded rows whose key an earlier row of the same file already had (that earlier row is replaced). */
  duplicatesInFile: number;
  /** Blank rows among the data: not data, not counted, listed here so nothing vanishes unexplained. */
  blankRows: number;
  rejected: RowIssue[];
  warnings: RowIssue[];
  /** Exact count of every issue code, even when the lists above were cut short. */
  counts: Partial<Record<IssueCode, number>>;
  /** The lists hold at most `maxIssues` entries each; true when some were left out. */
  truncated: boolean;
}

export interface AssembledRows {
  /** Arrow IPC stream batches of the canonical columns plus SEQUENCE_COLUMN. */
  batches: Uint8Array[];
  /** Arrow IPC stream batches of the extra (unmapped) columns, as VARCHAR, with EXTRA_KEY_COLUMN and SEQUENCE_COLUMN. */
  extraBatches: Uint8Array[];
  extraColumns: ExtraColumn[];
  /** The first loaded rows, typed, for the review screen. */
  preview: ColumnarTable;
  report: ValidationReport;
}

export interface AssembleOptions {
  batchRows?: number;
  previewRows?: number;
  maxIssues?: number;
  /** The user's township alias table, on top of the built-in one. */
  townshipAliases?: ReadonlyMap<string, string>;
}

export const CLOSED_COLUMNS: ReadonlySet<string> = new Set(['closed_at', 'verified_at']);
export const DEADLINE_COLUMNS: ReadonlySet<string> = new Set(['deadline_at']);

export function uniqueNames(headers: readonly string[], taken: Set<string>): string[] {
  return headers.map((header, i) => {
    const base = header.trim() || `column_${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    taken.add(name);
    return name;
  });
}

export class TableAssembler {
  private readonly plans: ColumnPlan[];
  private readonly extras: ExtraColumn[];
  private readonly types: Record<string, ColumnType>;
  private readonly extraTypes: Record<string, ColumnType>;
  private readonly headerWidth: number;
  private readonly timeIndex: number;
  private readonly batchRows: number;
  private readonly previewRows: number;
  private readonly maxIssues: number;
  private readonly keyIndex: number;
  private readonly firstRowOfKey = new Map<string, number>();
  /** Township names repeat endlessly; resolve each spelling once. */
  private readonly townships = new Map<string, string | null>();
  private readonly resolveTownship = (text: string): string | null => {
    let canonical = this.townships.get(text);
    if (canonical === undefined) {
      canonical = resolveTownship(text, this.options.townshipAliases);
      this.townships.set(text, canonical);
    }
    return canonical;
  };
  /** Current batch, one array per plan (same order), then the sequence column. */
  private columns: unknown[][] = [];
  private extraValues: Record<string, unknown[]> = {};
  private sequence: number[] = [];
  private batchLength = 0;
  private readonly preview: Record<string, unknown[]> = {};
  private previewLength = 0;
  private readonly batches: Uint8Array[] = [];
  private readonly extraBatches: Uint8Array[] = [];
  private readonly report: ValidationReport;
  private readonly rowValues: unknown[];
  private readonly rowIssues: RowIssue[] = [];

  constructor(
    private readonly file: string,
    mapping: HeaderMapping,
    private readonly options: AssembleOptions = {},
  ) {
    const spec = TABLES[mapping.table];
    const key = keyColumn(spec).name;
    this.headerWidth = mapping.columns.length;
    this.batchRows = options.batchRows ?? 20_000;
    this.previewRows = options.previewRows ?? 200;
    this.maxIssues = options.maxIssues ?? 100_000;
    const bySource = new Map(mapping.columns.filter((m) => m.column).map((m) => [m.column as string, m]));
    this.plans = spec.columns.map((c) => {
      const m = bySource.get(c.name);
      return {
        name: c.name,
        type: c.type,
        kind: kindOf(c.name, c.type, c.key === true),
        required: c.required === true || c.key === true,
        source: m ? m.index : -1,
        header: m ? m.header : null,
      };
    });
    this.keyIndex = this.plans.findIndex((p) => p.name === key);
    this.timeIndex = this.plans.findIndex((p) => p.name === spec.timeColumn);
    this.types = Object.fromEntries(spec.columns.map((c) => [c.name, c.type]));
    this.types[SEQUENCE_COLUMN] = 'INTEGER';
    const unmapped = mapping.columns.filter((m) => m.column === null);
    const names = uniqueNames(
      unmapped.map((m) => m.header),
      new Set([EXTRA_KEY_COLUMN]),
    );
    this.extras = unmapped.map((m, i) => ({ name: names[i], header: m.header, source: m.index }));
    this.extraTypes = Object.fromEntries([
      [EXTRA_KEY_COLUMN, 'VARCHAR' as ColumnType],
      [SEQUENCE_COLUMN, 'INTEGER' as ColumnType],
      ...this.extras.map((e) => [e.name, 'VARCHAR' as ColumnType]),
    ]);
    this.rowValues = new Array(this.plans.length);
    for (const p of this.plans) this.preview[p.name] = [];
    this.resetBatch();
    this.report = {
      file,
      table: mapping.table,
      rowsRead: 0,
      rowsRejected: 0,
      rowsLoaded: 0,
      duplicatesInFile: 0,
      blankRows: 0,
      rejected: [],
      warnings: [],
      counts: {},
      truncated: false,
    };
  }

  private resetBatch(): void {
    this.columns = this.plans.map(() => []);
    this.sequence = [];
    this.extraValues = {};
    this.extraValues[EXTRA_KEY_COLUMN] = [];
    this.extraValues[SEQUENCE_COLUMN] = [];
    for (const e of this.extras) this.extraValues[e.name] = [];
    this.batchLength = 0;
  }

  /** A blank line inside the data: counted apart, never as a data row. */
  addBlank(): void {
    this.report.blankRows++;
  }

  private issue(row: number, code: IssueCode, plan: ColumnPlan | null, value: string, detail?: { zh: string; en: string }): void {
    const message = ISSUE_MESSAGES[code];
    this.rowIssues.push({
      file: this.file,
      row,
      severity: isRejection(code) ? 'rejected' : 'warning',
      code,
      column: plan ? plan.name : null,
      header: plan ? plan.header : null,
      value,
      zh: detail ? `${message.zh}（${detail.zh}）` : message.zh,
      en: detail ? `${message.en} (${detail.en})` : message.en,
    });
  }

  private commitIssues(): void {
    for (const issue of this.rowIssues) {
      this.report.counts[issue.code] = (this.report.counts[issue.code] ?? 0) + 1;
      const list = issue.severity === 'rejected' ? this.report.rejected : this.report.warnings;
      if (list.length < this.maxIssues) list.push(issue);
      else this.report.truncated = true;
    }
    this.rowIssues.length = 0;
  }

  /** One data row; `row` is its Excel row number. */
  add(row: number, cells: readonly CellValue[]): void {
    this.report.rowsRead++;
    let rejected = false;
    const width = cells.length;
    if (width > this.headerWidth) {
      for (let i = this.headerWidth; i < width; i++) {
        const text = cellText(cells[i]).trim();
        if (text) {
          // Loading a shifted row would put content in the wrong columns without anyone noticing.
          this.issue(row, 'too-many-cells', null, text, { zh: `第 ${i + 1} 列，表头共 ${this.headerWidth} 列`, en: `cell ${i + 1}, the header has ${this.headerWidth}` });
          rejected = true;
          break;
        }
      }
    }

    const values = this.rowValues;
    let key: string | null = null;
    for (let c = 0; c < this.plans.length; c++) {
      const plan = this.plans[c];
      const cell: CellValue = plan.source >= 0 && plan.source < width ? cells[plan.source] : null;
      const coerced = coerceCell(plan.kind, plan.required, cell, this.resolveTownship);
      if (coerced.issue) {
        this.issue(row, coerced.issue.code, plan, coerced.issue.value);
        if (isRejection(coerced.issue.code)) rejected = true;
      }
      if (coerced.zoneIgnored) this.issue(row, 'time-zone-ignored', plan, cellText(cell));
      if (plan.kind === 'key') key = coerced.value as string | null;
      values[c] = coerced.value;
    }

    if (rejected) {
      // A rejected row gets its reasons only; warnings about a row that is not loaded would be noise.
      for (let i = this.rowIssues.length - 1; i >= 0; i--) if (!isRejection(this.rowIssues[i].code)) this.rowIssues.splice(i, 1);
      this.report.rowsRejected++;
      this.commitIssues();
      return;
    }

    if (width < this.headerWidth && width > 0) this.issue(row, 'short-row', null, '', { zh: `${width}/${this.headerWidth} 列`, en: `${width} of ${this.headerWidth} cells` });
    this.checkOrder(row, values);
    const earlier = this.firstRowOfKey.get(key as string);
    if (earlier !== undefined) {
      this.issue(row, 'duplicate-key-in-file', this.plans[this.keyIndex], key as string, { zh: `与第 ${earlier} 行相同`, en: `same as row ${earlier}` });
      this.report.duplicatesInFile++;
    }
    this.firstRowOfKey.set(key as string, row);
    this.commitIssues();
    this.append(values, cells, key as string);
  }

  private checkOrder(row: number, values: unknown[]): void {
    const received = values[this.timeIndex] as number | null;
    if (received === null) return;
    for (let c = 0; c < this.plans.length; c++) {
      const plan = this.plans[c];
      if (plan.kind !== 'timestamp') continue;
      const v = values[c] as number | null;
      if (v === null || v >= received) continue;
      if (CLOSED_COLUMNS.has(plan.name)) this.issue(row, 'closed-before-received', plan, formatCell(v));
      else if (DEADLINE_COLUMNS.has(plan.name)) this.issue(row, 'deadline-before-received', plan, formatCell(v));
    }
  }

  private append(values: unknown[], cells: readonly CellValue[], key: string): void {
    for (let c = 0; c < values.length; c++) this.columns[c].push(values[c]);
    this.sequence.push(this.report.rowsLoaded);
    this.extraValues[EXTRA_KEY_COLUMN].push(key);
    this.extraValues[SEQUENCE_COLUMN].push(this.report.rowsLoaded);
    for (const e of this.extras) this.extraValues[e.name].push(e.source < cells.length ? parseText(cells[e.source]) : null);
    if (this.previewLength < this.previewRows) {
      for (let c = 0; c < this.plans.length; c++) this.preview[this.plans[c].name].push(values[c]);
      this.previewLength++;
    }
    this.report.rowsLoaded++;
    if (++this.batchLength >= this.batchRows) this.flush();
  }

  private flush(): void {
    if (this.batchLength === 0) return;
    const named: Record<string, unknown[]> = {};
    this.plans.forEach((p, c) => (named[p.name] = this.columns[c]));
    named[SEQUENCE_COLUMN] = this.sequence;
    this.batches.push(batchToIPC(named, this.types));
    if (this.extras.length > 0) {
      this.extraBatches.push(batchToIPC(this.extraValues, this.extraTypes));
    }
    this.resetBatch();
  }

  finish(): AssembledRows {
    this.flush();
    return {
      batches: this.batches,
      extraBatches: this.extraBatches,
      extraColumns: this.extras,
      preview: { length: this.previewLength, columns: this.preview as ColumnarTable['columns'] },
      report: this.report,
    };
  }
}

function formatCell(ms: number): string {
  return cellText({ date: ms });
}
