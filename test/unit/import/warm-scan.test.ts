// The spare import worker's warm-up runs the real pass over a made-up export: it must be a ticket
// export the pass takes whole (mapped, every row scanned, its timestamps plain), or the warm-up
// would exercise a different path than a user's file.
import { describe, expect, it } from 'vitest';
import { prepareCsvBytes } from '$lib/import/csv-prepare';
import { madeUpExport, warmCsvScan } from '$lib/import/warm-scan';

describe('warmCsvScan', () => {
  it('makes an export the engine path takes as tickets, with the facts a real export has', async () => {
    const bytes = madeUpExport(500);
    let parts = 0;
    const prepared = await prepareCsvBytes({
      name: 'w.csv',
      file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      chunks: async function* () {
        yield bytes;
      },
      encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
      tabSeparated: false,
      choice: { table: 'tickets' },
      onPart: () => parts++,
    });
    expect(prepared!.head.decision.mapping.table).toBe('tickets');
    expect(prepared!.scan.records).toBe(501);
    expect(parts).toBeGreaterThan(0);
    const facts = prepared!.scan.facts!;
    // 受理时间, 派单时间, 签收时间, 办理时限, 办结时间 (columns 1, 15–18) plain; 退单次数 (20) a count; keys distinct.
    for (const column of [1, 15, 16, 17, 18]) expect(facts.plainTimestampColumns).toContain(column);
    expect(facts.plainIntegerColumns).toEqual([20]);
    expect(facts.distinctKeyColumn).toBe(0);
    await expect(warmCsvScan(200)).resolves.toBeUndefined();
  });
});
