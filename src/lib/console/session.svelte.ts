// The console page's state: the statement being edited, the opt-ins, and the last run. One run at
// a time: a new run supersedes the one in flight (the engine drops it), and a superseded run
// leaves no trace here.
import type { Table } from 'apache-arrow';
import { isSuperseded } from '$lib/engine';
import { parseSqlError, type SqlErrorInfo } from './errors';
import type { HistoryEntry, QueryHistory } from './history';
import { resultSetOf, type ResultSet } from './result';
import { mayWrite } from './statement';

export interface UserSqlRunner {
  runUserSql(
    text: string,
    options: { allowWrites: boolean; unmasked: boolean; rowCap: number },
    signal?: AbortSignal,
  ): Promise<{ table: Table; truncated: boolean }>;
}

/**
 * Rows a console result keeps: enough to scroll, chart and export any aggregate, few enough that
 * a `SELECT *` of a million tickets cannot take the page's memory. The rest are never produced.
 */
export const CONSOLE_ROW_CAP = 200_000;

export type ConsoleRun =
  | { kind: 'idle' }
  | { kind: 'running'; sql: string; startedAt: number }
  | {
      kind: 'done';
      sql: string;
      result: ResultSet;
      ms: number;
      /** A write statement ran with writes allowed: the loaded data changed. */
      changedData: boolean;
      /** A write statement ran read-only: whatever it did was rolled back. */
      rolledBack: boolean;
      /** More rows than CONSOLE_ROW_CAP: the first ones are shown. */
      truncated: boolean;
      /** Personal columns came through the masked views. */
      masked: boolean;
    }
  | { kind: 'cancelled'; sql: string; ms: number }
  | { kind: 'error'; sql: string; error: SqlErrorInfo; ms: number };

export class SqlConsoleState {
  text = $state('');
  allowWrites = $state(false);
  showPersonal = $state(false);
  run = $state.raw<ConsoleRun>({ kind: 'idle' });
  /** Runs that finished (with a result or an error): a test hook to wait for the next one. */
  finishedRuns = $state(0);
  history = $state.raw<HistoryEntry[]>([]);
  /** Why history could not be read or saved; the console works on without it. */
  historyProblem = $state<string | null>(null);
  private runSerial = 0;
  private controller: AbortController | null = null;

  constructor(
    private readonly store: QueryHistory,
    private readonly onDataChanged: () => void,
  ) {}

  async loadHistory(): Promise<void> {
    try {
      this.history = await this.store.load();
    } catch (error) {
      this.historyProblem = messageOf(error);
    }
  }

  async clearHistory(): Promise<void> {
    this.history = [];
    try {
      await this.store.clear();
      this.historyProblem = null;
    } catch (error) {
      this.historyProblem = messageOf(error);
    }
  }

  async execute(runner: UserSqlRunner): Promise<void> {
    const sql = this.text;
    if (!sql.trim()) return;
    const serial = ++this.runSerial;
    const allowWrites = this.allowWrites;
    const unmasked = this.showPersonal;
    const writes = mayWrite(sql);
    const startedAt = performance.now();
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.run = { kind: 'running', sql, startedAt };
    let answer: { table: Table; truncated: boolean };
    try {
      answer = await runner.runUserSql(sql, { allowWrites, unmasked, rowCap: CONSOLE_ROW_CAP }, controller.signal);
    } catch (error) {
      if (serial !== this.runSerial) return;
      const ms = performance.now() - startedAt;
      if (controller.signal.aborted || isSuperseded(error)) {
        this.run = { kind: 'cancelled', sql, ms };
        this.finishedRuns++;
        return;
      }
      this.run = { kind: 'error', sql, error: parseSqlError(messageOf(error), sql), ms };
      this.finishedRuns++;
      this.remember({ sql, at: new Date().toISOString(), rows: null, ms: Math.round(ms), ok: false });
      return;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
    if (serial !== this.runSerial) return;
    const ms = performance.now() - startedAt;
    const result = resultSetOf(answer.table);
    this.run = {
      kind: 'done',
      sql,
      result,
      ms,
      changedData: writes && allowWrites,
      rolledBack: writes && !allowWrites,
      truncated: answer.truncated,
      masked: !unmasked,
    };
    this.finishedRuns++;
    this.remember({ sql, at: new Date().toISOString(), rows: result.rowCount, ms: Math.round(ms), ok: true });
    // With writes allowed, any statement may have changed the tables (the first-keyword guess
    // misses `WITH … DELETE`), so every view re-queries; costly only for the mounted page.
    if (allowWrites) this.onDataChanged();
  }

  /** Stop the running statement: the engine interrupts it and the dashboards' queries go on. */
  cancel(): void {
    this.controller?.abort();
  }

  /**
   * Personal data shown or hidden again: a reading statement runs again the other way, since
   * masking happens in the engine. A write is not repeated behind the user's back.
   */
  async setShowPersonal(show: boolean, runner: UserSqlRunner): Promise<void> {
    this.showPersonal = show;
    const last = this.run;
    if (last.kind === 'done' && last.masked === show && !mayWrite(last.sql) && last.sql === this.text) await this.execute(runner);
  }

  private remember(entry: HistoryEntry): void {
    const { entries, saved } = this.store.add(entry);
    this.history = entries;
    saved.then(
      () => (this.historyProblem = null),
      (error: unknown) => (this.historyProblem = messageOf(error)),
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
