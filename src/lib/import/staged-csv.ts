// The engine path of a CSV import: DuckDB's own reader loads the file as text (every column
// VARCHAR), and mapping, coercion and validation run as set-based SQL, producing the same typed
// rows (a view over the raw text), extras and validation report as the row assembler (rows.ts)
// would.
//
// "The same" is kept by construction, not by imitation: SQL decides a cell only when its shape
// is one whose answer is plainly the same in both paths (an empty cell, text without edge
// whitespace, `2024-01-05 13:05:00.0`, `42`); every other distinct value of a column is sent to
// coerceCell (cell-coerce.ts, the function the row assembler calls) and brought back as a lookup
// (staged-lookup.ts). Clean exports send almost nothing to JavaScript; messy ones send their odd
// values only. A statement whose answer the import worker's scan already proved (cell-facts.ts:
// a lookup that would be empty, a token column's values, distinct keys, no blank rows, times in
// order) is not run.
//
// Long statements carry no bound parameters (literals are built with `literal`), so the engine
// can interrupt them when the user cancels.
import type { Table } from 'apache-arrow';
import type { ColumnarTable } from '$lib/arrow';
import type { Engine } from '$lib/engine/types';
import { TABLES, keyColumn, resolveTownship, type ColumnType } from '$lib/schema';
import { ident, join, literal, sql, trusted, type SqlFragment } from '$lib/sql';
import { batchToIPC } from './arrow-batch';
import { TOKEN_KINDS, booleanWordsOf, kindOf, type BooleanWords, type ColumnKind } from './cell-coerce';
import type { Delimiter } from './csv';
import { ISSUE_MESSAGES, REJECTION_CODES, isRejection, type IssueCode, type RowIssue } from './issues';
import { issuesOf, type IssueRow } from './issue-rows';
import type { HeaderMapping } from './mapping';
import { buildLookup, changesNoValue, lookupAccess, lookupOf, type Lookup } from './staged-lookup';
import { importId, importRelationName, rawCellText, rawTableName, readRawTable, rowsViewName, type ReadAs } from './raw-read';
import { fewEnoughDropped, inPlacePlan, type RawColumn } from './in-place';
import type { StagedTables } from './upsert';
import type { CellFactsFound } from './cell-facts';
import { CLOSED_COLUMNS, DEADLINE_COLUMNS, EXTRA_KEY_COLUMN, SEQUENCE_COLUMN, uniqueNames, type ExtraColumn, type ValidationReport } from './rows';

/** What the engine needs to read the file and number its rows. */
export interface CsvReadPlan {
  /** The name the file is registered under in the engine. */
  engineFile: string;
  delimiter: Delimiter;
  newline: '\n' | '\r\n';
  /** Records before the first data row, the header included (DuckDB's `skip` counts records, blank lines too). */
  skip: number;
  /** Cells per record: the header row's width before trailing empty cells are trimmed. */
  width: number;
  /** Excel row of the header. */
  headerRow: number;
  /** Excel rows of the empty lines after the header, ascending: DuckDB skips them, Excel numbers them. */
  blankRows: readonly number[];
  /** Data records after the header, blank lines included (from the scan): DuckDB must agree. */
  dataRecords: number;
  /** The first data record as csv.ts read it, to check DuckDB reads the same cells. */
  firstDataRow: readonly string[] | null;
  /** Whether a data row may hold a cell that starts or ends with whitespace (the scan's lastEdgeSpaceRow). */
  edgeSpace: boolean;
  /** The raw table's columns in order (in-place.ts); absent: the file's. */
  layout?: readonly RawColumn[];
  /** What the scan proved about the data rows' cells, below this plan's header row (cell-facts.ts); absent: nothing. */
  facts?: CellFactsFound;
}

export interface StageOptions {
  file: string;
  mapping: HeaderMapping;
  townshipAliases?: ReadonlyMap<string, string>;
  previewRows?: number;
  maxIssues?: number;
  /** Told why the engine path was given up (for diagnostics and the bench). */
  onFallback?: (reason: string) => void;
  /** Names every relation this import makes (`__import_<id>_…`, importRelationName). */
  id?: string;
  /**
   * Told each relation's name before it is made: after a cancel, whose interrupted statements
   * could not clear up, the caller drops them by name (dropImportTables).
   */
  named?: Set<string>;
  /**
   * Told as the checks begin (none done) and after each statement once DuckDB has read the file:
   * statements done, about how many there will be (known once the columns' plans are; never less
   * than done + 1 until the end), and the rows DuckDB read, which each check goes through.
   */
  onStep?: (done: number, total: number, rows: number) => void;
  /**
   * Told, while the page (not DuckDB) works within a step, how far through the rows it has got:
   * the validation report's issue lists, made a slice at a time.
   */
  onStepRows?: (rowsPassed: number) => void;
  /**
   * The raw table's read_csv, started already (readRawTable, with this import's `id`) while the
   * import worker was still scanning: awaited instead of reading again. Resolves with DuckDB's
   * refusal, or null once the table is made.
   */
  rawRead?: Promise<string | null>;
  /** The raw columns that read typed (csv-parts.ts), final once `rawRead` has settled; absent: none. */
  rawTypes?: ReadonlyMap<number, ReadAs>;
  /** Every column a part of that read typed, some perhaps turned back to text since: their text is not the file's. */
  typedOnRead?: ReadonlySet<number>;
}

/** Statements a validation runs besides one per lookup candidate (counted from validate below, rounded up). */
const VALIDATION_STATEMENTS = 16;

/** The engine, with every finished statement after the raw read told to `onStep`. */
function countingSteps(engine: Engine, onStep: ((done: number, total: number) => void) | undefined, expected: { total: number }): Engine {
  if (!onStep) return engine;
  let done = 0;
  const tick = () => {
    done++;
    onStep(done, Math.max(done + 1, expected.total));
  };
  const counted = <A extends unknown[], T>(call: (...args: A) => Promise<T>) => async (...args: A): Promise<T> => {
    try {
      return await call(...args);
    } finally {
      tick();
    }
  };
  return {
    query: counted((q) => engine.query(q)),
    exec: counted((q) => engine.exec(q)),
    insertArrow: counted((t, ipc, mode) => engine.insertArrow(t, ipc, mode)),
    registerFile: (n, f) => engine.registerFile(n, f),
    dropFile: (n) => engine.dropFile(n),
  };
}


export interface StagedCsv {
  staged: StagedTables;
  extraColumns: ExtraColumn[];
  preview: ColumnarTable;
  report: ValidationReport;
}

/** Every character JavaScript's String.prototype.trim removes (WhiteSpace and LineTerminator). */
const JS_WHITESPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const WS = trusted(literal(JS_WHITESPACE));
/** The same characters as an RE2 class. */
const WS_CLASS = '[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
const STARTS_WITH_SPACE = trusted(literal(`^${WS_CLASS}`));
const ENDS_WITH_SPACE = trusted(literal(`${WS_CLASS}$`));
/** Whitespace next to a cell boundary in a row's cells joined by U+0001 (see edgySql). */
const SPACE_AT_A_BOUNDARY = trusted(literal(`\\x01${WS_CLASS}|${WS_CLASS}\\x01`));
/** A row whose joined cells are separators and whitespace only: a blank row. */
const ONLY_SPACE = trusted(literal(`[\\x01${WS_CLASS.slice(1, -1)}]*`));
/** coerce.ts's SCIENTIFIC, in RE2 (ASCII digits in both). */
const SCIENTIFIC = trusted(literal('[+-]?[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+'));
/**
 * `2024-01-05 13:05:00`, with T or a space, and up to three digits of a second (Java and Oracle
 * write `.0`, DuckDB and Excel `.000`): coerce.ts rounds a fraction to the millisecond, which for
 * up to three digits is exactly the value DuckDB's cast keeps; a fourth digit may round up into
 * the next second, so those go to coerceCell. Hours stop at 23 and minutes and seconds at 59 as
 * coerce.ts's do (DuckDB's cast takes 24:00:00 for the next day's midnight).
 */
const PLAIN_TIMESTAMP = trusted(literal('[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?'));
const PLAIN_INTEGER = trusted(literal('-?[0-9]{1,9}'));
const PLAIN_DOUBLE = trusted(literal('-?[0-9]{1,15}(\\.[0-9]{1,15})?'));

const code = (c: IssueCode | null): SqlFragment => trusted(c === null ? 'NULL::VARCHAR' : literal(c));
/** The rejecting codes as an SQL list, for `code IN …`. */
const REJECTIONS = trusted(`(${REJECTION_CODES.map((c) => literal(c)).join(', ')})`);

interface Plan {
  index: number;
  name: string;
  header: string | null;
  type: ColumnType;
  kind: ColumnKind;
  required: boolean;
  /** Raw column of the source cell, or null when the file has none. */
  cell: SqlFragment | null;
  /** Its index in the raw table (c<source>), or null. */
  source: number | null;
  /** coerceCell's answers for the values SQL leaves to it; null when SQL decides every value. */
  lookup: Lookup | null;
  /** The raw column holds the values already, typed as they were read (csv-parts.ts). */
  typed: boolean;
}

/** How SQL handles one column's cells: which are simple, and their value, issue and shown text. */
interface CellSql {
  simple: SqlFragment;
  value: SqlFragment;
  issue: SqlFragment;
  shown: SqlFragment;
}

/** True when some cell of the row may have whitespace at an edge (never false when one has). */
function edgySql(cells: readonly SqlFragment[]): SqlFragment {
  return sql`regexp_matches(concat_ws(chr(1), '', ${join(cells, ', ')}, ''), ${SPACE_AT_A_BOUNDARY})`;
}

/** Codepoints of JS_WHITESPACE above U+0020 (every one at or below it is taken as possibly space). */
const WIDE_SPACE_CODES = trusted([...JS_WHITESPACE].map((c) => c.codePointAt(0)!).filter((c) => c > 32).join(', '));

/** True when x is missing or empty or its first character may be whitespace (never false when it is). */
function mayStartWithSpace(x: SqlFragment): SqlFragment {
  // ord of '' is -1, of NULL is NULL.
  return sql`(${x} IS NULL OR ord(${x}) <= 32 OR ord(${x}) IN (${WIDE_SPACE_CODES}))`;
}

async function countOf(engine: Engine, table: string): Promise<number> {
  return rowsOf(await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`))[0].n as number;
}

/** Scientific notation has an e: a cheap test that spares most ids the regular expression. */
const maybeScientific = (x: SqlFragment) => sql`(contains(${x}, 'e') OR contains(${x}, 'E'))`;

export function cellSql(kind: ColumnKind, required: boolean, x: SqlFragment): CellSql {
  // Two anchored matches cost a fraction of trim(x, WS) = x (and of one unanchored alternation).
  const noEdgeSpace = sql`(${x} IS NULL OR NOT (regexp_matches(${x}, ${STARTS_WITH_SPACE}) OR regexp_matches(${x}, ${ENDS_WITH_SPACE})))`;
  switch (kind) {
    case 'text':
      return { simple: noEdgeSpace, value: x, issue: code(null), shown: trusted("''") };
    case 'key':
      return {
        simple: noEdgeSpace,
        value: x,
        issue: sql`CASE WHEN ${x} IS NULL THEN ${code('missing-key')} WHEN ${maybeScientific(x)} AND regexp_full_match(${x}, ${SCIENTIFIC}) THEN ${code('damaged-key')} END`,
        shown: sql`coalesce(${x}, '')`,
      };
    case 'id':
      return {
        simple: noEdgeSpace,
        value: x,
        issue: sql`CASE WHEN ${maybeScientific(x)} AND regexp_full_match(${x}, ${SCIENTIFIC}) THEN ${code('damaged-id')} END`,
        shown: sql`coalesce(${x}, '')`,
      };
    case 'timestamp': {
      // Simple = a plain timestamp that is valid: the shape and the bounds of the time of day are
      // the regular expression's; with four digits first, whole-text comparisons bound the year to
      // coerce.ts's 1900–2100 (a third of the cost of comparing substrings); DuckDB's cast refuses
      // a day the month does not have (2024-02-30) as naiveMs does. Every invalid cell goes to
      // coerceCell, so a column without a lookup table has no issue but a missing required value,
      // and its value is the bare cast.
      const valid = sql`${x} >= '1900' AND ${x} < '2101' AND TRY_CAST(${x} AS TIMESTAMP) IS NOT NULL`;
      return {
        simple: sql`(${x} IS NULL OR (regexp_full_match(${x}, ${PLAIN_TIMESTAMP}) AND ${valid}))`,
        value: sql`TRY_CAST(${x} AS TIMESTAMP)`,
        issue: required ? sql`CASE WHEN ${x} IS NULL THEN ${code('missing-required')} END` : code(null),
        shown: trusted("''"),
      };
    }
    case 'integer':
      return {
        simple: sql`(${x} IS NULL OR regexp_full_match(${x}, ${PLAIN_INTEGER}))`,
        value: sql`CAST(${x} AS INTEGER)`,
        issue: code(null),
        shown: trusted("''"),
      };
    case 'double':
      return {
        simple: sql`(${x} IS NULL OR regexp_full_match(${x}, ${PLAIN_DOUBLE}))`,
        value: sql`CAST(${x} AS DOUBLE)`,
        issue: code(null),
        shown: trusted("''"),
      };
    case 'boolean':
    case 'township':
    case 'credit-code':
      // Few distinct values, each with rules of its own (tokens, aliases, check characters).
      return { simple: sql`(${x} IS NULL)`, value: trusted('NULL'), issue: code(null), shown: trusted("''") };
  }
}

const rowsOf = (t: Table): Record<string, unknown>[] => t.toArray().map((r) => (r as { toJSON(): Record<string, unknown> }).toJSON());

/**
 * Read and validate a CSV already registered in the engine. Returns null when DuckDB's reader
 * disagrees with ours about the file (an error, another row count, other cells in the first
 * row): the caller then takes the JavaScript path, whose result is today's by definition.
 */
export async function stageCsv(engine: Engine, read: CsvReadPlan, options: StageOptions): Promise<StagedCsv | null> {
  const id = options.id ?? importId();
  const raw = rawTableName(id);
  /** Every relation this import makes, in order: named here as it is about to be made. */
  const made: string[] = [raw];
  const name = (part: string) => {
    const relation = importRelationName(id, part);
    made.push(relation);
    options.named?.add(relation);
    return relation;
  };
  const dropAll = (keep: readonly string[] = []) => dropRelations(engine, id, made, keep);
  try {
    const disagreement = (await (options.rawRead ?? readRawTable(engine, raw, read))) ?? (await checkRaw(engine, raw, read, options.typedOnRead));
    if (disagreement) {
      options.onFallback?.(disagreement);
      await dropAll();
      return null;
    }
    const expected = { total: VALIDATION_STATEMENTS + read.width };
    // The checks begin: from here the progress counts them (and the rows the running one has passed).
    const rows = read.dataRecords - read.blankRows.length;
    const onStep = options.onStep && ((done: number, total: number) => options.onStep!(done, total, rows));
    onStep?.(0, expected.total);
    const typed = await provenTypes(engine, raw, read, options.rawTypes);
    const result = await validate(countingSteps(engine, onStep, expected), raw, read, options, name, made, typed);
    onStep?.(expected.total, expected.total);
    await dropAll([result.staged.rows, ...result.staged.sources, ...(result.staged.extras ? [result.staged.extras] : [])]);
    return result;
  } catch (error) {
    await dropAll();
    throw error;
  }
}

/**
 * The raw columns read typed (csv-parts.ts) that the scan's facts about the whole file bear out,
 * with their types, as validation takes them: a timestamp or count column plain to the end, a
 * yes/no column of the same two words. Any other (never expected: the same facts decide both)
 * is turned back to its text here, as the lookups match text.
 */
async function provenTypes(engine: Engine, raw: string, read: CsvReadPlan, rawTypes: ReadonlyMap<number, ReadAs> = new Map()): Promise<Map<number, string>> {
  const timestamps = new Set(read.facts?.plainTimestampColumns ?? []);
  const integers = new Set(read.facts?.plainIntegerColumns ?? []);
  const tokens = new Map((read.facts?.tokenValues ?? []).map((t) => [t.column, t.values]));
  const sameWords = (a: BooleanWords, b: BooleanWords | null) => b !== null && a.yes === b.yes && a.no === b.no;
  const typed = new Map<number, string>();
  for (const [column, as] of rawTypes) {
    const listed = tokens.get(column);
    let borne: boolean;
    if (as.type === 'BOOLEAN') borne = listed !== undefined && sameWords(as.words, booleanWordsOf(listed));
    else borne = as.type === 'TIMESTAMP' ? timestamps.has(column) : integers.has(column);
    if (borne) typed.set(column, as.type);
    else await engine.exec(sql`ALTER TABLE ${ident(raw)} ALTER ${ident(`c${column}`)} SET DATA TYPE VARCHAR USING ${rawCellText(ident(`c${column}`), as)}`);
  }
  return typed;
}

/**
 * Why DuckDB's reading of the file differs from ours (row count, first row's cells), or null when
 * it agrees. A cell of a column read typed is its value, not its text (nor, turned back, the
 * file's text): the row's other cells say whether the reader kept to the record.
 */
async function checkRaw(engine: Engine, raw: string, read: CsvReadPlan, typedOnRead: ReadonlySet<number> = new Set()): Promise<string | null> {
  const count = rowsOf(await engine.query(sql`SELECT count(*)::INTEGER AS n FROM ${ident(raw)}`))[0].n as number;
  if (count + read.blankRows.length !== read.dataRecords) return `DuckDB read ${count} rows, csv.ts ${read.dataRecords - read.blankRows.length}`;
  if (read.firstDataRow) {
    const first = rowsOf(await engine.query(sql`SELECT * FROM ${ident(raw)} WHERE rowid = 0`))[0];
    if (!first) return 'DuckDB read no first row';
    for (let i = 0; i < read.width; i++) {
      if (typedOnRead.has(i)) continue;
      if (((first[`c${i}`] as string | null) ?? '') !== (read.firstDataRow[i] ?? '')) return `the first row differs in cell ${i + 1}`;
    }
  }
  return null;
}

function plansOf(mapping: HeaderMapping, raw: SqlFragment): { plans: Plan[]; extras: (ExtraColumn & { cell: SqlFragment; lookup: Lookup | null })[] } {
  const spec = TABLES[mapping.table];
  const bySource = new Map(mapping.columns.filter((m) => m.column).map((m) => [m.column as string, m]));
  const cell = (source: number) => sql`${raw}.${ident(`c${source}`)}`;
  const plans = spec.columns.map((c, index) => {
    const m = bySource.get(c.name);
    return {
      index,
      name: c.name,
      header: m ? m.header : null,
      type: c.type,
      kind: kindOf(c.name, c.type, c.key === true),
      required: c.required === true || c.key === true,
      cell: m ? cell(m.index) : null,
      source: m ? m.index : null,
      lookup: null,
      typed: false,
    };
  });
  const unmapped = mapping.columns.filter((m) => m.column === null);
  const names = uniqueNames(
    unmapped.map((m) => m.header),
    new Set([EXTRA_KEY_COLUMN]),
  );
  const extras = unmapped.map((m, i) => ({ name: names[i], header: m.header, source: m.index, cell: cell(m.index), lookup: null }));
  return { plans, extras };
}

interface ColumnExpr {
  value: SqlFragment;
  issue: SqlFragment;
  shown: SqlFragment;
  zone: SqlFragment;
  joins: SqlFragment;
}

/** A plan's value/issue expressions over `r` (the raw row) and its lookup, if any. */
function columnExpr(p: { kind: ColumnKind; required: boolean; cell: SqlFragment | null; lookup: Lookup | null; typed?: boolean }, alias: string): ColumnExpr {
  if (!p.cell) {
    const rule = cellSql(p.kind, p.required, trusted('NULL::VARCHAR'));
    return { value: trusted('NULL'), issue: rule.issue, shown: rule.shown, zone: trusted('false'), joins: trusted('') };
  }
  const rule = cellSql(p.kind, p.required, p.cell);
  // Read typed, every cell was plain (or one of a yes/no column's two words): the cell is the
  // value, and the only issue left is a required value missing.
  if (p.typed) return { value: p.cell, issue: rule.issue, shown: rule.shown, zone: trusted('false'), joins: trusted('') };
  if (!p.lookup) return { value: rule.value, issue: rule.issue, shown: rule.shown, zone: trusted('false'), joins: trusted('') };
  const found = lookupAccess(p.lookup, p.cell, alias);
  // A text lookup that changes no cell leaves the value the cell itself: a cell not among its
  // values takes the rule's value, which for these kinds is the cell (text) or, where every
  // non-null cell is looked up (townships, credit codes), NULL for a NULL cell.
  const value = changesNoValue(p.lookup) ? p.cell : found.pick('v', rule.value);
  if (!p.lookup.flags && rule.issue.text === code(null).text) {
    // No cell of the column raises an issue: only the value may need the lookup.
    return { value, issue: rule.issue, shown: rule.shown, zone: trusted('false'), joins: value === p.cell ? trusted('') : found.joins };
  }
  return {
    value,
    issue: found.pick('code', rule.issue),
    shown: found.pick('shown', rule.shown),
    zone: found.zone,
    joins: found.joins,
  };
}

async function validate(
  engine: Engine,
  rawTable: string,
  read: CsvReadPlan,
  options: StageOptions,
  name: (part: string) => string,
  made: string[],
  /** The raw columns read typed and borne out (provenTypes), with their types. */
  rawTypes: ReadonlyMap<number, string>,
): Promise<StagedCsv> {
  const { mapping } = options;
  const spec = TABLES[mapping.table];
  const maxIssues = options.maxIssues ?? 100_000;
  const r = trusted('r');
  const { plans, extras } = plansOf(mapping, r);
  for (const p of plans) p.typed = p.source !== null && rawTypes.get(p.source) === p.type;
  const headerWidth = mapping.columns.length;
  const townships = new Map<string, string | null>();
  const resolve = (text: string) => {
    let canonical = townships.get(text);
    if (canonical === undefined) townships.set(text, (canonical = resolveTownship(text, options.townshipAliases)));
    return canonical;
  };

  // Excel row of each raw row: after the header, plus the blank lines DuckDB skipped before it.
  let from = sql`${ident(rawTable)} r`;
  let rowExpr = sql`CAST(r.rowid + ${trusted(String(read.headerRow + 1))} AS INTEGER)`;
  if (read.blankRows.length > 0) {
    const blanks = name('blanks');
    const adj = read.blankRows.map((row, j) => row - read.headerRow - 1 - j);
    await engine.insertArrow(blanks, batchToIPC({ adj, cum: adj.map((_, j) => j + 1) }, { adj: 'INTEGER', cum: 'INTEGER' }), 'create');
    from = sql`${ident(rawTable)} r ASOF LEFT JOIN ${ident(blanks)} b ON r.rowid >= b.adj`;
    rowExpr = sql`CAST(r.rowid + ${trusted(String(read.headerRow + 1))} + coalesce(b.cum, 0) AS INTEGER)`;
  }

  // Lookup tables for the values SQL does not decide. Text-like cells (text, ids, extras) are
  // odd only with whitespace at an edge, and that is found for a whole row at once: its cells
  // joined by U+0001 and searched once, far cheaper than two matches per cell. Timestamps and
  // numbers are tallied per column; tokens, townships and credit codes always get a table.
  const textLike = (kind: ColumnKind) => kind === 'text' || kind === 'key' || kind === 'id';
  const candidates = [
    ...plans
      .filter((p) => p.cell)
      .map((p) => ({ target: p as { lookup: Lookup | null }, cell: p.cell!, source: p.source, kind: p.kind, type: p.type, required: p.required })),
    ...extras.map((e) => ({ target: e as { lookup: Lookup | null }, cell: e.cell, source: e.source, kind: 'text' as ColumnKind, type: 'VARCHAR' as ColumnType, required: false })),
  ];
  // What the scan proved: columns simple throughout, whose lookups would be empty, and the
  // distinct values of token columns, which the lookups would have asked DuckDB for.
  const proven = {
    timestamp: new Set(read.facts?.plainTimestampColumns ?? []),
    integer: new Set(read.facts?.plainIntegerColumns ?? []),
    double: new Set(read.facts?.plainDoubleColumns ?? []),
  } as Partial<Record<ColumnKind, Set<number>>>;
  const tokenValues = new Map((read.facts?.tokenValues ?? []).map((t) => [t.column, t.values]));
  const textCells = candidates.filter((c) => textLike(c.kind)).map((c) => c.cell);
  // Rows with whitespace at the edge of a text-like cell: rare in an export, listed in one pass
  // (no separate count first: a count is the same pass again).
  // The scan has usually ruled them out already: then this pass, over every row, is not run.
  let edgyRows: string | null = null;
  /** Tables of the checks the typed view does not read: dropped once staging is done. */
  const checksOnly: string[] = [];
  if (textCells.length && read.edgeSpace) {
    const table = name('edgy');
    checksOnly.push(table);
    await engine.exec(sql`CREATE TABLE ${ident(table)} AS SELECT * FROM ${ident(rawTable)} r WHERE ${edgySql(textCells)}`);
    if (await countOf(engine, table)) edgyRows = table;
  }
  // Data rows whose every cell is empty or blank are blank rows, not data (isBlankRow). Such a
  // row's first cell is missing or starts with whitespace: a test on one character that spares
  // nearly every row the joined-cells expression (a WHERE evaluates the second term only for
  // the rows that pass the first).
  // The scan may have proved there are none (every first cell begins with something else).
  let notBlank = trusted('true');
  let blankCount = 0;
  if (!read.facts?.noBlankRows) {
    const allCells = Array.from({ length: read.width }, (_, k) => sql`r.${ident(`c${k}`)}`);
    const allBlank = sql`regexp_full_match(concat_ws(chr(1), '', ${join(allCells, ', ')}, ''), ${ONLY_SPACE})`;
    const blankRowIds = name('blank_ids');
    await engine.exec(
      sql`CREATE TABLE ${ident(blankRowIds)} AS SELECT r.rowid AS id FROM ${ident(rawTable)} r WHERE ${mayStartWithSpace(trusted('r.c0'))} AND ${allBlank}`,
    );
    blankCount = await countOf(engine, blankRowIds);
    if (blankCount > 0) notBlank = sql`r.rowid NOT IN (SELECT id FROM ${ident(blankRowIds)})`;
  }

  for (const c of candidates) {
    if (c.source !== null && (proven[c.kind]?.has(c.source) || rawTypes.has(c.source))) continue;
    const listed = c.source !== null && TOKEN_KINDS.has(c.kind) ? tokenValues.get(c.source) : undefined;
    const coerce = { kind: c.kind, type: c.type, required: c.required, resolve };
    if (listed) {
      c.target.lookup = await lookupOf(engine, name(`lookup_${made.length}`), listed, coerce);
      continue;
    }
    let source = rawTable;
    if (textLike(c.kind)) {
      if (!edgyRows) continue;
      source = edgyRows;
    }
    const table = name(`lookup_${made.length}`);
    const simple = cellSql(c.kind, c.required, trusted('v')).simple;
    c.target.lookup = await buildLookup(engine, { table, source, column: c.cell, simple }, coerce);
  }

  // Issues of the cells: (raw rowid, Excel row, phase, column, sub-order, code, shown, detail).
  const issues = name('issues');
  const parts: SqlFragment[] = [];
  if (read.width > headerWidth) {
    // A cell beyond the header with content: the row's columns cannot be trusted (rows.ts).
    const nonBlank = (i: number) => sql`(r.${ident(`c${i}`)} IS NOT NULL AND trim(r.${ident(`c${i}`)}, ${WS}) <> '')`;
    const beyond = Array.from({ length: read.width - headerWidth }, (_, k) => headerWidth + k);
    const firstIndex = sql`CASE ${join(beyond.map((i) => sql`WHEN ${nonBlank(i)} THEN ${trusted(String(i))}`), ' ')} END`;
    const firstText = sql`CASE ${join(beyond.map((i) => sql`WHEN ${nonBlank(i)} THEN trim(r.${ident(`c${i}`)}, ${WS})`), ' ')} END`;
    parts.push(sql`SELECT * FROM (SELECT r.rowid AS id, ${rowExpr} AS row, 0 AS phase, -1 AS col, 0 AS sub, ${code('too-many-cells')} AS code,
      ${firstText} AS shown, ${firstIndex} AS detail FROM ${from} WHERE ${notBlank}) WHERE detail IS NOT NULL`);
  }
  // Every cell issue of every column in ONE pass over the rows (with all lookups joined), kept
  // only for the rows that have any; the per-column issue rows are then cut from that small table.
  const exprs = plans.map((p) => columnExpr(p, `l${p.index}`));
  // A column the scan proved clean (cell-facts.ts) raises none of its issues in any row: it has
  // no lookup, so its issues are the rule's own (cellSql), each ruled out by a fact.
  const filled = new Set(read.facts?.filledColumns ?? []);
  const plainIds = new Set(read.facts?.plainIdColumns ?? []);
  const provenClean = (p: Plan) => {
    if (p.lookup) return false;
    // A column the file lacks is NULL in every row: an issue only where a value is required.
    if (p.source === null) return !p.required;
    if (p.kind === 'key') return filled.has(p.source) && plainIds.has(p.source);
    if (p.kind === 'id') return plainIds.has(p.source);
    return p.kind === 'timestamp' && p.required && filled.has(p.source);
  };
  const flaggedCols = plans
    .map((p, i) => ({ p, i, e: exprs[i] }))
    .filter(({ p, e }) => !(e.issue.text === code(null).text && e.zone.text === 'false') && !provenClean(p));
  if (flaggedCols.length > 0) {
    const flagged = name('flagged');
    checksOnly.push(flagged);
    const selected = flaggedCols.flatMap(({ p, i, e }) => [
      sql`${e.issue} AS ${ident(`code${i}`)}`,
      sql`${e.shown} AS ${ident(`shown${i}`)}`,
      ...(p.lookup && p.kind === 'timestamp' ? [sql`${e.zone} AS ${ident(`zone${i}`)}`, sql`${p.cell} AS ${ident(`raw${i}`)}`] : []),
    ]);
    const any = join(
      flaggedCols.flatMap(({ p, i }) => [
        sql`${ident(`code${i}`)} IS NOT NULL`,
        ...(p.lookup && p.kind === 'timestamp' ? [sql`${ident(`zone${i}`)}`] : []),
      ]),
      ' OR ',
    );
    const joins = join(
      flaggedCols.map(({ e }) => e.joins),
      '',
    );
    await engine.exec(sql`CREATE TABLE ${ident(flagged)} AS SELECT * FROM (SELECT r.rowid AS id, ${rowExpr} AS row, ${join(selected, ', ')}
      FROM ${from}${joins} WHERE ${notBlank}) WHERE ${any}`);
    for (const { p, i } of flaggedCols) {
      parts.push(sql`SELECT id, row, 1 AS phase, ${trusted(String(i))} AS col, 0 AS sub, ${ident(`code${i}`)} AS code, ${ident(`shown${i}`)} AS shown,
        NULL::INTEGER AS detail FROM ${ident(flagged)} WHERE ${ident(`code${i}`)} IS NOT NULL`);
      if (p.lookup && p.kind === 'timestamp') {
        parts.push(sql`SELECT id, row, 1 AS phase, ${trusted(String(i))} AS col, 1 AS sub, ${code('time-zone-ignored')} AS code, ${ident(`raw${i}`)} AS shown,
          NULL::INTEGER AS detail FROM ${ident(flagged)} WHERE ${ident(`zone${i}`)}`);
      }
    }
  }
  const issueUnion = parts.length ? join(parts, ' UNION ALL ') : trusted('SELECT NULL::BIGINT AS id, NULL::INTEGER AS row, 0 AS phase, 0 AS col, 0 AS sub, NULL::VARCHAR AS code, NULL::VARCHAR AS shown, NULL::INTEGER AS detail WHERE false');
  await engine.exec(sql`CREATE TABLE ${ident(issues)} AS SELECT * FROM (${issueUnion})`);
  const rejectedIds = name('rejected_ids');
  let rejectedCount = 0;
  if (parts.length === 0) {
    // Every check was proven by the scan (a clean export): no issue, so no row is rejected.
    await engine.exec(sql`CREATE TABLE ${ident(rejectedIds)} (id BIGINT)`);
  } else {
    await engine.exec(sql`CREATE TABLE ${ident(rejectedIds)} AS SELECT DISTINCT id FROM ${ident(issues)} WHERE code IN ${REJECTIONS}`);
    // A rejected row keeps its reasons only (rows.ts): its warnings go.
    await engine.exec(sql`DELETE FROM ${ident(issues)} WHERE code NOT IN ${REJECTIONS} AND id IN (SELECT id FROM ${ident(rejectedIds)})`);
    rejectedCount = await countOf(engine, rejectedIds);
  }
  const anyRejected = rejectedCount > 0;
  const loaded = anyRejected ? sql`${notBlank} AND r.rowid NOT IN (SELECT id FROM ${ident(rejectedIds)})` : notBlank;

  // The typed rows, shaped as the Arrow path's batches: canonical columns + SEQUENCE_COLUMN. A
  // view, not a table: the upsert reads it once, the checks below a column or two of it, and
  // copying every row into a table of its own first cost more than all of them (Node, 1M
  // tickets: 2.6 s; the import as a whole 11.8 s → 10.1 s).
  const rowsTable = name('rows');
  const allJoins = join(
    exprs.map((e) => e.joins),
    '',
  );
  const typed = plans.map((p, i) => sql`CAST(${exprs[i].value} AS ${trusted(p.type)}) AS ${ident(p.name)}`);
  const typedRows = (where: SqlFragment) => sql`SELECT ${typed}, ${rowExpr} AS ${ident(SEQUENCE_COLUMN)} FROM ${from}${allJoins} WHERE ${where}`;
  await engine.exec(sql`CREATE VIEW ${ident(rowsTable)} AS ${typedRows(loaded)}`);

  // Row checks on typed values: times before the received time, keys repeated in the file.
  const seq = ident(SEQUENCE_COLUMN);
  const time = plans.find((p) => p.name === spec.timeColumn);
  const keyPlan = plans.find((p) => p.name === keyColumn(spec).name)!;
  const later: SqlFragment[] = [];
  // Pairs the scan proved in order in every row: none of their rows is before its received time.
  const inOrder = (earlier: number | null, after: number | null) => (read.facts?.orderedPairs ?? []).some(([a, b]) => a === earlier && b === after);
  for (const p of plans) {
    if (!time || p.kind !== 'timestamp' || !p.cell) continue;
    const c = CLOSED_COLUMNS.has(p.name) ? 'closed-before-received' : DEADLINE_COLUMNS.has(p.name) ? 'deadline-before-received' : null;
    if (!c || inOrder(time.source, p.source)) continue;
    later.push(sql`SELECT NULL::BIGINT AS id, ${seq} AS row, 2 AS phase, ${trusted(String(p.index))} AS col, 0 AS sub, ${code(c)} AS code,
      strftime(${ident(p.name)}, '%Y-%m-%d %H:%M:%S') AS shown, NULL::INTEGER AS detail FROM ${ident(rowsTable)} WHERE ${ident(p.name)} < ${ident(time.name)}`);
  }
  // Keys repeated in the file: the window (a sort of every row) runs only when some key repeats.
  // An export's keys are nearly always distinct, which one hash count tells at a fraction of the
  // window's time (Node, 300,000 tickets: 52 ms against 180–450 ms). A NULL key counts as a
  // repeat here, so the window still decides whenever it could report anything.
  // The upsert reads the same counts instead of counting again (StagedTables.keyCounts).
  // The scan may have proved the key cells distinct; a key is then its cell, untrimmed, when no
  // cell has whitespace at an edge, and the loaded rows are the raw rows less the blank and the
  // rejected ones.
  const keysProven = read.facts?.distinctKeyColumn === keyPlan.source && keyPlan.source !== null && !read.edgeSpace;
  const loadedRows = read.dataRecords - read.blankRows.length - blankCount - rejectedCount;
  const counted = keysProven
    ? { keys: loadedRows, n: loadedRows }
    : rowsOf(await engine.query(sql`SELECT count(DISTINCT ${ident(keyPlan.name)})::INTEGER AS keys, count(*)::INTEGER AS n FROM ${ident(rowsTable)}`))[0];
  const keyCounts = { distinct: Number(counted.keys), rows: Number(counted.n) };
  const keyRepeats = keyCounts.distinct < keyCounts.rows;
  if (keyRepeats) {
    later.push(sql`SELECT * FROM (SELECT NULL::BIGINT AS id, ${seq} AS row, 3 AS phase, ${trusted(String(keyPlan.index))} AS col, 0 AS sub,
      ${code('duplicate-key-in-file')} AS code, ${ident(keyPlan.name)} AS shown,
      lag(${seq}) OVER (PARTITION BY ${ident(keyPlan.name)} ORDER BY ${seq}) AS detail FROM ${ident(rowsTable)}) WHERE detail IS NOT NULL`);
  }
  if (later.length > 0) await engine.exec(sql`INSERT INTO ${ident(issues)} ${join(later, ' UNION ALL ')}`);

  // Extras: the unmapped columns of the loaded rows, as text, keyed like the Arrow path's.
  let extrasTable: string | null = null;
  if (extras.length > 0) {
    extrasTable = name('extras');
    const extraExprs = extras.map((e, i) => columnExpr({ kind: 'text', required: false, cell: e.cell, lookup: e.lookup }, `x${i}`));
    const keyExpr = exprs[keyPlan.index];
    await engine.exec(sql`CREATE TABLE ${ident(extrasTable)} AS SELECT CAST(${keyExpr.value} AS VARCHAR) AS ${ident(EXTRA_KEY_COLUMN)}, ${rowExpr} AS ${seq},
      ${join(
        extras.map((e, i) => sql`CAST(${extraExprs[i].value} AS VARCHAR) AS ${ident(e.name)}`),
        ', ',
      )}
      FROM ${from}${keyExpr.joins}${join(
        extraExprs.map((e) => e.joins),
        '',
      )} WHERE ${loaded}`);
  }

  const report = await reportOf(engine, { issues, rawTable }, { blank: blankCount, rejected: rejectedCount }, read, options, plans, maxIssues, headerWidth);
  // The first `previewRows` loaded rows: each raw row not loaded (blank, rejected) moves them one
  // further. Bounded on the raw rows, the typed columns are computed for those rows only.
  const previewRows = options.previewRows ?? 200;
  const previewEnd = trusted(String(previewRows + blankCount + rejectedCount));
  const preview = await previewOf(engine, typedRows(sql`${loaded} AND r.rowid < ${previewEnd}`), plans, previewRows);
  const notRead = new Set([rowsTable, issues, ...checksOnly, ...(extrasTable ? [extrasTable] : [])]);
  // The same values over the raw table's own columns, for an upsert into an empty table.
  const dropped = blankCount + rejectedCount;
  const inPlace = fewEnoughDropped(report.rowsRead + blankCount, dropped)
    ? inPlacePlan(
        rawTable,
        (await engine.query(sql`SELECT * FROM ${ident(rawTable)} LIMIT 0`)).schema.fields.map((f) => f.name),
        plans.map((p) => {
          const rawType = p.typed ? p.type : undefined;
          const bare = p.source === null ? null : columnExpr({ ...p, cell: ident(`c${p.source}`) }, `l${p.index}`);
          return { name: p.name, type: p.type, source: p.source, value: bare && !bare.joins.text ? bare.value : null, rawType };
        }),
        dropped > 0 ? loaded : null,
      )
    : null;
  return {
    staged: { rows: rowsTable, rowsView: true, sources: made.filter((t) => !notRead.has(t)), extras: extrasTable, keyCounts, ...(inPlace ? { inPlace } : {}) },
    extraColumns: extras.map((e) => ({ name: e.name, header: e.header, source: e.source })),
    preview,
    report,
  };
}

async function reportOf(
  engine: Engine,
  t: { issues: string; rawTable: string },
  /** Raw rows that are blank, and rejected ones (disjoint: rows are checked only when not blank). */
  known: { blank: number; rejected: number },
  read: CsvReadPlan,
  options: StageOptions,
  plans: Plan[],
  maxIssues: number,
  headerWidth: number,
): Promise<ValidationReport> {
  const counted = rowsOf(
    await engine.query(sql`SELECT
      (SELECT count(*) FROM ${ident(t.rawTable)})::INTEGER AS raw,
      (SELECT count(*) FROM ${ident(t.issues)} WHERE code = 'duplicate-key-in-file')::INTEGER AS duplicates`),
  )[0] as { raw: number; duplicates: number };
  // The loaded rows are the rest: counting them would run the typed view over every row.
  const counts = { ...counted, ...known, loaded: counted.raw - known.blank - known.rejected };
  const byCode = rowsOf(await engine.query(sql`SELECT code, count(*)::INTEGER AS n FROM ${ident(t.issues)} GROUP BY code ORDER BY code`));
  const toIssue = (row: IssueRow): RowIssue => {
    const c = row.code as IssueCode;
    const plan = row.col >= 0 ? plans[row.col] : null;
    const message = ISSUE_MESSAGES[c];
    const detailValue = row.detail;
    const detail =
      c === 'too-many-cells'
        ? { zh: `第 ${detailValue! + 1} 列，表头共 ${headerWidth} 列`, en: `cell ${detailValue! + 1}, the header has ${headerWidth}` }
        : c === 'duplicate-key-in-file'
          ? { zh: `与第 ${detailValue} 行相同`, en: `same as row ${detailValue}` }
          : null;
    return {
      file: options.file,
      row: row.row,
      severity: isRejection(c) ? 'rejected' : 'warning',
      code: c,
      column: plan ? plan.name : null,
      header: plan ? plan.header : null,
      value: row.shown ?? '',
      zh: detail ? `${message.zh}（${detail.zh}）` : message.zh,
      en: detail ? `${message.en} (${detail.en})` : message.en,
    };
  };
  const list = async (rejected: boolean) =>
    issuesOf(
      await engine.query(
        sql`SELECT row, col, code, shown, detail FROM ${ident(t.issues)} WHERE code ${trusted(rejected ? 'IN' : 'NOT IN')} ${REJECTIONS}
            ORDER BY row, phase, col, sub LIMIT ${trusted(String(maxIssues + 1))}`,
      ),
      toIssue,
      { onSlice: (last) => options.onStepRows?.(last.row - read.headerRow) },
    );
  const rejected = await list(true);
  const warnings = await list(false);
  const truncated = rejected.length > maxIssues || warnings.length > maxIssues;
  const issueCounts: Partial<Record<IssueCode, number>> = {};
  for (const { code: c, n } of byCode) issueCounts[c as IssueCode] = n as number;
  return {
    file: options.file,
    table: options.mapping.table,
    rowsRead: counts.raw - counts.blank,
    rowsRejected: counts.rejected,
    rowsLoaded: counts.loaded,
    duplicatesInFile: counts.duplicates,
    blankRows: counts.blank + read.blankRows.length,
    rejected: rejected.slice(0, maxIssues),
    warnings: warnings.slice(0, maxIssues),
    counts: issueCounts,
    truncated,
  };
}

/** The first `limit` typed rows of `rows` (a query of them) by SEQUENCE_COLUMN. */
async function previewOf(engine: Engine, rows: SqlFragment, plans: Plan[], limit: number): Promise<ColumnarTable> {
  // Timestamps as naive milliseconds, the row assembler's representation.
  const columns = plans.map((p) => (p.type === 'TIMESTAMP' ? sql`CAST(epoch_ms(${ident(p.name)}) AS DOUBLE) AS ${ident(p.name)}` : ident(p.name)));
  const table = await engine.query(sql`SELECT ${columns} FROM (${rows}) ORDER BY ${ident(SEQUENCE_COLUMN)} LIMIT ${trusted(String(limit))}`);
  // Column by column, not a row object per row: this runs on the page's main thread.
  const out: Record<string, unknown[]> = {};
  for (const p of plans) out[p.name] = Array.from(table.getChild(p.name) ?? [], (v) => v ?? null);
  return { length: table.numRows, columns: out as ColumnarTable['columns'] };
}

/**
 * Drop every relation an import made: after a cancel, the interrupted statements could not clean
 * up (they share the cancelled signal), so the caller does it with an engine that is not
 * cancelled. By name — its raw table, its one view, and whatever staging named (`named`) — not
 * by asking the catalog: the first duckdb_views() or duckdb_tables() of a page took 125–340 ms
 * right after a cancel, and the engine answered nothing else meanwhile.
 */
export function dropImportTables(engine: Engine, id: string, named: Iterable<string> = []): Promise<void> {
  return dropRelations(engine, id, [rawTableName(id), ...named]);
}

/**
 * Drop an import's relations among `relations`, but those in `keep`: its typed rows are its only
 * view (validate), every other relation is a table. Each drop is allowed to fail (never made).
 */
async function dropRelations(engine: Engine, id: string, relations: Iterable<string>, keep: readonly string[] = []): Promise<void> {
  const view = rowsViewName(id);
  if (!keep.includes(view)) await engine.exec(sql`DROP VIEW IF EXISTS ${ident(view)}`).catch(() => undefined);
  for (const table of new Set(relations)) {
    if (table !== view && !keep.includes(table)) await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
  }
}
