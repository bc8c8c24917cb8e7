// The 口径 store and exchange file: a round trip gives back the same rules, other files are
// refused with a reason, and a store that fails or holds junk falls back to the defaults saying why.
import { describe, expect, it } from 'vitest';
import { defaultSettings, diffFromDefault, type MetricSettings } from '$lib/metrics';
import { StorageError } from '$lib/store/kv';
import {
  SettingsFileError,
  settingsFileName,
  settingsFromJson,
  settingsStore,
  settingsToJson,
  type SettingsKv,
} from '$lib/store/settings';

function changedSettings(): MetricSettings {
  const s = defaultSettings();
  s.basicSatisfiedCounts = false;
  s.excludedExitReasons = { mode: 'list', reasons: ['恶意举报', '涉法涉诉'] };
  s.asOf = '2024-04-01 00:00:00';
  s.durationMode = 'working';
  s.minRatedForRanking = 10;
  s.rankingWeights = { satisfaction_rate: 0.5, on_time_rate: 0.25, resolution_rate: 0.25, return_rate: 0 };
  s.deadlineWorkingDays = { 特急: 1, 紧急: 2, 一般: 7 };
  return s;
}

function memoryKv(initial?: Record<string, unknown>): SettingsKv & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(initial ?? {}));
  return {
    data,
    get: async <T>(key: string) => data.get(key) as T | undefined,
    set: async <T>(key: string, value: T) => void data.set(key, structuredClone(value)),
    delete: async (key: string) => void data.delete(key),
  };
}

function failingKv(): SettingsKv {
  const fail = (op: 'read' | 'write' | 'delete') => async () => {
    throw new StorageError(op, 'gov-workbench:v1:settings:current', new DOMException('no IndexedDB here', 'InvalidStateError'));
  };
  return { get: fail('read'), set: fail('write'), delete: fail('delete') };
}

describe('settings file', () => {
  it('round-trips changed settings exactly', () => {
    const s = changedSettings();
    const text = settingsToJson(s);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ app: 'gov-workbench', kind: 'settings', version: 1 });
    expect(settingsFromJson(text)).toEqual(s);
  });

  it('round-trips the defaults to no differences', () => {
    expect(diffFromDefault(settingsFromJson(settingsToJson(defaultSettings())))).toEqual([]);
  });

  it('round-trips targets, and reads a file written before targets with the default target', () => {
    const s = defaultSettings();
    s.targets = [
      { metric: 'satisfaction_rate', comparison: '>=', value: 0.96, year: 2025, units: { kind: 'township', keys: ['悦来镇'] } },
      { metric: 'return_rate', comparison: '<=', value: 0.05, year: null, units: { kind: 'department', keys: [] } },
    ];
    const back = settingsFromJson(settingsToJson(s));
    expect(back.targets).toEqual(s.targets);
    expect(diffFromDefault(back)).toEqual(['targets']);
    const old = JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 1, minRatedForRanking: 10 } });
    expect(settingsFromJson(old).targets).toEqual([
      { metric: 'satisfaction_rate', comparison: '>=', value: 0.95, year: null, units: { kind: 'township', keys: [] } },
    ]);
  });

  it('refuses a file whose targets do not read', () => {
    const bad = JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 1, targets: [{ metric: 'total', comparison: '>=', value: 2 }] } });
    expect(() => settingsFromJson(bad)).toThrowError(SettingsFileError);
  });

  it('accepts a byte-order mark and a file naming only what it changes', () => {
    const text = '\uFEFF' + JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 1, basicSatisfiedCounts: false } });
    const s = settingsFromJson(text);
    expect(diffFromDefault(s)).toEqual(['basicSatisfiedCounts']);
  });

  const refused: [string, string, SettingsFileError['problem']][] = [
    ['not JSON', 'township,total\n海门街道,3', 'not-json'],
    ['a JSON array', '[1, 2]', 'not-settings'],
    ['another app', JSON.stringify({ app: 'other', kind: 'settings', version: 1, settings: { version: 1 } }), 'not-settings'],
    ['another kind', JSON.stringify({ app: 'gov-workbench', kind: 'history', version: 1, settings: { version: 1 } }), 'not-settings'],
    ['bare settings without the envelope', JSON.stringify(defaultSettings()), 'not-settings'],
    ['a future file version', JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 2, settings: { version: 1 } }), 'version'],
    ['a future settings version', JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 9 } }), 'version'],
    ['no settings object', JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1 }), 'not-settings'],
    ['too large', ' '.repeat(70 * 1024), 'too-large'],
  ];
  it.each(refused)('refuses %s', (_, text, problem) => {
    let caught: unknown;
    try {
      settingsFromJson(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsFileError);
    expect((caught as SettingsFileError).problem).toBe(problem);
    // The message is for people in both languages.
    expect((caught as SettingsFileError).message).toMatch(/[\u4e00-\u9fff].*·.*[a-z]/s);
  });

  it('refuses a file with an invalid field instead of applying the rest', () => {
    const s = { ...changedSettings(), minRatedForRanking: -3 };
    const text = JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: s });
    expect(() => settingsFromJson(text)).toThrowError(SettingsFileError);
    try {
      settingsFromJson(text);
    } catch (error) {
      expect((error as SettingsFileError).problem).toBe('invalid');
      expect((error as SettingsFileError).details.join()).toContain('minRatedForRanking');
    }
  });

  it('names the export by date', () => {
    expect(settingsFileName(new Date(2024, 3, 1, 15, 0))).toBe('gov-workbench-settings-2024-04-01.json');
  });
});

describe('settings store', () => {
  it('saves and loads back the same settings', async () => {
    const kv = memoryKv();
    const store = settingsStore(kv);
    await store.save(changedSettings());
    expect(kv.data.has('current')).toBe(true);
    const loaded = await store.load();
    expect(loaded).toMatchObject({ source: 'stored', problems: [], error: null });
    expect(loaded.settings).toEqual(changedSettings());
  });

  it('gives the defaults, quietly, when nothing is stored', async () => {
    const loaded = await settingsStore(memoryKv()).load();
    expect(loaded).toMatchObject({ source: 'default', problems: [], error: null });
    expect(diffFromDefault(loaded.settings)).toEqual([]);
  });

  it('keeps the readable fields of a damaged value and reports the rest', async () => {
    const damaged = { ...changedSettings(), rankingWeights: { satisfaction_rate: 'lots' } };
    const loaded = await settingsStore(memoryKv({ current: damaged })).load();
    expect(loaded.source).toBe('stored');
    expect(loaded.settings.basicSatisfiedCounts).toBe(false);
    expect(loaded.settings.rankingWeights).toEqual(defaultSettings().rankingWeights);
    expect(loaded.problems.join()).toContain('rankingWeights');
  });

  it('falls back to the defaults for a value of another version, saying so', async () => {
    const loaded = await settingsStore(memoryKv({ current: { version: 7, basicSatisfiedCounts: false } })).load();
    expect(loaded.source).toBe('default');
    expect(loaded.settings.basicSatisfiedCounts).toBe(true);
    expect(loaded.problems.join()).toContain('version');
  });

  it('falls back to the defaults when IndexedDB fails, with the error', async () => {
    const loaded = await settingsStore(failingKv()).load();
    expect(loaded.source).toBe('default');
    expect(loaded.error).toBeInstanceOf(StorageError);
    expect(loaded.problems[0]).toContain('no IndexedDB here');
    expect(diffFromDefault(loaded.settings)).toEqual([]);
  });

  it('lets a failed save throw for the caller to report', async () => {
    await expect(settingsStore(failingKv()).save(defaultSettings())).rejects.toBeInstanceOf(StorageError);
  });
});
