// The evaluation rules travel in the 口径 settings file: exported and read back as they were, a
// file written before they existed reads with the default rules, and a damaged rule refuses the
// whole file (the settings page's strict reading).
import { describe, expect, it } from 'vitest';
import { defaultEvaluationSettings } from '$lib/evaluation';
import { defaultSettings, diffFromDefault } from '$lib/metrics';
import { SettingsFileError, settingsFromJson, settingsToJson } from '$lib/store/settings';

describe('the evaluation rules in the settings file', () => {
  it('round-trip, and are the one non-default setting', () => {
    const s = defaultSettings();
    s.evaluation.poolYuan = 9_000_000;
    s.evaluation.components.events = { weight: 30, zeroAt: 0, fullAt: 80 };
    s.evaluation.bands.excellentCap = 0.15;
    const back = settingsFromJson(settingsToJson(s));
    expect(back.evaluation).toEqual(s.evaluation);
    expect(diffFromDefault(back)).toEqual(['evaluation']);
  });

  it('a file written before them reads with the default rules', () => {
    const old = JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 1, minRatedForRanking: 10 } });
    expect(settingsFromJson(old).evaluation).toEqual(defaultEvaluationSettings());
  });

  it('a damaged rule refuses the file', () => {
    const s = defaultSettings() as unknown as { evaluation: { coefficients: Record<string, unknown> } };
    s.evaluation.coefficients['优秀'] = 'high';
    expect(() => settingsFromJson(settingsToJson(s as never))).toThrowError(SettingsFileError);
  });
});
