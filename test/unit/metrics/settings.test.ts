import { defaultEvaluationSettings } from '$lib/evaluation/settings';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, defaultSettings, diffFromDefault, isDefaultSettings, normaliseAsOf, normaliseSettings } from '$lib/metrics';

describe('metric settings', () => {
  it('defaults are the district rules of metrics.md', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      version: 1,
      excludedExitReasons: { mode: 'any' },
      basicSatisfiedCounts: true,
      satisfactionVariant: 'rate',
      asOf: null,
      durationMode: 'natural',
      excludeUnattributableFromRankings: true,
      minRatedForRanking: 30,
      rankingWeights: { satisfaction_rate: 0.4, on_time_rate: 0.3, resolution_rate: 0.2, return_rate: 0.1 },
      deadlineWorkingDays: { 特急: 1, 紧急: 3, 一般: 5 },
      // Issue 15: the district's satisfaction target, every year, every township.
      targets: [{ metric: 'satisfaction_rate', comparison: '>=', value: 0.95, year: null, units: { kind: 'township', keys: [] } }],
      // Issue 16: the grid workers' evaluation rules (their own tests are in test/unit/evaluation).
      evaluation: defaultEvaluationSettings(),
    });
    expect(isDefaultSettings(defaultSettings())).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('lists the changed keys, in a fixed order', () => {
    const s = defaultSettings();
    s.minRatedForRanking = 10;
    s.basicSatisfiedCounts = false;
    s.rankingWeights.return_rate = 0.2;
    expect(diffFromDefault(s)).toEqual(['basicSatisfiedCounts', 'minRatedForRanking', 'rankingWeights']);
    expect(isDefaultSettings(s)).toBe(false);
    // A copy is independent of the frozen defaults.
    expect(DEFAULT_SETTINGS.rankingWeights.return_rate).toBe(0.1);
  });

  it('treats equal values as unchanged regardless of key order', () => {
    const s = defaultSettings();
    s.deadlineWorkingDays = { 一般: 5, 紧急: 3, 特急: 1 };
    expect(diffFromDefault(s)).toEqual([]);
    s.excludedExitReasons = { mode: 'list', reasons: [] };
    expect(diffFromDefault(s)).toEqual(['excludedExitReasons']);
  });

  it('reads a stored object, keeping valid fields and reporting invalid ones', () => {
    const { settings, problems } = normaliseSettings({
      version: 1,
      excludedExitReasons: { mode: 'list', reasons: ['涉法涉诉', ' 恶意举报 ', '', '涉法涉诉'] },
      satisfactionVariant: 'weighted',
      asOf: '2024-04-01T08:30',
      minRatedForRanking: -3,
      rankingWeights: { satisfaction_rate: 0, on_time_rate: 0, resolution_rate: 0, return_rate: 0 },
      durationMode: 'lunar',
    });
    expect(settings.excludedExitReasons).toEqual({ mode: 'list', reasons: ['恶意举报', '涉法涉诉'] });
    expect(settings.satisfactionVariant).toBe('weighted');
    expect(settings.asOf).toBe('2024-04-01 08:30:00');
    expect(settings.minRatedForRanking).toBe(30);
    expect(settings.rankingWeights).toEqual(DEFAULT_SETTINGS.rankingWeights);
    expect(settings.durationMode).toBe('natural');
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/minRatedForRanking/);
  });

  it('falls back to the defaults for another version or a non-object', () => {
    expect(normaliseSettings({ version: 2, basicSatisfiedCounts: false }).settings).toEqual(DEFAULT_SETTINGS);
    expect(normaliseSettings({ version: 2 }).problems[0]).toMatch(/version 2/);
    expect(normaliseSettings('nope').settings).toEqual(DEFAULT_SETTINGS);
    expect(normaliseSettings(null).problems).toHaveLength(1);
  });

  it('round-trips through JSON', () => {
    const s = defaultSettings();
    s.asOf = '2024-12-31 23:59:59';
    s.deadlineWorkingDays = { 特急: 2 };
    expect(normaliseSettings(JSON.parse(JSON.stringify(s)))).toEqual({ settings: s, problems: [] });
  });

  it('rejects deadline allowances that are not whole positive days', () => {
    expect(normaliseSettings({ version: 1, deadlineWorkingDays: { 特急: 0.5 } }).problems).toHaveLength(1);
    expect(normaliseSettings({ version: 1, deadlineWorkingDays: { 特急: 0 } }).problems).toHaveLength(1);
  });

  it('accepts only naive timestamps as the as-of time', () => {
    expect(normaliseAsOf('2024-04-01')).toBe('2024-04-01 00:00:00');
    expect(normaliseAsOf('2024-04-01 08:30:15')).toBe('2024-04-01 08:30:15');
    expect(normaliseAsOf('2024-04-01T08:30:00Z')).toBeNull();
    expect(normaliseAsOf('2024-04-01T08:30:00+08:00')).toBeNull();
    expect(normaliseAsOf('2024-02-30')).toBeNull();
    expect(normaliseAsOf('2024-04-01 24:00')).toBeNull();
    expect(normaliseAsOf("2024-04-01'; DROP TABLE tickets; --")).toBeNull();
  });
});
