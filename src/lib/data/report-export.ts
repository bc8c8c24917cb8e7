// The validation report as a file the user can open in Excel: CSV with a UTF-8 BOM (without it,
// Chinese Excel reads the text as GBK and shows mojibake) and XLSX.
import { officeLibraries } from '$lib/platform/office';
import type { RowIssue, ValidationReport } from '$lib/import';

export type ReportLanguage = 'zh' | 'en';

const HEADERS: Record<ReportLanguage, string[]> = {
  zh: ['文件', 'Excel 行号', '类型', '列', '值', '原因'],
  en: ['File', 'Excel row', 'Kind', 'Column', 'Value', 'Reason'],
};

export function reportRows(reports: readonly ValidationReport[], lang: ReportLanguage): string[][] {
  const kind = (i: RowIssue) => (i.severity === 'rejected' ? (lang === 'zh' ? '拒绝' : 'rejected') : lang === 'zh' ? '警告' : 'warning');
  const rows: string[][] = [HEADERS[lang]];
  for (const report of reports) {
    for (const issue of [...report.rejected, ...report.warnings]) {
      rows.push([issue.file, String(issue.row), kind(issue), issue.header ?? issue.column ?? '', issue.value, lang === 'zh' ? issue.zh : issue.en]);
    }
  }
  return rows;
}

function csvCell(value: string): string {
  // Quote anything Excel could misread; a leading = + - @ would run as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(rows: readonly string[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function reportXlsx(rows: readonly string[][]): Promise<Uint8Array> {
  const { XLSX } = await officeLibraries();
  const book = XLSX.utils.book_new();
  // Every cell as text, so ids and values stay as written.
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((v) => ({ t: 's', v }))));
  sheet['!cols'] = [{ wch: 28 }, { wch: 10 }, { wch: 8 }, { wch: 16 }, { wch: 24 }, { wch: 60 }];
  XLSX.utils.book_append_sheet(book, sheet, 'report');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** Save bytes through a temporary link: works from file:// (a blob: URL the page made itself). */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
