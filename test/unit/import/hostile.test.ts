// Hostile files end in a typed refusal that names the limit and the number found, quickly, and
// before any reader walks what they claim. The numbers are worked out by hand from how each file
// is built (test/support/hostile-files.ts).
import { describe, expect, it } from 'vitest';
import { ImportError, parseImport } from '$lib/import';
import { planCsvHead, readPlanOf } from '$lib/import/engine-csv';
import { scanCsvBytes } from '$lib/import/csv-scan';
import { MAX_CELL_CHARS } from '$lib/import/limits';
import { checkSpreadsheetDeclarations, openWorkbook, rangeSize } from '$lib/import/sheets';
import { readEntryHead, readZipDirectory } from '$lib/import/zip-directory';
import { damagedXlsx, honestXlsx, hugeDimensionXlsx, longCellCsv, lyingZipBombXlsx, wideCsv, zipBombXlsx } from '../../support/hostile-files';

async function refusal(name: string, bytes: Uint8Array): Promise<{ error: ImportError; ms: number }> {
  const t0 = performance.now();
  const error = await parseImport({ name, bytes }).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(error).toBeInstanceOf(ImportError);
  return { error: error as ImportError, ms };
}

describe('range sizes', () => {
  it.each([
    ['A1', 1, 1],
    ['A1:B2', 2, 2],
    ['B3:D10', 8, 3],
    ['A1:XFD1048576', 1_048_576, 16_384],
    ['$A$1:$Z$100', 100, 26],
    ['AA1:AZ1', 1, 26],
  ])('%s spans %i rows × %i columns', (ref, rows, columns) => {
    expect(rangeSize(ref)).toEqual({ rows, columns });
  });
  it('is null for what is not a range', () => {
    expect(rangeSize('sheet!A1')).toBeNull();
    expect(rangeSize('')).toBeNull();
  });
});

describe('the zip directory, read without inflating', () => {
  it('lists the entries with their declared sizes', () => {
    const entries = readZipDirectory(zipBombXlsx(2, 3))!;
    expect(entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    const padding = entries.filter((e) => e.name.startsWith('xl/media/'));
    expect(padding.map((e) => e.uncompressedSize)).toEqual([3 * 1024 * 1024, 3 * 1024 * 1024]);
    // Blank space deflates at least a hundredfold.
    for (const e of padding) expect(e.compressedSize).toBeLessThan(e.uncompressedSize / 100);
  });
  it('is null for a truncated zip or no zip at all', () => {
    const bytes = honestXlsx();
    expect(readZipDirectory(bytes.subarray(0, bytes.length - 30))).toBeNull();
    expect(readZipDirectory(new TextEncoder().encode('工单编号,受理时间\n'))).toBeNull();
  });
  it('inflates only the head of an entry', async () => {
    const bytes = zipBombXlsx(1, 8);
    const entry = readZipDirectory(bytes)!.find((e) => e.name === 'xl/media/padding1.bin')!;
    const head = await readEntryHead(bytes, entry, 1000);
    expect(head?.length).toBe(1000);
    expect(head?.every((b) => b === 0x20)).toBe(true);
  });
});

describe('hostile spreadsheets are refused before SheetJS reads a sheet', () => {
  it('a zip bomb: 6 × 100 MB declared = 600 MiB, over 512 MB', async () => {
    const { error, ms } = await refusal('bomb.xlsx', zipBombXlsx(6, 100));
    expect(error.code).toBe('spreadsheet-too-large');
    // 6 × 100 MiB plus a few kB of XML: 601 MB rounded up.
    expect(error.zh).toContain('601 MB');
    expect(error.zh).toContain('512 MB');
    expect(ms).toBeLessThan(10_000);
  });
  it('a sheet declaring A1:XFD1048576: 17,179,869,184 cells', async () => {
    const { error, ms } = await refusal('dimension.xlsx', hugeDimensionXlsx());
    expect(error.code).toBe('spreadsheet-too-large');
    expect(error.zh).toContain('A1:XFD1048576');
    expect(error.zh).toContain('17,179,869,184');
    expect(error.zh).toContain('50,000,000');
    expect(ms).toBeLessThan(10_000);
  });
  it('the declarations check alone refuses both, and passes an honest file', async () => {
    await expect(checkSpreadsheetDeclarations('d.xlsx', hugeDimensionXlsx(), 'xlsx')).rejects.toMatchObject({ code: 'spreadsheet-too-large' });
    await expect(checkSpreadsheetDeclarations('b.xlsx', zipBombXlsx(6, 100), 'xlsx')).rejects.toMatchObject({ code: 'spreadsheet-too-large' });
    await expect(checkSpreadsheetDeclarations('h.xlsx', honestXlsx(), 'xlsx')).resolves.toBeUndefined();
  });
  it('a zip bomb that declares 1 kB for 600 MB of blank space is found by inflating, and stops at the lie', async () => {
    const bytes = lyingZipBombXlsx(600);
    expect(readZipDirectory(bytes)!.reduce((sum, e) => sum + e.uncompressedSize, 0)).toBeLessThan(10_000);
    const { error, ms } = await refusal('lying.xlsx', bytes);
    expect(error.code).toBe('corrupt-spreadsheet');
    expect(ms).toBeLessThan(10_000);
  });
  it('one flipped byte in the sheet\'s deflate stream is refused as damaged before SheetJS sees it', async () => {
    const { error, ms } = await refusal('damaged.xlsx', damagedXlsx());
    expect(error.code).toBe('corrupt-spreadsheet');
    expect(error.zh).toContain('已损坏');
    expect(ms).toBeLessThan(10_000);
  });
  it('openWorkbook refuses the found range too, for callers that skip the declarations check', () => {
    expect(() => openWorkbook('dimension.xlsx', hugeDimensionXlsx(), 'xlsx').readSheet()).toThrow(/A1:XFD1048576/);
  });
  it('the honest control loads its one row', async () => {
    const parsed = await parseImport({ name: 'honest.xlsx', bytes: honestXlsx() });
    expect(parsed.table).toBe('tickets');
    expect(parsed.report.rowsLoaded).toBe(1);
  });
});

describe('hostile CSVs', () => {
  it('100,000 columns', async () => {
    const { error, ms } = await refusal('wide.csv', wideCsv(100_000));
    expect(error.code).toBe('too-many-columns');
    expect(error.zh).toContain('100,000');
    expect(error.zh).toContain('1,000');
    expect(ms).toBeLessThan(10_000);
  });
  it('1,000 columns are still taken; 1,001 are not', async () => {
    await expect(parseImport({ name: 'w.csv', bytes: wideCsv(1000) })).resolves.toMatchObject({ table: 'tickets' });
    await expect(parseImport({ name: 'w.csv', bytes: wideCsv(1001) })).rejects.toMatchObject({ code: 'too-many-columns' });
  });
  it('a cell of 5 MB: 5,242,880 characters in row 3', async () => {
    const { error, ms } = await refusal('long.csv', longCellCsv(5));
    expect(error.code).toBe('cell-too-long');
    expect(error.zh).toContain('第 3 行');
    expect(error.zh).toContain('5,242,880');
    expect(error.zh).toContain('1,000,000');
    expect(ms).toBeLessThan(10_000);
  });
  it('the engine path refuses both from its head, as the JavaScript path does', () => {
    expect(() => planCsvHead(wideCsv(100_000), true, false, 'wide.csv', {})).toThrow(/100,000/);
    expect(() => planCsvHead(longCellCsv(2), true, false, 'long.csv', {})).toThrow(/2,097,152/);
  });
  it('a record longer than the cell limit past the head never takes the engine path', () => {
    const small = new TextEncoder().encode('工单编号,受理时间\nT1,2024-01-02 09:00:00\n');
    const head = planCsvHead(small, true, false, 'small.csv', {})!;
    expect(readPlanOf(head, scanCsvBytes(small, ','), 'f.csv')).not.toBeNull();
    const long = new TextEncoder().encode(`工单编号,受理时间\nT1,${'x'.repeat(MAX_CELL_CHARS + 10)}\n`);
    const scan = scanCsvBytes(long, ',');
    // "T1," is 3 bytes before the long cell.
    expect(scan.longestRecordBytes).toBe(3 + MAX_CELL_CHARS + 10);
    expect(readPlanOf(head, scan, 'f.csv')).toBeNull();
  });
});
