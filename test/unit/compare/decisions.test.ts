import { describe, expect, it } from 'vitest';
import { acceptedKeys, decisionKey, decisionsToJson, pairKey, parseDecision, planDecisionMerge, readDecisionsJson, type CompareDecision } from '$lib/compare';

const d = (left: string, right: string, verdict: 'accepted' | 'rejected', updatedAt: string, note = ''): CompareDecision => ({ left, right, verdict, note, updatedAt });

describe('decisions', () => {
  it('count nothing as checked until one is recorded, then only the accepted ones', () => {
    expect(acceptedKeys(new Map())).toBeNull();
    const a = d('P1', 'G1', 'accepted', '2024-05-01T00:00:00Z');
    const r = d('P2', 'G1', 'rejected', '2024-05-01T00:00:00Z');
    expect(acceptedKeys(new Map([[decisionKey(a), a], [decisionKey(r), r]]))).toEqual([pairKey('P1', 'G1')]);
    expect(acceptedKeys(new Map([[decisionKey(r), r]]))).toEqual([]);
  });

  it('refuse records that are not decisions', () => {
    expect(parseDecision({ left: 'P1', right: 'G1', verdict: 'maybe', updatedAt: '2024-05-01T00:00:00Z' })).toBeNull();
    expect(parseDecision({ left: '', right: 'G1', verdict: 'accepted', updatedAt: '2024-05-01T00:00:00Z' })).toBeNull();
    expect(parseDecision({ left: 'P1', right: 'G1', verdict: 'accepted', updatedAt: 'yesterday' })).toBeNull();
    expect(parseDecision({ left: ' P1 ', right: 'G1', verdict: 'accepted', note: ' 现场核实 ', updatedAt: '2024-05-01T00:00:00Z' })).toEqual(
      d('P1', 'G1', 'accepted', '2024-05-01T00:00:00Z', '现场核实'),
    );
  });

  it('merge: the later change wins, new pairs are added, older ones never overwrite', () => {
    const mine = d('P1', 'G1', 'accepted', '2024-05-02T00:00:00Z');
    const current = new Map([[decisionKey(mine), mine]]);
    const older = d('P1', 'G1', 'rejected', '2024-05-01T00:00:00Z');
    const newer = d('P1', 'G1', 'rejected', '2024-05-03T00:00:00Z');
    const fresh = d('T1', 'P1', 'accepted', '2024-05-01T00:00:00Z');
    expect(planDecisionMerge(current, [older, fresh])).toEqual([fresh]);
    expect(planDecisionMerge(current, [older, newer])).toEqual([newer]);
  });

  it('round-trip through the exchange file, counting refused entries', () => {
    const list = [d('P1', 'G1', 'accepted', '2024-05-02T00:00:00Z', '同一处噪音')];
    const text = decisionsToJson(list);
    expect(readDecisionsJson(text)).toEqual({ decisions: list, refused: 0 });
    const damaged = JSON.parse(text);
    damaged.decisions.push({ left: 'x' });
    expect(readDecisionsJson(JSON.stringify(damaged)).refused).toBe(1);
    expect(() => readDecisionsJson('{"kind":"review-findings","findings":[]}')).toThrow('not-decisions');
  });
});
