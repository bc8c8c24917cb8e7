// What goes to stderr beside the report: per table the import counts, per file the rejected
// rows counted by reason and the warnings counted by kind, and a note when the figures use
// non-default settings. The reasons are the importer's own messages, in English and Chinese.
import { ISSUE_MESSAGES, isRejection, type IssueCode } from '$lib/import';
import type { FileIssues } from './importing';
import type { Report } from './run';
import { REPORT_TABLES } from './scopes';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function issueLines(file: FileIssues, rejections: boolean): string[] {
  const entries = (Object.entries(file.counts) as [IssueCode, number][])
    .filter(([code, n]) => n > 0 && isRejection(code) === rejections)
    // Most frequent first: the reason that matters most leads.
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return entries.map(([code, n]) => `    ${String(n).padStart(7)} × ${ISSUE_MESSAGES[code].en} (${ISSUE_MESSAGES[code].zh})`);
}

export function stderrSummary(report: Report): string {
  const lines: string[] = [];
  for (const table of REPORT_TABLES) {
    const counts = report.import[table];
    if (!counts) continue;
    const asOf = report.scopes[table]?.asOf;
    lines.push(
      `${table}: ${plural(counts.files, 'file')}, ${counts.rows_read} rows read, ${counts.rows_loaded} loaded, ` +
        `${counts.rows_rejected} rejected, ${counts.duplicates_replaced} duplicates replaced` +
        (asOf ? `; as-of ${asOf}` : ''),
    );
    for (const file of report.fileIssues[table] ?? []) {
      if (file.sheet !== null) lines.push(`  ${file.file}: read sheet "${file.sheet}" (工作表)`);
      const rejected = issueLines(file, true);
      const warnings = issueLines(file, false);
      if (rejected.length) lines.push(`  ${file.file}: rejected rows by reason (未导入的行):`, ...rejected);
      if (warnings.length) lines.push(`  ${file.file}: warnings, rows loaded (已导入但有提示):`, ...warnings);
      if (file.csvIssues > 0) lines.push(`  ${file.file}: ${plural(file.csvIssues, 'malformed CSV line')} read as well as possible (CSV 格式不规范)`);
    }
  }
  if (report.nonDefaultSettings.length > 0) {
    lines.push(`note: figures use non-default settings (非默认口径): ${report.nonDefaultSettings.join(', ')}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
