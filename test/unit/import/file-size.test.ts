// The size limits: the larger CSV limit only for UTF-8 into an empty table, the copy's otherwise,
// and every refusal naming the size found and the limit.
import { describe, expect, it } from 'vitest';
import { copyRefusal, csvLimit, rowByRowRefusal, MAX_CSV_BYTES, MAX_CSV_BYTES_INTO_EMPTY, MAX_SPREADSHEET_BYTES, sizeRefusal, sizeText } from '$lib/import/file-size';
import { isOutOfMemory, outOfMemory } from '$lib/import/errors';

const GiB = 1024 ** 3;

describe('csvLimit', () => {
  it('is 1.9 GiB for UTF-8 into an empty table and 1.5 GiB otherwise', () => {
    expect(csvLimit(true, true)).toBe(1.9 * GiB);
    expect(csvLimit(true, false)).toBe(1.5 * GiB);
    expect(csvLimit(false, true)).toBe(1.5 * GiB);
    expect(csvLimit(false, false)).toBe(1.5 * GiB);
  });
});

describe('sizeText', () => {
  it('gives GB with one decimal from a GiB up, MB below', () => {
    expect(sizeText(1.5 * GiB)).toBe('1.5 GB');
    expect(sizeText(2_000_000_000)).toBe('1.9 GB');
    expect(sizeText(150 * 1024 ** 2)).toBe('150 MB');
  });
});

describe('sizeRefusal', () => {
  it('takes a CSV up to the limit it is given, the larger one unless told', () => {
    expect(sizeRefusal('big.csv', MAX_CSV_BYTES_INTO_EMPTY, 'csv')).toBeNull();
    expect(sizeRefusal('big.csv', MAX_CSV_BYTES + 1, 'csv')).toBeNull();
    expect(sizeRefusal('big.csv', MAX_CSV_BYTES, 'csv', MAX_CSV_BYTES)).toBeNull();
  });

  it('refuses a CSV past it, naming its size and both limits', () => {
    const refused = sizeRefusal('big.csv', 2 * GiB, 'csv');
    expect(refused).toMatchObject({ code: 'too-large', file: 'big.csv' });
    expect(refused!.zh).toMatch(/^文件过大（2\.0 GB）：.*空表.*最多 1\.9 GB.*最多 1\.5 GB/);
    expect(refused!.en).toContain('limited to 1.9 GB into an empty table');
    const appended = sizeRefusal('month.csv', 1.6 * GiB, 'csv', MAX_CSV_BYTES);
    expect(appended!.zh).toMatch(/^文件过大（1\.6 GB）/);
  });

  it('refuses a spreadsheet over its own limit', () => {
    expect(sizeRefusal('big.xlsx', MAX_SPREADSHEET_BYTES, 'xlsx')).toBeNull();
    const refused = sizeRefusal('big.xlsx', MAX_SPREADSHEET_BYTES + 1, 'xlsx');
    expect(refused?.code).toBe('too-large');
    expect(refused?.en).toContain('limited to 150 MB');
    expect(refused?.zh).toContain('XLSX 文件最多 150 MB');
  });
});

describe('copyRefusal', () => {
  it('lets a file up to the copy limit be copied, and a bigger one only in place', () => {
    expect(copyRefusal('a.csv', MAX_CSV_BYTES, false)).toBeNull();
    expect(copyRefusal('a.csv', 1.8 * GiB, true)).toBeNull();
    const refused = copyRefusal('a.csv', 1.8 * GiB, false);
    expect(refused).toMatchObject({ code: 'too-large', file: 'a.csv' });
    expect(refused!.zh).toMatch(/^文件过大（1\.8 GB）：超过 1\.5 GB 的 CSV/);
  });
});

describe('rowByRowRefusal', () => {
  it("keeps the copy's limit for a CSV the worker parses row by row, and says why", () => {
    expect(rowByRowRefusal('r.csv', MAX_CSV_BYTES)).toBeNull();
    const refused = rowByRowRefusal('r.csv', 1.7 * GiB);
    expect(refused).toMatchObject({ code: 'too-large', file: 'r.csv' });
    expect(refused!.zh).toMatch(/^文件过大（1\.7 GB）：该文件须逐行解析.*最多 1\.5 GB/);
    expect(refused!.en).toContain('limited to 1.5 GB');
  });
});

describe('isOutOfMemory', () => {
  it("recognises DuckDB's out-of-memory error, and nothing else", () => {
    expect(isOutOfMemory(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)'))).toBe(true);
    expect(isOutOfMemory(new Error('Conversion Error: could not convert'))).toBe(false);
    expect(isOutOfMemory('Out of Memory Error: failed to allocate')).toBe(true);
    expect(outOfMemory('x.csv')).toMatchObject({ code: 'too-large', file: 'x.csv' });
  });
});
