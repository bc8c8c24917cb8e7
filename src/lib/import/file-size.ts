// How big a file the page takes, by format, with the refusal that names the limit and the reason.
// A file is measured before its rows are read, so one that cannot fit costs the user only the
// message; a CSV's limit depends on the table it goes into, known once its header is decided.
import type { FileFormat } from './sniff';

const GiB = 1024 ** 3;

/**
 * A CSV streams from the File and is never held whole by the page, but its rows end in DuckDB's
 * heap: WebAssembly gives it 4 GB, of which DuckDB lets its data use 3.1 GiB and ends a statement
 * past that with an "Out of Memory" error (outOfMemory in errors.ts). Read, the rows take about
 * 1.6× the file as text (5,000,000 tickets, 1.97 GB: a 3,058 MB text table, 3,305 MB heap at most).
 * Into an empty table that text table becomes the table (in-place.ts), so the file's text is
 * what must fit: 1.9 GiB leaves the 5M-row export room.
 */
export const MAX_CSV_BYTES_INTO_EMPTY = 1.9 * GiB;
/**
 * Into a table that holds rows the upsert copies the text table into it, typed, beside it; and a
 * CSV in another encoding grows by up to a third as UTF-8. Both keep the limit of the copy.
 */
export const MAX_CSV_BYTES = 1.5 * GiB;
/** SheetJS holds the whole workbook as JS objects, roughly 10–30× the file size. */
export const MAX_SPREADSHEET_BYTES = 150 * 1024 ** 2;
/** Parquet and JSON are read whole and turned into row objects. */
export const MAX_STRUCTURED_BYTES = 400 * 1024 ** 2;

export interface SizeRefusal {
  code: 'too-large';
  zh: string;
  en: string;
  file: string;
}

/** A size as the messages give it: MB, or GB with one decimal. */
export function sizeText(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** The CSV limit for a file going into an empty table (or not), in UTF-8 (or not). */
export function csvLimit(intoEmpty: boolean, utf8: boolean): number {
  return intoEmpty && utf8 ? MAX_CSV_BYTES_INTO_EMPTY : MAX_CSV_BYTES;
}

/**
 * Null when a file of `bytes` may be read; otherwise why not, with the limit. For a CSV the
 * caller says which limit applies (csvLimit); before the target table is known, the larger one.
 */
export function sizeRefusal(name: string, bytes: number, format: FileFormat, limit = format === 'csv' ? MAX_CSV_BYTES_INTO_EMPTY : formatLimit(format)): SizeRefusal | null {
  if (bytes <= limit) return null;
  const found = sizeText(bytes);
  if (format === 'csv') {
    return {
      code: 'too-large',
      zh:
        `文件过大（${found}）：浏览器中的数据库最多使用约 3 GB 内存，CSV 导入空表（首次导入或替换示例数据）时最多 ${sizeText(MAX_CSV_BYTES_INTO_EMPTY)}，` +
        `追加到已有数据或非 UTF-8 编码时最多 ${sizeText(MAX_CSV_BYTES)}；请按月份拆分后分别导入`,
      en:
        `the file is too large (${found}): the in-browser database has about 3 GB of memory, so a CSV is limited to ${sizeText(MAX_CSV_BYTES_INTO_EMPTY)} into an empty table ` +
        `(the first import, or one replacing the sample) and to ${sizeText(MAX_CSV_BYTES)} when added to loaded data or not in UTF-8; split it by month and import the parts`,
      file: name,
    };
  }
  return {
    code: 'too-large',
    zh: `文件过大（${found}），${format.toUpperCase()} 文件最多 ${sizeText(limit)}（需整个读入内存）；请另存为 CSV（可流式读取）或拆分后再导入`,
    en: `the file is too large (${found}); ${format.toUpperCase()} files are limited to ${sizeText(limit)} (read whole into memory); save it as CSV (streamed) or split it`,
    file: name,
  };
}

/**
 * A CSV over the copy's limit is admitted only into an empty table (csvLimit); if its rows cannot
 * become that table in place after all (repeated keys, many rows not loaded: stagedInPlace in
 * upsert.ts), the copy would need memory the engine does not have. Null when it may go on.
 */
export function copyRefusal(name: string, bytes: number, inPlace: boolean): SizeRefusal | null {
  if (bytes <= MAX_CSV_BYTES || inPlace) return null;
  const [found, limit] = [sizeText(bytes), sizeText(MAX_CSV_BYTES)];
  return {
    code: 'too-large',
    file: name,
    zh: `文件过大（${found}）：超过 ${limit} 的 CSV 须在读入时直接成为空表，而本文件有重复的编号或较多无法导入的行，需整表复制，内存放不下；请按月份拆分后分别导入`,
    en: `the file is too large (${found}): a CSV over ${limit} must become an empty table as it is read, but this one has repeated keys or many rows that cannot be loaded, so its rows would be copied, which does not fit in memory; split it by month and import the parts`,
  };
}

/**
 * A CSV parsed by the import worker row by row (DuckDB's reader would read it differently —
 * ragged rows, stray quotes, lone CRs — or the user chose its encoding): its rows are held as
 * batches and then copied into the table, so the copy's limit, whatever the target.
 */
export function rowByRowRefusal(name: string, bytes: number): SizeRefusal | null {
  if (bytes <= MAX_CSV_BYTES) return null;
  const [found, limit] = [sizeText(bytes), sizeText(MAX_CSV_BYTES)];
  return {
    code: 'too-large',
    file: name,
    zh: `文件过大（${found}）：该文件须逐行解析（各行列数不一、引号或换行不规范，或手动选择了编码），逐行解析的 CSV 最多 ${limit}；请修正或按月份拆分后分别导入`,
    en: `the file is too large (${found}): it must be parsed row by row (rows of different widths, irregular quotes or line breaks, or an encoding chosen by hand), and such a CSV is limited to ${limit}; fix it or split it by month and import the parts`,
  };
}

function formatLimit(format: FileFormat): number {
  return format === 'parquet' || format === 'json' ? MAX_STRUCTURED_BYTES : MAX_SPREADSHEET_BYTES;
}
