// Which files the page sends to the engine path's worker step: only a big CSV. Anything else goes
// straight to the parse, so the ready worker is not spent on a step that would say no.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { wantsCsvPreparation } from '$lib/data/import-client';

const fixture = (name: string) => new File([readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url))], name);

describe('wantsCsvPreparation', () => {
  it('takes a CSV at or above the engine path size', async () => {
    const csv = fixture('month-04.csv');
    expect(await wantsCsvPreparation(csv, { engineMinBytes: csv.size })).toBe(true);
    expect(await wantsCsvPreparation(csv, { engineMinBytes: csv.size + 1 })).toBe(false);
  });
  it('leaves a workbook, an HTML table named .xls, or a CSV with its encoding forced to the parse', async () => {
    for (const name of ['merged-headers.xlsx', 'html-table.xls', 'legacy.xls']) expect(await wantsCsvPreparation(fixture(name), { engineMinBytes: 0 })).toBe(false);
    expect(await wantsCsvPreparation(fixture('gbk-title.csv'), { engineMinBytes: 0, encoding: 'gb18030' })).toBe(false);
  });
  it('decides by the bytes, not the name: a CSV saved as .xls is still a CSV', async () => {
    const renamed = new File([readFileSync(new URL('../../fixtures/import/month-04.csv', import.meta.url))], 'month-04.xls');
    expect(await wantsCsvPreparation(renamed, { engineMinBytes: 0 })).toBe(true);
  });
});
