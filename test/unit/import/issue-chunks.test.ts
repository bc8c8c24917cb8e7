import { describe, expect, it } from 'vitest';
import { packIssues, unpackIssues } from '$lib/import/issue-chunks';
import type { RowIssue } from '$lib/import/issues';
import type { ValidationReport } from '$lib/import/rows';

const issue = (row: number, severity: RowIssue['severity']): RowIssue => ({
  file: '三月.xlsx',
  row,
  severity,
  code: severity === 'rejected' ? 'missing-key' : 'unknown-township',
  column: severity === 'rejected' ? 'ticket_id' : 'township',
  header: severity === 'rejected' ? null : '所属区镇',
  value: `新开${row % 50}镇`,
  zh: '区镇名称不在区镇表中，按原文导入',
  en: 'unknown township; loaded as written',
});

function report(rejected: number, warnings: number): ValidationReport {
  return {
    file: '三月.xlsx',
    table: 'tickets',
    rowsRead: 5000,
    rowsRejected: rejected,
    rowsLoaded: 5000 - rejected,
    duplicatesInFile: 0,
    blankRows: 0,
    rejected: Array.from({ length: rejected }, (_, i) => issue(i + 2, 'rejected')),
    warnings: Array.from({ length: warnings }, (_, i) => issue(i + 2, 'warning')),
    counts: { 'missing-key': rejected, 'unknown-township': warnings },
    truncated: false,
  };
}

describe('packIssues / unpackIssues', () => {
  it('send the lists as chunks of 2,000 issues of text and give back the same report', async () => {
    const original = report(3, 4500);
    const { report: bare, packed } = packIssues(original);
    expect(bare.rejected).toEqual([]);
    expect(bare.warnings).toEqual([]);
    expect(bare.counts).toEqual(original.counts);
    // 4,500 warnings: 2,000 + 2,000 + 500; 3 rejections: one chunk.
    // Per issue its row and eight string indexes; each string once per chunk.
    expect(packed.warnings.map((t) => (JSON.parse(t) as { fields: number[] }).fields.length / 9)).toEqual([2000, 2000, 500]);
    const first = JSON.parse(packed.warnings[0]) as { strings: string[]; fields: number[] };
    expect(first.strings.filter((t) => t === '三月.xlsx')).toHaveLength(1);
    expect(first.fields.slice(0, 9)).toEqual([2, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(packed.rejected).toHaveLength(1);
    let pauses = 0;
    const back = await unpackIssues(bare, packed, async () => {
      pauses++;
    });
    expect(back).toEqual(original);
    expect(pauses).toBe(4);
  });

  it('keeps a missing column and header as null', async () => {
    const original = report(2, 0);
    const { report: bare, packed } = packIssues(original);
    const back = await unpackIssues(bare, packed);
    expect(back.rejected[1]).toEqual({ ...issue(3, 'rejected'), header: null });
    expect(back.rejected[1].header).toBeNull();
  });

  it('a report without issues packs to no chunks', async () => {
    const { report: bare, packed } = packIssues(report(0, 0));
    expect(packed).toEqual({ rejected: [], warnings: [] });
    expect(await unpackIssues(bare, packed)).toEqual(report(0, 0));
  });
});
