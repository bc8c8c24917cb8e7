// The validation report as a file the user can open in Excel, through the one sheet writer: the
// same guard as every export, and the reported values masked by the column they came from (a
// rejected row's complaint text or phone number is personal data like any other).
import type { RowIssue, ValidationReport } from '$lib/import';
import { rowsSheet, type Sheet } from '$lib/export';
import { maskCell, personalKindOf } from '$lib/privacy';

export type ReportLanguage = 'zh' | 'en';

const HEADERS: Record<ReportLanguage, [string, string, string, string, string, string]> = {
  zh: ['文件', 'Excel 行号', '类型', '列', '值', '原因'],
  en: ['File', 'Excel row', 'Kind', 'Column', 'Value', 'Reason'],
};

/** An issue's value as the report shows it: masked by its column's kind, else scanned as free text. */
export function reportedValue(issue: RowIssue): string {
  return maskCell({ name: issue.column ?? 'value', pii: issue.column ? personalKindOf(issue.column) : null }, issue.value, true);
}

/** Issues of the reports as the report lists them (each file's rejections, then its warnings). */
function* reportIssues(reports: readonly ValidationReport[]): Generator<RowIssue> {
  for (const r of reports) {
    yield* r.rejected;
    yield* r.warnings;
  }
}

/**
 * The first `count` issues as the report lists them, without copying the lists: a report holds up
 * to 100,000 of each kind, and copying them all for the page's first rows was most of a 57–92 ms
 * task as a messy import's report appeared.
 */
export function firstIssues(reports: readonly ValidationReport[], count: number): RowIssue[] {
  const out: RowIssue[] = [];
  if (count <= 0) return out;
  for (const issue of reportIssues(reports)) {
    out.push(issue);
    if (out.length === count) break;
  }
  return out;
}

/** How many issues the reports list (each list stops at its cap; the counts say how many were found). */
export function listedIssues(reports: readonly ValidationReport[]): number {
  return reports.reduce((n, r) => n + r.rejected.length + r.warnings.length, 0);
}

export function reportSheet(reports: readonly ValidationReport[], lang: ReportLanguage): Sheet {
  const issues = [...reportIssues(reports)];
  const kind = (i: RowIssue) => (i.severity === 'rejected' ? (lang === 'zh' ? '拒绝' : 'rejected') : lang === 'zh' ? '警告' : 'warning');
  const [file, row, severity, column, value, reason] = HEADERS[lang];
  return rowsSheet<RowIssue>(
    'report',
    [
      { label: file, name: 'file', type: 'text', width: 28, value: (i) => i.file },
      { label: row, name: 'row', type: 'number', width: 10, value: (i) => i.row },
      { label: severity, name: 'kind', type: 'text', width: 8, value: kind },
      { label: column, name: 'column', type: 'text', width: 16, value: (i) => i.header ?? i.column ?? '' },
      { label: value, name: 'value', type: 'text', width: 24, value: reportedValue },
      { label: reason, name: 'reason', type: 'text', width: 60, value: (i) => (lang === 'zh' ? i.zh : i.en) },
    ],
    issues,
  );
}
