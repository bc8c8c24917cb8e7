// The --settings file and the CSV/JSON writers, without DuckDB.
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../cli/report/errors';
import { formatCsv, formatJson } from '../../../cli/report/format';
import type { Report } from '../../../cli/report/run';
import { settingsFromText } from '../../../cli/report/settings';
import { emptyFilters } from '$lib/filters';
import { defaultSettings } from '$lib/metrics';

describe('the --settings file', () => {
  it('reads the file the settings page exports', () => {
    const text = JSON.stringify({ app: 'gov-workbench', kind: 'settings', version: 1, settings: { version: 1, satisfactionVariant: 'weighted' } });
    expect(settingsFromText(text, 's.json')).toMatchObject({ satisfactionVariant: 'weighted', basicSatisfiedCounts: true });
  });

  it('reads a bare settings object, with a byte-order mark', () => {
    expect(settingsFromText('\uFEFF{"version": 1, "durationMode": "working"}', 's.json').durationMode).toBe('working');
  });

  it.each([
    ['not json', /s\.json: .*not JSON/],
    ['[1, 2]', /s\.json: .*not a settings file/],
    ['{"app": "gov-workbench", "kind": "settings", "version": 2, "settings": {"version": 1}}', /s\.json: .*version/],
    ['{"version": 1, "durationMode": "lunar"}', /s\.json: invalid settings: durationMode/],
    ['{"version": 7}', /s\.json: invalid settings: unknown settings version 7/],
  ])('refuses %s naming the file, rather than falling back to defaults', (text, message) => {
    const error = (() => {
      try {
        settingsFromText(text, 's.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReportError);
    expect((error as Error).message).toMatch(message);
  });
});

function reportWith(keys: (string | null)[]): Report {
  return {
    import: { tickets: { files: 1, rows_read: 2, rows_loaded: 2, rows_rejected: 0, duplicates_replaced: 0 } },
    comparison: null,
    scopes: {
      tickets: {
        by: 'department',
        asOf: null,
        overall: { total: 2, satisfaction_rate: null },
        groups: keys.map((key) => ({ key, figures: { total: 1, satisfaction_rate: 1 / 3 } })),
      },
    },
    fileIssues: {},
    settings: defaultSettings(),
    nonDefaultSettings: [],
    filters: emptyFilters(),
  };
}

describe('the report writers', () => {
  it('quotes CSV keys with commas, quotes and line breaks; a NULL key or figure is an empty cell', () => {
    const csv = formatCsv(reportWith(['城管局,执法大队', '"住建"\n局', null]));
    expect(csv.split('\n')[0]).toMatch(/^table,by,key,total,/);
    expect(csv).toContain('tickets,,(overall),2,');
    expect(csv).toContain('tickets,department,"城管局,执法大队",1,');
    expect(csv).toContain('tickets,department,"""住建""\n局",1,');
    expect(csv).toContain('\ntickets,department,,1,');
  });

  it('neutralises a group key a spreadsheet would run as a formula, as every export does', () => {
    const csv = formatCsv(reportWith(['=HYPERLINK("http://x")', '@SUM(A1)', '-1+2']));
    expect(csv).toContain(`tickets,department,"'=HYPERLINK(""http://x"")",1,`);
    expect(csv).toContain(`tickets,department,'@SUM(A1),1,`);
    expect(csv).toContain(`tickets,department,'-1+2,1,`);
  });

  it('writes JSON rates unrounded and NULL as null, key first in each group', () => {
    const json = JSON.parse(formatJson(reportWith(['A'])));
    expect(json.tickets.overall.satisfaction_rate).toBeNull();
    expect(json.tickets.groups).toEqual([{ key: 'A', total: 1, satisfaction_rate: 1 / 3 }]);
  });
});
