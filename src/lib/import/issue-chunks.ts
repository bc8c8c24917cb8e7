// The validation report's issue lists on their way from the import worker to the page. Cloned as
// objects, a messy workbook's 100,000 warnings took one 311–500 ms task on the page (the message's
// deserialisation, before any of our code ran). Sent as text, a chunk of issues at a time, the
// page parses them a chunk per task; and each chunk names its strings once (the file, the codes,
// the reasons repeat on every row), which keeps the text a tenth of the issues' JSON (2.3 against
// 19.6 million characters for that workbook).
import { nextTask } from '$lib/platform/next-task';
import type { RowIssue } from './issues';
import type { ValidationReport } from './rows';

/** A report's issue lists as chunks of text (chunkOf) of at most ISSUES_PER_CHUNK issues each. */
export interface PackedIssues {
  rejected: string[];
  warnings: string[];
}

/** A chunk is rebuilt in about 2 ms (Node, the workbook above: median 1.7 ms of 50 chunks). */
const ISSUES_PER_CHUNK = 2000;

/** The text fields of an issue, in the order a chunk lists their strings' indexes (-1 for null). */
const TEXT_FIELDS = ['file', 'severity', 'code', 'column', 'header', 'value', 'zh', 'en'] as const;
const STRIDE = TEXT_FIELDS.length + 1;

/** A chunk: its distinct strings, then per issue its row and an index into them per text field. */
interface Chunk {
  strings: string[];
  fields: number[];
}

function chunkOf(issues: readonly RowIssue[]): string {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const fields: number[] = [];
  for (const issue of issues) {
    fields.push(issue.row);
    for (const name of TEXT_FIELDS) {
      const text = issue[name];
      if (text === null) {
        fields.push(-1);
        continue;
      }
      let at = index.get(text);
      if (at === undefined) index.set(text, (at = strings.push(text) - 1));
      fields.push(at);
    }
  }
  return JSON.stringify({ strings, fields } satisfies Chunk);
}

function issuesOfChunk(text: string): RowIssue[] {
  const { strings, fields } = JSON.parse(text) as Chunk;
  const out: RowIssue[] = [];
  for (let at = 0; at < fields.length; at += STRIDE) {
    const issue: Record<string, unknown> = { row: fields[at] };
    TEXT_FIELDS.forEach((name, k) => (issue[name] = fields[at + 1 + k] < 0 ? null : strings[fields[at + 1 + k]]));
    out.push(issue as unknown as RowIssue);
  }
  return out;
}

function chunks(issues: readonly RowIssue[]): string[] {
  const out: string[] = [];
  for (let at = 0; at < issues.length; at += ISSUES_PER_CHUNK) out.push(chunkOf(issues.slice(at, at + ISSUES_PER_CHUNK)));
  return out;
}

/** The report without its lists, and the lists as text (in the worker). */
export function packIssues(report: ValidationReport): { report: ValidationReport; packed: PackedIssues } {
  return { report: { ...report, rejected: [], warnings: [] }, packed: { rejected: chunks(report.rejected), warnings: chunks(report.warnings) } };
}

/** The report with its lists back, a chunk per task (on the page). */
export async function unpackIssues(report: ValidationReport, packed: PackedIssues, pause: () => Promise<void> = nextTask): Promise<ValidationReport> {
  const unpack = async (texts: readonly string[]): Promise<RowIssue[]> => {
    const out: RowIssue[] = [];
    for (const text of texts) {
      await pause();
      for (const issue of issuesOfChunk(text)) out.push(issue);
    }
    return out;
  };
  return { ...report, rejected: await unpack(packed.rejected), warnings: await unpack(packed.warnings) };
}
