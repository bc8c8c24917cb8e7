import { describe, expect, it } from 'vitest';
import {
  ENTERPRISE_DEFINITIONS,
  ENTERPRISE_METRIC_IDS,
  GRID_DEFINITIONS,
  GRID_METRIC_IDS,
  SETTING_KEYS,
  TICKET_DEFINITIONS,
  TICKET_METRIC_IDS,
  defaultSettings,
  describeMetric,
  nonDefaultSettingsFor,
  type MetricDefinition,
} from '$lib/metrics';

const cases: [string, readonly string[], Readonly<Record<string, MetricDefinition>>][] = [
  ['tickets', TICKET_METRIC_IDS, TICKET_DEFINITIONS],
  ['grid_events', GRID_METRIC_IDS, GRID_DEFINITIONS],
  ['enterprise_requests', ENTERPRISE_METRIC_IDS, ENTERPRISE_DEFINITIONS],
];

describe('metric definitions', () => {
  it.each(cases)('%s: every metric id and nothing else has a zh and en definition, a unit and known settings', (_, ids, defs) => {
    expect(Object.keys(defs).sort()).toEqual([...ids].sort());
    for (const def of Object.values(defs)) {
      expect(def.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(def.en.length).toBeGreaterThan(5);
      expect(['count', 'rate', 'hours']).toContain(def.unit);
      for (const key of def.settings) expect(SETTING_KEYS).toContain(key);
    }
  });

  it('units follow the id: *_rate and *_share are rates, *_hours are hours', () => {
    for (const [, , defs] of cases) {
      for (const [id, def] of Object.entries(defs)) {
        if (/_(rate|share)$/.test(id)) expect(def.unit, id).toBe('rate');
        else if (/_hours$/.test(id)) expect(def.unit, id).toBe('hours');
        else expect(def.unit, id).toBe('count');
      }
    }
  });

  it('describes in Chinese by default and in English on request', () => {
    expect(describeMetric('tickets', 'on_time_rate')).toMatch(/应结案数/);
    expect(describeMetric('tickets', 'on_time_rate', 'en')).toMatch(/deadline/);
    expect(() => describeMetric('grid_events', 'rated')).toThrow();
  });

  it('marks a figure only for the non-default settings that affect it', () => {
    const s = defaultSettings();
    s.basicSatisfiedCounts = false;
    s.minRatedForRanking = 5;
    expect(nonDefaultSettingsFor('tickets', 'satisfaction_rate', s)).toEqual(['basicSatisfiedCounts']);
    expect(nonDefaultSettingsFor('tickets', 'total', s)).toEqual([]);
    // Deadline allowances matter only in working mode.
    s.deadlineWorkingDays = { 特急: 2 };
    expect(nonDefaultSettingsFor('tickets', 'due', s)).toEqual([]);
    s.durationMode = 'working';
    expect(nonDefaultSettingsFor('tickets', 'due', s)).toEqual(['durationMode', 'deadlineWorkingDays']);
    expect(nonDefaultSettingsFor('tickets', 'median_closure_hours', s)).toEqual(['durationMode']);
  });
});
