// On-site findings (核查结论) recorded for key tickets: the model, its validation and the merge
// rule used when a findings file from another machine is imported. A finding belongs to one
// ticket in one area's quarter: the same ticket reviewed again in a later quarter is another
// finding.
import { isIsoDate } from '$lib/filters';
import { parseQuarter, formatQuarter } from './quarter';

export const VERDICTS = ['属实', '部分属实', '不属实'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RECTIFICATION_STATES = ['未整改', '整改中', '已整改', '无需整改'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export interface Finding {
  ticketId: string;
  township: string;
  /** '2024Q1' */
  quarter: string;
  /** '' while not decided. */
  verdict: Verdict | '';
  rectification: RectificationState | '';
  responsibleUnit: string;
  /** 'YYYY-MM-DD' or ''. */
  dueDate: string;
  note: string;
  /** ISO time of the last change: decides which side wins when an import disagrees. */
  updatedAt: string;
}

export type FindingKey = string;

export function findingKey(f: Pick<Finding, 'ticketId' | 'township' | 'quarter'>): FindingKey {
  return [f.quarter, f.township, f.ticketId].map(encodeURIComponent).join('|');
}

export function emptyFinding(ticketId: string, township: string, quarter: string): Finding {
  return { ticketId, township, quarter, verdict: '', rectification: '', responsibleUnit: '', dueDate: '', note: '', updatedAt: '' };
}

/** True when nothing has been recorded: such a finding is not worth storing or exporting. */
export function isBlankFinding(f: Finding): boolean {
  return !f.verdict && !f.rectification && !f.responsibleUnit.trim() && !f.dueDate && !f.note.trim();
}

const MAX_TEXT = 4000;

/** Why a raw record is not a finding; `field` names the offending field. */
export interface FindingProblem {
  field: keyof Finding | 'record';
  reason: 'missing' | 'invalid' | 'too-long';
  value?: string;
}

/**
 * A finding from an untrusted record (IndexedDB, a JSON or XLSX file), or the problems that keep
 * it from being one. Text is trimmed; a verdict or state outside the lists, a date that is not a
 * real YYYY-MM-DD, a malformed quarter or a missing ticket id / area refuse the record.
 */
export function parseFinding(raw: unknown): { finding: Finding; problems: [] } | { finding: null; problems: FindingProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { finding: null, problems: [{ field: 'record', reason: 'invalid' }] };
  const r = raw as Record<string, unknown>;
  const problems: FindingProblem[] = [];
  const str = (field: keyof Finding): string => {
    const v = r[field];
    if (v === undefined || v === null) return '';
    const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
    if (s === null) {
      problems.push({ field, reason: 'invalid', value: String(v) });
      return '';
    }
    if (s.length > MAX_TEXT) problems.push({ field, reason: 'too-long' });
    return s;
  };
  const ticketId = str('ticketId');
  const township = str('township');
  const quarterText = str('quarter');
  const verdict = str('verdict');
  const rectification = str('rectification');
  const responsibleUnit = str('responsibleUnit');
  const dueDate = str('dueDate');
  const note = str('note');
  const updatedAt = str('updatedAt');
  if (!ticketId) problems.push({ field: 'ticketId', reason: 'missing' });
  if (!township) problems.push({ field: 'township', reason: 'missing' });
  const quarter = parseQuarter(quarterText);
  if (!quarterText) problems.push({ field: 'quarter', reason: 'missing' });
  else if (!quarter) problems.push({ field: 'quarter', reason: 'invalid', value: quarterText });
  if (verdict && !(VERDICTS as readonly string[]).includes(verdict)) problems.push({ field: 'verdict', reason: 'invalid', value: verdict });
  if (rectification && !(RECTIFICATION_STATES as readonly string[]).includes(rectification)) {
    problems.push({ field: 'rectification', reason: 'invalid', value: rectification });
  }
  if (dueDate && !isIsoDate(dueDate)) problems.push({ field: 'dueDate', reason: 'invalid', value: dueDate });
  if (updatedAt && Number.isNaN(Date.parse(updatedAt))) problems.push({ field: 'updatedAt', reason: 'invalid', value: updatedAt });
  if (problems.length > 0 || !quarter) return { finding: null, problems };
  return {
    finding: {
      ticketId,
      township,
      quarter: formatQuarter(quarter),
      verdict: verdict as Verdict | '',
      rectification: rectification as RectificationState | '',
      responsibleUnit,
      dueDate,
      note,
      // One format, so that later-edit-wins compares times rather than spellings.
      updatedAt: updatedAt ? new Date(Date.parse(updatedAt)).toISOString() : '',
    },
    problems: [],
  };
}

const CONTENT_FIELDS = ['verdict', 'rectification', 'responsibleUnit', 'dueDate', 'note'] as const;

export function sameContent(a: Finding, b: Finding): boolean {
  return CONTENT_FIELDS.every((f) => a[f] === b[f]);
}

export interface MergeConflict {
  key: FindingKey;
  existing: Finding;
  incoming: Finding;
  /** Which side was kept: the later updatedAt; on a tie (or no times) the finding already here. */
  kept: 'existing' | 'incoming';
}

export interface MergePlan {
  /** Findings to write (new ones and incoming ones that won a conflict). */
  writes: Finding[];
  added: number;
  unchanged: number;
  /** Incoming records with nothing recorded (a key-ticket workbook's unreviewed rows): never written. */
  blank: number;
  conflicts: MergeConflict[];
}

/**
 * How incoming findings merge into existing ones, keyed by ticket + area + quarter. Nothing
 * existing is ever deleted: a finding absent from the file stays; a different one is a conflict
 * the later edit wins, and every conflict is reported. Duplicates within the incoming list: the
 * later edit wins there too. A blank incoming record is skipped: it records nothing, and an
 * empty row must not erase what was found on site.
 */
export function planMerge(existing: ReadonlyMap<FindingKey, Finding>, incoming: readonly Finding[]): MergePlan {
  const latest = new Map<FindingKey, Finding>();
  let blank = 0;
  for (const f of incoming) {
    if (isBlankFinding(f)) {
      blank++;
      continue;
    }
    const key = findingKey(f);
    const seen = latest.get(key);
    if (!seen || f.updatedAt > seen.updatedAt) latest.set(key, f);
  }
  const plan: MergePlan = { writes: [], added: 0, unchanged: 0, blank, conflicts: [] };
  for (const [key, f] of latest) {
    const here = existing.get(key);
    if (!here) {
      plan.writes.push(f);
      plan.added++;
    } else if (sameContent(here, f)) {
      plan.unchanged++;
    } else {
      const kept = f.updatedAt > here.updatedAt ? 'incoming' : 'existing';
      plan.conflicts.push({ key, existing: here, incoming: f, kept });
      if (kept === 'incoming') plan.writes.push(f);
    }
  }
  return plan;
}
