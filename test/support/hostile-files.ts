// Hostile files for the importer's limits, built by hand so each one is exactly what it claims:
// a zip written byte by byte (no zip library deciding for us), a genuine zip bomb (entries of
// blank space that deflate a thousandfold), a sheet declaring A1:XFD1048576, a 100,000-column CSV
// and a CSV with one cell of several megabytes.
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface RawEntry {
  name: string;
  /** Deflated bytes (method 8). */
  data: Uint8Array;
  crc: number;
  size: number;
}

function entryOf(name: string, content: Uint8Array): RawEntry {
  return { name, data: deflateRawSync(content), crc: crc32(content), size: content.length };
}

/**
 * An entry of `megabytes` MiB of blank space. Its deflate stream is one MiB deflated with a full
 * flush (no back-reference reaches across it), repeated, then the final empty block: the same
 * stream rules and the same inflated bytes as deflating the whole at once, without spending
 * seconds (a minute on the loaded test machine) deflating hundreds of MiB for every test run.
 */
function blankEntry(name: string, megabytes: number): RawEntry {
  const mebibyte = Buffer.alloc(1024 * 1024, 0x20);
  const block = deflateRawSync(mebibyte, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(mebibyte, crc);
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
  return { name, data, crc, size: megabytes * 1024 * 1024 };
}

/** A ZIP (APPNOTE §4.3) of deflated entries. */
export function zipOf(entries: readonly RawEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf-8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(e.crc >>> 0, 16);
    head.writeUInt32LE(e.data.length, 20);
    head.writeUInt32LE(e.size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.data));
    central.push(head, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

const text = (s: string) => Buffer.from(s, 'utf-8');

/** The smallest XLSX Excel and SheetJS open: one sheet, the given sheet XML. */
function xlsxWith(sheetXml: string, extra: RawEntry[] = []): Uint8Array {
  return zipOf([
    entryOf(
      '[Content_Types].xml',
      text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    ),
    entryOf(
      '_rels/.rels',
      text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    ),
    entryOf(
      'xl/workbook.xml',
      text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    ),
    entryOf(
      'xl/_rels/workbook.xml.rels',
      text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    ),
    entryOf('xl/worksheets/sheet1.xml', text(sheetXml)),
    ...extra,
  ]);
}

function sheetXml(dimension: string): string {
  const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="${dimension}"/><sheetData>` +
    `<row r="1">${cell('A1', '工单编号')}${cell('B1', '受理时间')}</row>` +
    `<row r="2">${cell('A2', 'T1')}${cell('B2', '2024-01-02 09:00:00')}</row>` +
    '</sheetData></worksheet>'
  );
}

/** A two-cell sheet whose <dimension> claims every cell Excel has: 17,179,869,184 of them. */
export function hugeDimensionXlsx(): Uint8Array {
  return xlsxWith(sheetXml('A1:XFD1048576'));
}

/** A small, honest XLSX of the same shape (the control). */
export function honestXlsx(): Uint8Array {
  return xlsxWith(sheetXml('A1:B2'));
}

/**
 * A zip bomb: besides the sheet, `copies` entries of `megabytes` MB of blank space each, which
 * deflate about a thousandfold. The deflated bytes are made once and repeated.
 */
export function zipBombXlsx(copies = 6, megabytes = 100): Uint8Array {
  const one = blankEntry('x', megabytes);
  const padding = Array.from({ length: copies }, (_, i) => ({ ...one, name: `xl/media/padding${i + 1}.bin` }));
  return xlsxWith(sheetXml('A1:B2'), padding);
}

/**
 * A zip bomb that lies: an entry of `megabytes` MB of blank space that declares 1 kB, so the
 * directory's total passes the declared-size limit and only inflating finds the truth.
 */
export function lyingZipBombXlsx(megabytes = 600): Uint8Array {
  const honest = blankEntry('xl/media/padding.bin', megabytes);
  return xlsxWith(sheetXml('A1:B2'), [{ ...honest, size: 1024 }]);
}

/** The honest control with one byte of its sheet's deflated data flipped. */
export function damagedXlsx(): Uint8Array {
  const bytes = honestXlsx();
  const sheet = Buffer.from('xl/worksheets/sheet1.xml');
  // The sheet's local header: signature, then its name at offset 30; its data follows the name.
  const at = Buffer.from(bytes).indexOf(sheet);
  const dataStart = at + sheet.length;
  bytes[dataStart + 20] ^= 0xff;
  return bytes;
}

/** A CSV whose header row has `columns` columns (a ticket id and a time among them). */
export function wideCsv(columns = 100_000): Uint8Array {
  const header = ['工单编号', '受理时间', ...Array.from({ length: columns - 2 }, (_, i) => `列${i + 3}`)];
  const row = ['T1', '2024-01-02 09:00:00', ...Array.from({ length: columns - 2 }, () => '')];
  return text(`${header.join(',')}\n${row.join(',')}\n`);
}

/** A ticket CSV whose second row holds one cell of `megabytes` MB. */
export function longCellCsv(megabytes = 5): Uint8Array {
  const long = 'x'.repeat(megabytes * 1024 * 1024);
  return text(`工单编号,受理时间,诉求内容\nT1,2024-01-02 09:00:00,正常\nT2,2024-01-02 10:00:00,${long}\n`);
}
