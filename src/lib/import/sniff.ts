// What kind of file this is, decided from its first bytes and, only where bytes cannot tell, its
// name. Government systems rename freely (an HTML table saved as .xls, a screenshot saved as
// .csv), so the extension is a hint, never the answer.
import { ImportError } from './errors';

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'html' | 'parquet' | 'json';

export interface SniffResult {
  format: FileFormat;
  /** Tab-separated by name; the delimiter is still sniffed from the text. */
  tabSeparated: boolean;
}

/** How many leading bytes sniffing looks at; callers of the streaming path read at least this. */
export const SNIFF_BYTES = 4096;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const IMAGE_SIGNATURES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x42, 0x4d], // BMP — two bytes only, so it is checked together with the control-byte test below
  [0x49, 0x49, 0x2a, 0x00], // TIFF little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF big-endian
];

/** Text after skipping a UTF-8 BOM and leading whitespace, lower-cased: enough to spot markup. */
function leadingText(bytes: Uint8Array): string {
  let start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  // Latin-1 is enough here: we only look for ASCII markup.
  let text = '';
  const end = Math.min(bytes.length, start + 1024);
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text.toLowerCase();
}

/**
 * Share of bytes that no text encoding we accept would produce (C0 controls other than tab,
 * newlines, form feed and escape). Text exports have none or a stray few; binaries have many.
 */
function controlByteShare(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  if (end === 0) return 0;
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  return controls / end;
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/**
 * Decide the format from the first bytes (at least SNIFF_BYTES of them when the file has that
 * many) and the name; throws an ImportError for files that are not tabular exports.
 */
export function sniffFormat(name: string, head: Uint8Array, totalSize = head.length): SniffResult {
  const ext = extension(name);
  const tabSeparated = ext === 'tsv' || ext === 'tab';
  if (totalSize === 0 || head.length === 0) {
    throw new ImportError('empty-file', '文件是空的，没有任何内容', 'the file is empty', name);
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return { format: 'xlsx', tabSeparated };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { format: 'xls', tabSeparated };
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { format: 'parquet', tabSeparated };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError('pdf-file', '这是 PDF 文件，不是表格导出；请导出为 CSV 或 Excel 后再导入', 'this is a PDF, not a table export', name);
  }
  if (startsWith(head, [0x1f, 0x8b]) || startsWith(head, [0x28, 0xb5, 0x2f, 0xfd]) || startsWith(head, [0x42, 0x5a, 0x68]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) {
    throw new ImportError('compressed-file', '这是压缩文件（gzip/zstd/7z 等）；请先解压再导入', 'this is a compressed archive; unpack it first', name);
  }
  const controls = controlByteShare(head);
  for (const signature of IMAGE_SIGNATURES) {
    if (startsWith(head, signature) && (signature.length > 2 || controls > 0.01)) {
      throw new ImportError('image-file', '这是图片文件，不是表格导出（扩展名被改过）', 'this is an image, not a table export (renamed)', name);
    }
  }
  if (!isUtf16Bom(head)) {
    const text = leadingText(head);
    if (text.startsWith('<')) {
      // Excel-named HTML tables and SpreadsheetML 2003 both go to the spreadsheet reader.
      if (/<(html|table|!doctype html|meta|head|body|\?xml|workbook)/.test(text)) return { format: 'html', tabSeparated };
    }
    if ((text.startsWith('[') || text.startsWith('{')) && (ext === 'json' || ext === 'ndjson' || ext === 'jsonl' || /^[[{]\s*[{"[\]]/.test(text))) {
      return { format: 'json', tabSeparated };
    }
    // A third of the opening bytes being control characters is no text export in any encoding.
    if (controls > 0.3) {
      throw new ImportError('binary-file', '这不是文本或表格文件（含大量二进制内容），无法导入', 'this is a binary file, not a table export', name);
    }
  }
  return { format: 'csv', tabSeparated };
}
