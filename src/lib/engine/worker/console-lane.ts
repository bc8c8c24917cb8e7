// The SQL console's own lane in the engine worker: its own DuckDB connection (so its search path
// and transaction never touch the dashboards' connection) and its own queue (so a long console
// statement, polled in slices, lets the dashboards' queries run between its slices instead of
// holding them until it ends). A statement is checked (console/guard.ts), then run streamed with
// a row cap and interruptible by cancel; read-only unless the user opted in to writes.
//
// Masked by default: the session reads through views in the `masked` schema whose personal
// columns pass through the privacy macros, so an alias, a function or an aggregate of the raw
// value cannot exist in this mode — the raw value never reaches the statement.
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { checkConsoleStatement } from '$lib/console/guard';
import { EXTRA_VALUES_TABLE } from '$lib/import/upsert';
import { MASKED_SCHEMA, maskMacrosSql, maskedViewSql, maskMacroName } from '$lib/privacy/sql';
import { TABLE_NAMES, type TableName } from '$lib/schema';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import { SyncEngine } from '../sync-engine';
import type { ConsoleOptions, ConsoleResult } from '../../../../workers/engine-api';

export class ConsoleRefused extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = 'ConsoleRefused';
  }
}

export class ConsoleLane {
  private readonly engine: SyncEngine;
  private prepared = false;

  constructor(bindings: DuckDBBindings) {
    this.engine = SyncEngine.connect(bindings);
  }

  async run(text: string, options: ConsoleOptions, signal: AbortSignal): Promise<ConsoleResult> {
    const masked = !options.unmasked;
    const refusal = checkConsoleStatement(text, { masked, allowWrites: options.allowWrites }, this.tableNames(text));
    if (refusal) throw new ConsoleRefused(refusal.zh, refusal.en);

    await this.prepareOnce();
    if (masked) await this.makeMaskedViews();
    // Set before every statement. Masked, `tickets` is the masked view and a table the user
    // creates lands in the masked schema (the path's first); unmasked, the raw tables come first
    // and the user's own tables stay in reach.
    await this.exec(trusted(masked ? `SET search_path = '${MASKED_SCHEMA},main'` : `SET search_path = 'main,${MASKED_SCHEMA}'`));
    if (!options.allowWrites) await this.exec(trusted('BEGIN TRANSACTION'));
    try {
      return await this.engine.runCapped(text, options.rowCap, signal);
    } finally {
      // Whatever a read-only statement did (even COMMIT), nothing it wrote survives this.
      if (!options.allowWrites) await this.exec(trusted('ROLLBACK')).catch(() => undefined);
    }
  }

  /** The masking macros and the schema of the views (and of tables made while masked); both search paths name it. */
  private async prepareOnce(): Promise<void> {
    if (this.prepared) return;
    for (const statement of maskMacrosSql()) await this.exec(statement);
    await this.exec(sql`CREATE SCHEMA IF NOT EXISTS ${ident(MASKED_SCHEMA)}`);
    this.prepared = true;
  }

  /** DuckDB's own list of the tables a statement names; it also refuses `a; b` (one statement only). */
  private tableNames(text: string): string[] {
    try {
      return this.engine.bindings.getTableNames(this.engine.connection, text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/single statement/i.test(message)) throw new ConsoleRefused('控制台一次只执行一条语句', 'cannot run multiple statements at once');
      // A statement DuckDB cannot parse: running it gives DuckDB's own error, with its position.
      return [];
    }
  }

  /**
   * The masked views over whatever the canonical tables are now (the sample's views, restored or
   * imported tables): recreated before each masked statement, so a replaced table is never read
   * through a view bound to its old columns.
   */
  private async makeMaskedViews(): Promise<void> {
    const present = new Set(
      (await this.engine.query(sql`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
        UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`))
        .toArray()
        .map((r) => String(r.table_name)),
    );
    for (const table of TABLE_NAMES) if (present.has(table)) await this.exec(maskedViewSql(table as TableName));
    // Extra columns of an import keep any header: their values are masked as free text.
    if (present.has(EXTRA_VALUES_TABLE)) {
      await this.exec(
        sql`CREATE OR REPLACE VIEW ${ident(MASKED_SCHEMA)}.${ident(EXTRA_VALUES_TABLE)} AS
          SELECT * REPLACE (${trusted(maskMacroName('free-text'))}(value) AS value) FROM main.${ident(EXTRA_VALUES_TABLE)}`,
      );
    }
  }

  private async exec(statement: SqlFragment): Promise<void> {
    await this.engine.run(statement.text, statement.params);
  }
}
