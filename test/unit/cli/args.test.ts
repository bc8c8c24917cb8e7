import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs, type ReportArgs } from '../../../cli/report/args';

function report(argv: string[]): ReportArgs {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'report') throw new Error('expected a report');
  return parsed.args;
}

function refusal(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgsError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('report arguments', () => {
  it('takes the comparison sources as file lists', () => {
    expect(report(['--tickets', 'a.csv', '--grid', 'g.csv', '--police', 'p1.csv', 'p2.csv', '--alerts', 's.xlsx'])).toMatchObject({
      grid: ['g.csv'],
      police: ['p1.csv', 'p2.csv'],
      alerts: ['s.xlsx'],
    });
  });

  it('has the defaults of metrics.md: township, json, no period, default settings', () => {
    expect(report(['--tickets', 'a.csv'])).toEqual({
      tickets: ['a.csv'],
      grid: [],
      enterprise: [],
      police: [],
      alerts: [],
      from: null,
      to: null,
      by: 'township',
      format: 'json',
      settings: null,
      targets: false,
      explain: null,
      evaluation: null,
    });
  });

  it('reads --evaluation and --year (issue 16): JSON only, with grid events', () => {
    expect(report(['--tickets', 'a.csv', '--grid', 'g.csv', '--evaluation'])).toMatchObject({ evaluation: { year: 'latest' } });
    expect(report(['--tickets', 'a.csv', '--grid', 'g.csv', '--evaluation', '--year', '2024'])).toMatchObject({ evaluation: { year: 2024 } });
    expect(() => parseArgs(['--tickets', 'a.csv', '--evaluation'])).toThrowError(/needs --grid/);
    expect(() => parseArgs(['--tickets', 'a.csv', '--grid', 'g.csv', '--year', '2024'])).toThrowError(/goes with --evaluation/);
    expect(() => parseArgs(['--tickets', 'a.csv', '--grid', 'g.csv', '--evaluation', '--year', '24'])).toThrowError(/YYYY/);
    expect(() => parseArgs(['--tickets', 'a.csv', '--grid', 'g.csv', '--evaluation', '--format', 'csv'])).toThrowError(/JSON only/);
  });

  it('reads --targets and --explain METRIC --by DIMENSION --compare (issue 15)', () => {
    expect(report(['--tickets', 'a.csv', '--targets'])).toMatchObject({ targets: true, explain: null, by: 'township' });
    expect(report(['--tickets', 'a.csv', '--explain', 'satisfaction_rate', '--by', 'channel', '--compare', 'yoy'])).toMatchObject({
      explain: { metric: 'satisfaction_rate', by: 'channel', compare: 'yoy' },
      by: 'township',
    });
    expect(report(['--tickets', 'a.csv', '--explain', 'on_time_rate'])).toMatchObject({ explain: { metric: 'on_time_rate', by: 'category1', compare: 'previous' } });
    expect(() => parseArgs(['--tickets', 'a.csv', '--explain', 'total'])).toThrowError(ArgsError);
    expect(() => parseArgs(['--tickets', 'a.csv', '--explain', 'satisfaction_rate', '--by', 'village'])).toThrowError(ArgsError);
    expect(() => parseArgs(['--tickets', 'a.csv', '--targets', '--format', 'csv'])).toThrowError(ArgsError);
    expect(() => parseArgs(['--tickets', 'a.csv', '--compare', 'yoy'])).toThrowError(ArgsError);
  });

  it('takes every file up to the next option, in order, and repeated lists append', () => {
    const args = report(['--tickets', 'm1.csv', 'm2.xlsx', '--grid', 'g.csv', '--tickets', 'm3.csv', '--enterprise=e.csv', 'e2.csv']);
    expect(args.tickets).toEqual(['m1.csv', 'm2.xlsx', 'm3.csv']);
    expect(args.grid).toEqual(['g.csv']);
    expect(args.enterprise).toEqual(['e.csv', 'e2.csv']);
  });

  it('reads values with a space or an equals sign', () => {
    const args = report(['--tickets', 'a.csv', '--from', '2024-03-01', '--to=2024-03-31', '--by', 'department', '--format=csv', '--settings', 's.json']);
    expect(args).toMatchObject({ from: '2024-03-01', to: '2024-03-31', by: 'department', format: 'csv', settings: 's.json' });
  });

  it('keeps a file name that starts with a single dash', () => {
    expect(report(['--tickets', '-export.csv']).tickets).toEqual(['-export.csv']);
  });

  it('answers --help anywhere', () => {
    expect(parseArgs(['--tickets', 'a.csv', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--tickets FILE is required/],
    [['--grid', 'g.csv'], /--tickets FILE is required/],
    [['--tickets'], /--tickets needs at least one file/],
    [['--tickets', '--from', '2024-03-01'], /--tickets needs at least one file/],
    [['a.csv'], /unexpected "a.csv"/],
    [['--tickets', 'a.csv', '--form', 'x'], /unknown option --form/],
    [['--tickets', 'a.csv', '--from'], /--from needs a value/],
    [['--tickets', 'a.csv', '--from', '2024-3-1'], /--from must be a date written YYYY-MM-DD, not "2024-3-1"/],
    [['--tickets', 'a.csv', '--to', '2024-02-30'], /--to must be a date/],
    [['--tickets', 'a.csv', '--from', '2024-04-01', '--to', '2024-03-31'], /--from 2024-04-01 is after --to 2024-03-31/],
    [['--tickets', 'a.csv', '--by', 'village'], /--by must be township or department, not "village"/],
    [['--tickets', 'a.csv', '--format', 'xlsx'], /--format must be json or csv/],
    [['--tickets', 'a.csv', '--by', 'township', '--by', 'department'], /--by is given twice/],
    [['--tickets=', 'a.csv'], /--tickets= needs a file name/],
  ] as const)('refuses %j with one clear line', (argv, message) => {
    expect(refusal([...argv])).toMatch(message);
  });
});
