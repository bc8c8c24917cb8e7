// An XLSX whose worksheets are read as they inflate (xlsx-sheet-xml.ts) while SheetJS still reads
// everything else: the workbook's sheet names and their files, the shared strings and the styles.
// SheetJS is handed a copy of the ZIP in which every worksheet is a one-cell stand-in naming the
// file it replaced, so it resolves sheets to files by its own rules and parses the small parts as
// it always has, without inflating or walking the big ones.
//
// Null — read the workbook with SheetJS as before — for anything this does not cover: a big sheet
// without a declared dimension, a part that does not inflate cleanly, a ZIP SheetJS refuses. The
// caller checks the declared sizes first (checkDeclaredSizes); a worksheet is held to them as it
// streams.
import * as XLSX from '@e965/xlsx';
import type { ByteSource } from '$lib/platform/byte-source';
import { ImportError, throwIfAborted } from './errors';
import type { NumberedRow } from './header';
import { sheetRows, type SheetInfo } from './sheets';
import { SHEET_HEAD_BYTES, checkSheetRange, corrupt, type DeclaredParts } from './spreadsheet-guard';
import { NotStreamable, SheetXmlReader, sheetDimension, type SheetContext, type SheetRange, type SheetReadOptions } from './xlsx-sheet-xml';
import { crc32, writeZip, type ZipWriteEntry } from './zip-write';
import {
  entriesInflateCleanly,
  entryRange,
  inflateEntry,
  readEntryHeadFrom,
  readZipDirectory,
  readZipDirectoryFrom,
  type ZipEntry,
} from './zip-directory';

export interface StreamedWorkbook {
  sheets: SheetInfo[];
  /** The first `count` rows of a sheet, inflating only as far as they go. */
  readSheetHead(name: string, count: number): Promise<NumberedRow[]>;
  /** Every row of a sheet, handed over as its XML inflates, with the share of the sheet read (0–1). */
  readSheet(name: string, onRows: (rows: NumberedRow[], fraction: number) => void, signal?: AbortSignal): Promise<void>;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** A sheet without a dimension is read whole when the workbook opens up to this size (cover sheets). */
const HELD_SHEET_BYTES = 1 << 20;
/** Rows of a sheet read already, handed over at a time. */
const HELD_SLICE_ROWS = 10_000;

/**
 * Built-in number formats SheetJS fills in only when a cell uses them (ECMA-376 §18.8.30 leaves
 * them to the locale): of those, the dates and times — 27–36 and 50–58 (the CJK dates), 71–81.
 * SheetJS gives the first such cell no format at all and the rest the date format; every cell
 * here is a date, which the importer reads the same either way (a number in a date column is a serial).
 */
function implicitIsDate(id: number): boolean {
  return (id >= 27 && id <= 36) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
}

interface CellXf {
  numFmtId?: number;
}

function sheetContext(book: XLSX.WorkBook): SheetContext {
  const parsed = book as XLSX.WorkBook & { Strings?: { t?: string }[]; Styles?: { CellXf?: CellXf[] }; SSF?: Record<number, string> };
  const strings = (parsed.Strings ?? []).map((s) => s?.t);
  const cellXfs = Array.isArray(parsed.Styles?.CellXf) ? parsed.Styles.CellXf : null;
  const formats = parsed.SSF ?? {};
  const byStyle = new Map<string | undefined, boolean>();
  return {
    strings,
    numberIsDate(style) {
      let date = byStyle.get(style);
      if (date === undefined) {
        const xf = cellXfs && style !== undefined ? (cellXfs as unknown as Record<string, CellXf | undefined>)[style] : undefined;
        const id = xf?.numFmtId ?? 0;
        const format = formats[id];
        date = typeof format === 'string' ? XLSX.SSF.is_date(format) === true : implicitIsDate(id);
        byStyle.set(style, date);
      }
      return date;
    },
  };
}

function standIn(marker: string): Uint8Array {
  const escaped = marker.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return new TextEncoder().encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${escaped}</t></is></c></row></sheetData></worksheet>`,
  );
}

/** The workbook with each worksheet replaced by a stand-in naming it: `marker` + its path. */
async function withStandIns(source: ByteSource, entries: readonly ZipEntry[], marker: string): Promise<Uint8Array | null> {
  const copied: ZipWriteEntry[] = [];
  for (const entry of entries) {
    if (WORKSHEET.test(entry.name)) {
      const data = standIn(marker + entry.name);
      copied.push({ name: entry.name, method: 0, crc: crc32(data), data, uncompressedSize: data.length });
      continue;
    }
    const range = await entryRange(source, entry);
    if (!range) return null;
    copied.push({ name: entry.name, method: entry.method, crc: entry.crc, data: await source.read(range.start, range.end), uncompressedSize: entry.uncompressedSize });
  }
  return writeZip(copied);
}

/**
 * A worksheet's bytes as they inflate, held to what the directory declares: a damaged stream, or
 * one that inflates to more or less than its declared size (a bomb that lies), is a corrupt file —
 * never handed on to SheetJS, whose inflater can loop forever on it.
 */
async function* inflated(name: string, source: ByteSource, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const range = await entryRange(source, entry);
  const stream = range && inflateEntry(source, range, entry);
  if (!stream) throw corrupt(name);
  const reader = stream.getReader();
  let size = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw corrupt(name);
      }
      if (next.done) break;
      size += next.value.length;
      if (size > entry.uncompressedSize) throw corrupt(name);
      yield next.value;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  if (size !== entry.uncompressedSize) throw corrupt(name);
}

/**
 * A sheet as the workbook was opened: its file, to stream, or its rows, read already (a small
 * sheet without a dimension, or one SheetJS read because it sits outside xl/worksheets).
 */
type SheetFile = { rowCount: number } & ({ entry: ZipEntry } | { held: NumberedRow[] });

/** A sheet's rows as its XML inflates, with the share of its inflated bytes read so far. */
async function readRows(
  name: string,
  source: ByteSource,
  entry: ZipEntry,
  context: SheetContext,
  options: SheetReadOptions,
  onRows: (rows: NumberedRow[], fraction: number) => void,
  beforeChunk?: () => void,
): Promise<void> {
  const reader = new SheetXmlReader(context, options);
  const decoder = new TextDecoder('utf-8');
  let inflatedBytes = 0;
  for await (const chunk of inflated(name, source, entry)) {
    beforeChunk?.();
    inflatedBytes += chunk.length;
    onRows(reader.push(decoder.decode(chunk, { stream: true })), Math.min(1, inflatedBytes / Math.max(1, entry.uncompressedSize)));
    if (reader.done) return;
  }
  const last = reader.push(decoder.decode());
  for (const row of reader.end()) last.push(row);
  onRows(last, 1);
}

/**
 * The workbook in a file read by range (a File), or in memory (memorySource). `declared`: what
 * checkDeclaredSizes read of it already (its directory and its worksheets' heads), not read again.
 */
export async function openStreamedXlsx(name: string, source: ByteSource, declared?: DeclaredParts): Promise<StreamedWorkbook | null> {
  const entries = declared?.entries ?? (await readZipDirectoryFrom(source));
  if (!entries || !entries.some((e) => WORKSHEET.test(e.name))) return null;
  const marker = `\u0001streamed-sheet:${crypto.randomUUID()}:`;
  const reduced = await withStandIns(source, entries, marker);
  if (!reduced) return null;
  // What SheetJS will inflate must inflate cleanly (its inflater can loop on damage); the
  // worksheets it does not get are held to their declared sizes as they stream.
  const copies = readZipDirectory(reduced);
  if (!copies || !(await entriesInflateCleanly(reduced, copies))) return null;
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(reduced, { type: 'array', dense: true, cellDates: false, cellNF: true, cellHTML: false, cellFormula: false });
  } catch {
    return null;
  }
  if (!book.SheetNames || book.SheetNames.length === 0) return null;

  const context = sheetContext(book);
  const files = new Map<string, SheetFile>();
  for (const sheetName of book.SheetNames) {
    const parsed = book.Sheets[sheetName];
    const found = (parsed?.['!data'] as XLSX.CellObject[][] | undefined)?.[0]?.[0]?.v;
    const entry = typeof found === 'string' && found.startsWith(marker) ? entries.find((e) => e.name === found.slice(marker.length)) : undefined;
    if (!entry) {
      // Not a stand-in: a chart sheet, or a worksheet kept somewhere else (a Windows path, the
      // package root). SheetJS has read it whole already; its rows are taken as they are.
      const ref = parsed?.['!ref'];
      if (ref && !fitsLimits(name, sheetName, ref)) return null;
      const rows = parsed ? sheetRows(parsed) : [];
      files.set(sheetName, { rowCount: ref ? XLSX.utils.decode_range(ref).e.r + 1 : 0, held: rows });
      continue;
    }
    const head = declared?.heads.get(entry.name) ?? (await readEntryHeadFrom(source, entry, SHEET_HEAD_BYTES));
    if (!head) return null;
    const text = new TextDecoder('utf-8').decode(head);
    const open = text.search(/<(?:\w+:)?sheetData\b/);
    const range = sheetDimension(open === -1 ? text : text.slice(0, open));
    if (range) {
      files.set(sheetName, { entry, rowCount: range.lastRow + 1 });
      continue;
    }
    // Without a dimension (a one-cell cover sheet declares "A1", which SheetJS does not take as
    // one) the range is what the cells span: a small sheet is read whole now, a big one is SheetJS's.
    if (entry.uncompressedSize > HELD_SHEET_BYTES) return null;
    const held: NumberedRow[] = [];
    let rowCount = 0;
    const spans = (range: SheetRange) => {
      // A range too big to hand out is refused when the sheet is read, as SheetJS's path does.
      checkSheetRange(name, sheetName, rangeRef(range));
      rowCount = range.lastRow + 1;
    };
    try {
      await readRows(name, source, entry, context, { holdWithoutDimension: true, onRange: spans }, (rows) => appendTo(held, rows));
    } catch (e) {
      if (e instanceof NotStreamable || e instanceof ImportError) return null;
      throw e;
    }
    files.set(sheetName, { rowCount, held });
  }

  const fileOf = (sheetName: string) => {
    const file = files.get(sheetName);
    if (!file) throw new ImportError('sheet-not-found', `找不到工作表「${sheetName}」`, `no sheet named "${sheetName}"`, name);
    return file;
  };

  async function read(sheetName: string, limit: number, onRows: (rows: NumberedRow[], fraction: number) => void, signal?: AbortSignal) {
    const file = fileOf(sheetName);
    if ('held' in file) {
      // Read already: handed over in slices, so a cancel and the progress still get their turn.
      const rows = file.held.slice(0, limit);
      for (let at = 0; at < rows.length || at === 0; at += HELD_SLICE_ROWS) {
        throwIfAborted(signal, name);
        onRows(rows.slice(at, at + HELD_SLICE_ROWS), Math.min(1, (at + HELD_SLICE_ROWS) / Math.max(1, rows.length)));
      }
      return;
    }
    const refuseHuge = (range: SheetRange) => checkSheetRange(name, sheetName, rangeRef(range));
    await readRows(name, source, file.entry, context, { limit, onRange: refuseHuge }, onRows, () => throwIfAborted(signal, name));
  }

  return {
    sheets: book.SheetNames.map((sheetName) => ({ name: sheetName, rows: fileOf(sheetName).rowCount })),
    async readSheetHead(sheetName, count) {
      const rows: NumberedRow[] = [];
      await read(sheetName, count, (more) => appendTo(rows, more));
      return rows;
    },
    readSheet(sheetName, onRows, signal) {
      return read(sheetName, Infinity, onRows, signal);
    },
  };
}

/** Whether a sheet's range is within the importer's limits (checkSheetRange does not throw). */
function fitsLimits(name: string, sheetName: string, ref: string): boolean {
  try {
    checkSheetRange(name, sheetName, ref);
    return true;
  } catch (e) {
    if (e instanceof ImportError) return false;
    throw e;
  }
}

/** Rows onto a list: a push of spread arguments overflows the stack at a few hundred thousand rows. */
function appendTo(list: NumberedRow[], rows: readonly NumberedRow[]): void {
  for (const row of rows) list.push(row);
}

/** A range as SheetJS writes it (A1:K100), for the limits' messages. */
function rangeRef(range: SheetRange): string {
  return XLSX.utils.encode_range({ s: { r: range.firstRow, c: range.firstColumn }, e: { r: range.lastRow, c: range.lastColumn } });
}
