// One parsed file into DuckDB and IndexedDB, all or nothing. The upsert is one transaction in
// the engine worker. The save comes after it (written by the worker, straight from DuckDB); if the
// save fails (quota, private mode), DuckDB is put back to what IndexedDB still holds — the
// previous record, the empty table, or the sample — so the two never disagree and a reload shows
// what the page showed before the import.
//
// The page may show the new figures as soon as the upsert has committed (`onCommitted`), while
// the save runs: the save writes a new generation and swaps the record in one step at its end
// (stored-tables.ts), so a reload meanwhile finds the previous record intact, never half of one.
import type { ParsedFile } from '../../../workers/import-api';
import { mergeMeta, type DatasetMeta, type DatasetStore } from './datasets';
import { countRows, emptyTable, loadSampleOnly, resetToEmpty, type DataEngine } from './dataset-sync';
import { isOutOfMemory, outOfMemory } from '$lib/import/errors';
import { isStorageFull } from '$lib/store/kv';

export interface CommitResult {
  table: ParsedFile['table'];
  rowsRead: number;
  rowsRejected: number;
  rowsLoaded: number;
  /** metrics.md: loaded rows that replaced an earlier row with the same key, in the table or earlier in the file. */
  duplicatesReplaced: number;
  meta: DatasetMeta;
}

/** A failure of the load step, with the one-line reason in both languages. */
export class CommitError extends Error {
  override readonly name = 'CommitError';
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** DuckDB's own words go to the console; the user reads what happened and what to do. */
function outOfMemoryError(error: unknown): CommitError {
  console.warn('the import ran out of memory', error);
  const { zh, en } = outOfMemory();
  return new CommitError(zh, en);
}

function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

export async function commitImport(
  engine: DataEngine,
  store: DatasetStore,
  parsed: ParsedFile,
  options: {
    replaceSample: boolean;
    now?: Date;
    /** Called once the rows are in DuckDB and before the save starts, with what the save will record. */
    onCommitted?: (result: CommitResult) => void;
  },
): Promise<CommitResult> {
  const table = parsed.table;
  const now = options.now ?? new Date();
  const report = parsed.report;
  const restoreBefore = async () => {
    if (options.replaceSample) {
      await loadSampleOnly(engine);
      return;
    }
    // A failed save never replaced the record: it still describes the table before this import.
    if (await store.load(table)) await engine.restoreStored(table);
    else await emptyTable(engine, table);
  };

  mark('workbench:import-commit');
  if (options.replaceSample) await resetToEmpty(engine);
  let counts;
  try {
    counts = parsed.staged
      ? await engine.upsertStaged(table, parsed.staged)
      : await engine.upsert(table, parsed.batches, parsed.extraBatches);
  } catch (error) {
    // The upsert rolled its transaction back; only the sample replacement needs undoing.
    if (options.replaceSample) await loadSampleOnly(engine).catch(() => undefined);
    if (isOutOfMemory(error)) throw outOfMemoryError(error);
    const detail = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
    throw new CommitError(`写入数据库失败，原有数据未受影响（${detail}）`, `loading into the database failed; the existing data is unchanged (${detail})`);
  }

  // Marks for the bench: how the commit splits between the upsert and the save.
  mark('workbench:import-upserted');
  try {
    const previous = options.replaceSample ? undefined : (await store.load(table))?.meta;
    const rows = await countRows(engine, table);
    const meta = mergeMeta(
      previous,
      table,
      rows,
      [{ name: parsed.file, size: parsed.size, importedAt: now.toISOString(), rowsRead: report.rowsRead, rejected: report.rowsRejected, replaced: report.duplicatesInFile + counts.replaced }],
      now,
    );
    const result: CommitResult = {
      table,
      rowsRead: report.rowsRead,
      rowsRejected: report.rowsRejected,
      rowsLoaded: report.rowsLoaded,
      duplicatesReplaced: report.duplicatesInFile + counts.replaced,
      meta,
    };
    // For the bench: from here the page shows the new figures; the save follows.
    mark('workbench:import-figures');
    options.onCommitted?.(result);
    await engine.persistTable(meta);
    mark('workbench:import-saved');
    return result;
  } catch (error) {
    await restoreBefore().catch((e) => console.error('could not put the table back after a failed save', e));
    if (isStorageFull(error)) {
      throw new CommitError(
        '浏览器存储空间不足，无法保存本次导入；本次导入已撤销，原有数据未变。请删除不用的数据集后重试',
        'the browser storage is full, so this import could not be saved; it was undone and the existing data is unchanged',
      );
    }
    if (isOutOfMemory(error)) throw outOfMemoryError(error);
    const detail = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : String(error);
    throw new CommitError(`保存到浏览器存储失败，本次导入已撤销，原有数据未变（${detail}）`, `saving to browser storage failed; the import was undone (${detail})`);
  }
}
