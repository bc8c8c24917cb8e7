// The command as a user runs it: a child process, its exit code, stdout and stderr. A user's
// mistake ends with exactly one line on stderr naming the file and the reason, never a stack.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => `test/fixtures/report/${name}`;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function report(...argv: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/report.ts', ...argv], { cwd: root, env: { ...process.env, REPORT_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLine(outcome: Outcome, code: number, message: RegExp): void {
  expect(outcome.code).toBe(code);
  expect(outcome.stdout).toBe('');
  const lines = outcome.stderr.trimEnd().split('\n');
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('report exit codes', { timeout: 240_000 }, () => {
  it('exits 0 with one JSON object on stdout and the summary on stderr', async () => {
    const outcome = await report('--tickets', fixture('tickets-part1.csv'), fixture('tickets-part2.csv'), '--from', '2024-03-01', '--to', '2024-03-31');
    expect(outcome.code, outcome.stderr).toBe(0);
    const json = JSON.parse(outcome.stdout);
    expect(json.import.tickets).toEqual({ files: 2, rows_read: 12, rows_loaded: 10, rows_rejected: 2, duplicates_replaced: 1 });
    expect(json.tickets.overall).toMatchObject({ total: 8, rated: 4, satisfaction_rate: 0.75, median_closure_hours: 30, p90_closure_hours: 144 });
    expect(outcome.stderr).toMatch(/1 × no key: the id is empty/);
  });

  it('exits 1 naming a missing file', async () => {
    expectOneLine(await report('--tickets', fixture('tickets-part1.csv'), fixture('missing.csv')), 1, /^report: test\/fixtures\/report\/missing\.csv: no such file/);
  });

  it('exits 1 for an image renamed .csv', async () => {
    expectOneLine(await report('--tickets', fixture('image.csv')), 1, /^report: test\/fixtures\/report\/image\.csv: this is an image, not a table export/);
  });

  it('exits 1 for a CSV with no ticket id column', async () => {
    expectOneLine(await report('--tickets', fixture('no-ticket-id.csv')), 1, /^report: test\/fixtures\/report\/no-ticket-id\.csv: not a 12345 tickets export: no column maps to 工单编号/);
  });

  it('exits 2 for a bad --from', async () => {
    expectOneLine(await report('--tickets', fixture('tickets.xlsx'), '--from', '2024-13-01'), 2, /^report: --from must be a date written YYYY-MM-DD, not "2024-13-01"/);
  });

  it('exits 1 for a settings file that is not one', async () => {
    expectOneLine(await report('--tickets', fixture('tickets.xlsx'), '--settings', fixture('grid.csv')), 1, /^report: test\/fixtures\/report\/grid\.csv: .*not JSON/);
  });
});
