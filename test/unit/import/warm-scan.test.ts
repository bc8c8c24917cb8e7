// The spare import worker's warm-up runs the real CSV pass over a made-up export. It must be an
// export the pass takes whole as tickets, with the facts a real export has, or the warm-up would
// exercise another path than a user's file; and it must give way at once to a real request.
import { describe, expect, it } from 'vitest';
import { prepareCsvBytes } from '$lib/import/csv-prepare';
import { madeUpExport, madeUpRows, warmCsvScan } from '$lib/import/warm-scan';

describe('the warm-up export', () => {
  it('is read by the engine path as tickets, every row scanned, its timestamps plain and its keys distinct', async () => {
    const pieces = [...madeUpExport(1_200, 500)];
    // The header, then rows 0–499, 500–999 and 1000–1199.
    expect(pieces.length).toBe(4);
    let parts = 0;
    const prepared = await prepareCsvBytes({
      name: 'w.csv',
      file: new Blob(pieces as Uint8Array<ArrayBuffer>[]),
      chunks: async function* () {
        yield* pieces;
      },
      encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
      tabSeparated: false,
      choice: { table: 'tickets' },
      onPart: () => parts++,
    });
    expect(prepared!.head.decision.mapping.table).toBe('tickets');
    // 1,200 rows below the header row.
    expect(prepared!.scan.records).toBe(1_201);
    expect(parts).toBeGreaterThan(0);
    const facts = prepared!.scan.facts!;
    // 受理时间, 派单时间, 签收时间, 办理时限, 办结时间 (file columns 1, 15–18) are plain timestamps; 退单次数 (20) a count.
    for (const column of [1, 15, 16, 17, 18]) expect(facts.plainTimestampColumns).toContain(column);
    expect(facts.plainIntegerColumns).toEqual([20]);
    expect(facts.distinctKeyColumn).toBe(0);
  });

  it('numbers its rows from where a piece begins', () => {
    expect(madeUpRows(41, 43).split('\r\n').map((line) => line.slice(0, 16))).toEqual(['HM20240000000041', 'HM20240000000042', '']);
  });
});

describe('warmCsvScan', () => {
  it('takes every piece when nothing comes, and stops at the next piece once asked', async () => {
    // 2,000 rows in pieces of 500: the header and four pieces.
    await expect(warmCsvScan(() => false, 2_000)).resolves.toBe(5);
    let asked = 0;
    await expect(warmCsvScan(() => ++asked > 2, 2_000)).resolves.toBe(2);
    await expect(warmCsvScan(() => true, 2_000)).resolves.toBe(0);
  });
});
