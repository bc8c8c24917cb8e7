// The part of an import that does not care about the file format: hold the first rows until the
// header is found, decide the mapping (given, preset, or automatic), then hand every data row to
// the assembler. Readers push rows in whatever pieces they have (CSV chunks, a whole sheet).
import { TABLES, keyColumn, type TableName } from '$lib/schema';
import { isBlankRow } from './cells';
import { ImportError } from './errors';
import { assertRowWithinLimits } from './limits';
import { HEADER_SEARCH_ROWS, findHeaderRow, type HeaderDetection, type NumberedRow } from './header';
import {
  applyPreset,
  mapHeaders,
  missingRequired,
  presetKey,
  scoreTables,
  type HeaderMapping,
  type MappingPreset,
  type TableScore,
} from './mapping';
import { TableAssembler, type AssembleOptions, type AssembledRows } from './rows';

export interface MappingChoice {
  table?: TableName;
  /** A mapping confirmed for exactly this file, or a preset to apply. */
  mapping?: HeaderMapping | MappingPreset;
  /** Saved presets; the one whose key matches the header set is applied. */
  presets?: readonly MappingPreset[];
}

export interface HeaderDecision {
  header: HeaderDetection;
  tableScores: TableScore[];
  mapping: HeaderMapping;
  mappingSource: 'given' | 'preset' | 'auto';
  presetKey: string;
}

function isPreset(m: HeaderMapping | MappingPreset): m is MappingPreset {
  return 'key' in m && !Array.isArray((m as MappingPreset).columns);
}

export function decideMapping(rows: readonly NumberedRow[], choice: MappingChoice): HeaderDecision {
  const forcedTable = choice.table ?? (choice.mapping ? choice.mapping.table : undefined);
  const header = findHeaderRow(rows, forcedTable);
  const key = presetKey(header.headers);
  const tableScores = scoreTables(header.headers);
  if (choice.mapping) {
    const mapping = isPreset(choice.mapping) ? applyPreset(header.headers, choice.mapping) : choice.mapping;
    return { header, tableScores, mapping, mappingSource: 'given', presetKey: key };
  }
  const preset = choice.presets?.find((p) => p.key === key && (!choice.table || p.table === choice.table));
  if (preset) return { header, tableScores, mapping: applyPreset(header.headers, preset), mappingSource: 'preset', presetKey: key };
  const table = forcedTable ?? tableScores[0].table;
  return { header, tableScores, mapping: mapHeaders(header.headers, table), mappingSource: 'auto', presetKey: key };
}

/** Refuse a mapping that cannot load a single row: no key, or no required time column. */
export function assertLoadable(mapping: HeaderMapping, file: string): void {
  const spec = TABLES[mapping.table];
  const key = keyColumn(spec);
  const missing = missingRequired(mapping);
  if (missing.includes(key.name)) {
    throw new ImportError(
      'no-key-column',
      `不是${spec.label.zh}导出：没有列能对应到「${key.aliases[0]}」`,
      `not a ${spec.label.en} export: no column maps to ${key.aliases[0]} (${key.name})`,
      file,
    );
  }
  if (missing.length > 0) {
    const cols = spec.columns.filter((c) => missing.includes(c.name));
    throw new ImportError(
      'missing-required-column',
      `缺少必需的列：${cols.map((c) => c.aliases[0]).join('、')}`,
      `required columns are not mapped: ${cols.map((c) => c.name).join(', ')}`,
      file,
    );
  }
}

export class ImportSession {
  private pending: NumberedRow[] = [];
  private assembler: TableAssembler | null = null;
  decision: HeaderDecision | null = null;
  rowsSeen = 0;

  constructor(
    private readonly file: string,
    private readonly choice: MappingChoice,
    private readonly assembleOptions: AssembleOptions,
  ) {}

  push(rows: readonly NumberedRow[]): void {
    // Every reader's rows pass here, so one check covers CSV, spreadsheets, JSON and Parquet.
    for (const r of rows) assertRowWithinLimits(r, this.file);
    if (this.assembler) {
      for (const r of rows) this.feed(r);
      return;
    }
    for (const r of rows) this.pending.push(r);
    if (this.pending.length >= HEADER_SEARCH_ROWS) this.start();
  }

  private start(): void {
    const decision = decideMapping(this.pending, this.choice);
    if (decision.header.headers.length === 0) {
      throw new ImportError('no-header', '找不到表头行：文件中没有内容', 'no header row: the file has no content', this.file);
    }
    assertLoadable(decision.mapping, this.file);
    this.decision = decision;
    this.assembler = new TableAssembler(this.file, decision.mapping, this.assembleOptions);
    const rest = this.pending.slice(decision.header.index + 1);
    this.pending = [];
    for (const r of rest) this.feed(r);
  }

  private feed(r: NumberedRow): void {
    this.rowsSeen++;
    if (isBlankRow(r.cells)) this.assembler!.addBlank();
    else this.assembler!.add(r.row, r.cells);
  }

  finish(): { decision: HeaderDecision; rows: AssembledRows } {
    if (!this.assembler) {
      if (this.pending.length === 0 || this.pending.every((r) => isBlankRow(r.cells))) {
        throw new ImportError('no-header', '文件中没有任何数据行', 'the file has no rows', this.file);
      }
      this.start();
    }
    return { decision: this.decision!, rows: this.assembler!.finish() };
  }
}
