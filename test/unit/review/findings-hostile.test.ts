// The findings import meets the importer's limits before SheetJS reads a sheet: a truncated
// workbook, a zip bomb and a 17-billion-cell dimension are refused with the number, quickly.
import { describe, expect, it } from 'vitest';
import { FindingsFileError, findingsToXlsx, readFindingsFile } from '$lib/review';
import { hugeDimensionXlsx, zipBombXlsx } from '../../support/hostile-files';

async function problemOf(bytes: Uint8Array): Promise<{ problem: string; zh: string; ms: number }> {
  const t0 = performance.now();
  try {
    await readFindingsFile(bytes);
    return { problem: 'accepted', zh: '', ms: performance.now() - t0 };
  } catch (e) {
    if (!(e instanceof FindingsFileError)) throw e;
    return { problem: e.problem, zh: e.detail?.zh ?? '', ms: performance.now() - t0 };
  }
}

describe('hostile findings workbooks', () => {
  it('a truncated workbook is unreadable (SheetJS never sees it)', async () => {
    const good = await findingsToXlsx([]);
    expect((await problemOf(good)).problem).toBe('accepted');
    expect((await problemOf(good.subarray(0, good.length - 40))).problem).toBe('unreadable');
  });
  it('a zip bomb is refused with the declared size and the limit', async () => {
    const { problem, zh, ms } = await problemOf(zipBombXlsx(6, 100));
    expect(problem).toBe('limits');
    expect(zh).toContain('601 MB');
    expect(zh).toContain('512 MB');
    expect(ms).toBeLessThan(10_000);
  });
  it('a sheet declaring A1:XFD1048576 is refused with its cell count', async () => {
    const { problem, zh, ms } = await problemOf(hugeDimensionXlsx());
    expect(problem).toBe('limits');
    expect(zh).toContain('17,179,869,184');
    expect(ms).toBeLessThan(10_000);
  });
});
