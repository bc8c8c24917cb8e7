// Row-level findings of an import. A rejection keeps the row out of the table; a warning loads it
// and flags it. Each code has a fixed message in both languages, so the on-screen table, the
// downloaded report and the report command say the same thing.

export type RejectionCode = 'missing-key' | 'damaged-key' | 'missing-required' | 'invalid-required' | 'too-many-cells';

export type WarningCode =
  | 'short-row'
  | 'closed-before-received'
  | 'deadline-before-received'
  | 'unknown-township'
  | 'invalid-credit-code'
  | 'duplicate-key-in-file'
  | 'invalid-value'
  | 'damaged-id'
  | 'time-zone-ignored';

export type IssueCode = RejectionCode | WarningCode;

export interface RowIssue {
  file: string;
  /** The row number Excel shows for this row. */
  row: number;
  severity: 'rejected' | 'warning';
  code: IssueCode;
  /** Canonical column, when the issue concerns one. */
  column: string | null;
  /** The header as written in the file, for the user to find the cell. */
  header: string | null;
  /** The offending value as written (empty when the cell was empty). */
  value: string;
  zh: string;
  en: string;
}

export const ISSUE_MESSAGES: Readonly<Record<IssueCode, { zh: string; en: string }>> = {
  'missing-key': { zh: '缺少编号（主键），无法导入', en: 'no key: the id is empty' },
  'damaged-key': {
    zh: '编号被表格软件改成了科学计数法（如 1.2024E+17），原编号已丢失，无法导入',
    en: 'the id was turned into scientific notation by spreadsheet software; the original id is lost',
  },
  'missing-required': { zh: '缺少必填的时间', en: 'a required timestamp is missing' },
  'invalid-required': { zh: '必填的时间无法识别', en: 'a required timestamp cannot be parsed' },
  'too-many-cells': {
    zh: '该行单元格比表头多，无法确定各列对应关系（可能内容中含未加引号的分隔符）',
    en: 'the row has more cells than the header, so its columns cannot be aligned (an unquoted delimiter in the content?)',
  },
  'short-row': { zh: '该行单元格比表头少，缺少的列按空值导入', en: 'the row has fewer cells than the header; the missing cells load as empty' },
  'closed-before-received': { zh: '办结时间早于受理时间', en: 'closed before received' },
  'deadline-before-received': { zh: '办理时限早于受理时间', en: 'deadline before received' },
  'unknown-township': { zh: '区镇名称不在区镇表中，按原文导入', en: 'unknown township; loaded as written' },
  'invalid-credit-code': { zh: '统一社会信用代码校验位不正确', en: 'the unified social credit code fails its check character' },
  'duplicate-key-in-file': { zh: '同一文件中编号重复，以后出现的一行为准', en: 'the key repeats within this file; the later row wins' },
  'invalid-value': { zh: '值无法识别，按空值导入', en: 'the value cannot be read; loaded as empty' },
  'damaged-id': {
    zh: '编号被表格软件改成了科学计数法，按原文导入',
    en: 'an id was turned into scientific notation by spreadsheet software; loaded as written',
  },
  'time-zone-ignored': {
    zh: '时间带有时区标记，已按所写的本地时间导入（忽略时区）',
    en: 'the time carried a zone marker; it was loaded as the wall-clock time written (zone ignored)',
  },
};

/** Every code that rejects its row (the rest are warnings). */
export const REJECTION_CODES: readonly RejectionCode[] = ['missing-key', 'damaged-key', 'missing-required', 'invalid-required', 'too-many-cells'];
const REJECTIONS: ReadonlySet<IssueCode> = new Set<IssueCode>(REJECTION_CODES);

export function isRejection(code: IssueCode): code is RejectionCode {
  return REJECTIONS.has(code);
}

/**
 * Warnings of every kind in a report's counts, listed or not: the lists stop at their limit
 * (100,000 each), the counts do not.
 */
export function warningCount(counts: Partial<Record<IssueCode, number>>): number {
  let n = 0;
  for (const [code, count] of Object.entries(counts) as [IssueCode, number | undefined][]) if (!isRejection(code)) n += count ?? 0;
  return n;
}
