import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS, ReviewSettingsStore, changedReviewSettings, defaultReviewSettings, normaliseReviewSettings } from '$lib/review';

describe('review settings', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_REVIEW_SETTINGS.thresholds).toEqual({ returnedMin: 2, repeatPhoneMin: 3, repeatAddressMin: 3, hotspotMin: 25, multiDepartmentMinReturns: 1 });
    expect(DEFAULT_REVIEW_SETTINGS.enterpriseComplaintTypes).toEqual(['投诉']);
    expect(Object.values(DEFAULT_REVIEW_SETTINGS.weights)).toEqual([3, 2, 3, 2, 2, 1, 3, 2, 2]);
  });

  it('keeps what reads and resets only the fields that do not', () => {
    const raw = {
      version: 1,
      thresholds: { returnedMin: 4, hotspotMin: 0, repeatPhoneMin: 2.5 },
      weights: { hotspot: 5, late: -1 },
      enterpriseComplaintTypes: ['投诉', ' 举报 ', '投诉'],
      deckTopTickets: 'many',
    };
    const { settings, problems } = normaliseReviewSettings(raw);
    expect(settings.thresholds).toEqual({ ...DEFAULT_REVIEW_SETTINGS.thresholds, returnedMin: 4 });
    expect(settings.weights.hotspot).toBe(5);
    expect(settings.weights.late).toBe(2);
    expect(settings.enterpriseComplaintTypes).toEqual(['投诉', '举报']);
    expect(problems.sort()).toEqual(['deckTopTickets', 'thresholds.hotspotMin', 'thresholds.repeatPhoneMin', 'weights.late']);
    expect(changedReviewSettings(settings).sort()).toEqual(['enterpriseComplaintTypes', 'thresholds.returnedMin', 'weights.hotspot']);
    expect(normaliseReviewSettings({ version: 2 }).problems).toEqual(['review settings: unknown format']);
    expect(normaliseReviewSettings(undefined)).toEqual({ settings: defaultReviewSettings(), problems: [] });
  });

  it('round-trips through its store', async () => {
    const data = new Map<string, unknown>();
    const store = new ReviewSettingsStore({
      get: async <T,>(k: string) => data.get(k) as T | undefined,
      set: async (k, v) => void data.set(k, structuredClone(v)),
      delete: async (k) => void data.delete(k),
    });
    const s = defaultReviewSettings();
    s.thresholds.hotspotMin = 30;
    await store.save(s);
    expect((await store.load()).settings).toEqual(s);
  });
});
