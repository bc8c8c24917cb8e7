// Checking the candidates (核查): each candidate pair is accepted (the same problem) or rejected,
// with a note, online or on site. Decisions are kept per pair key, read back from untrusted
// records (IndexedDB, an exchanged file) through parseDecision, and merged on import by the rule
// "the later change wins", so a file from another machine never undoes newer work.
import { pairKey } from './sql';

export const VERDICTS = ['accepted', 'rejected'] as const;
export type CompareVerdict = (typeof VERDICTS)[number];

export interface CompareDecision {
  left: string;
  right: string;
  verdict: CompareVerdict;
  note: string;
  /** ISO time of the change. */
  updatedAt: string;
}

const MAX_NOTE = 2000;

export function decisionKey(d: Pick<CompareDecision, 'left' | 'right'>): string {
  return pairKey(d.left, d.right);
}

export function parseDecision(raw: unknown): CompareDecision | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const left = text(r.left);
  const right = text(r.right);
  const verdict = text(r.verdict);
  const note = text(r.note);
  const updatedAt = text(r.updatedAt);
  if (!left || !right || !(VERDICTS as readonly string[]).includes(verdict)) return null;
  if (note.length > MAX_NOTE || Number.isNaN(Date.parse(updatedAt))) return null;
  return { left, right, verdict: verdict as CompareVerdict, note, updatedAt };
}

/** The accepted pair keys the figures count, or null while nothing has been checked. */
export function acceptedKeys(decisions: ReadonlyMap<string, CompareDecision>): string[] | null {
  if (decisions.size === 0) return null;
  return [...decisions.values()].filter((d) => d.verdict === 'accepted').map(decisionKey).sort();
}

/** Which incoming decisions to write: new pairs, and pairs whose incoming change is later. */
export function planDecisionMerge(current: ReadonlyMap<string, CompareDecision>, incoming: readonly CompareDecision[]): CompareDecision[] {
  const latest = new Map<string, CompareDecision>();
  for (const d of incoming) {
    const key = decisionKey(d);
    const seen = latest.get(key);
    if (!seen || d.updatedAt > seen.updatedAt) latest.set(key, d);
  }
  return [...latest.entries()].filter(([key, d]) => {
    const have = current.get(key);
    return !have || d.updatedAt > have.updatedAt;
  }).map(([, d]) => d);
}

export const DECISIONS_FILE_KIND = 'compare-decisions';

export function decisionsToJson(decisions: Iterable<CompareDecision>, now = new Date()): string {
  const list = [...decisions].sort((a, b) => (decisionKey(a) < decisionKey(b) ? -1 : 1));
  return `${JSON.stringify({ app: 'gov-workbench', kind: DECISIONS_FILE_KIND, version: 1, exportedAt: now.toISOString(), decisions: list }, null, 2)}\n`;
}

/** The decisions of an exchanged file, and how many entries were refused; throws when it is not such a file. */
export function readDecisionsJson(text: string): { decisions: CompareDecision[]; refused: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('not-decisions');
  }
  const file = parsed as { kind?: unknown; decisions?: unknown };
  if (typeof file !== 'object' || file === null || file.kind !== DECISIONS_FILE_KIND || !Array.isArray(file.decisions)) throw new Error('not-decisions');
  const decisions: CompareDecision[] = [];
  let refused = 0;
  for (const raw of file.decisions) {
    const d = parseDecision(raw);
    if (d) decisions.push(d);
    else refused++;
  }
  return { decisions, refused };
}
