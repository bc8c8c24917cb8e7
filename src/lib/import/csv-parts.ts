// A CSV read into its raw table part by part while the import worker scans (and, for GB18030,
// transcodes) the rest (csv-prepare.ts PartsWriter): the file is read once, by the worker. Each
// part ends where a record ends, so reading the parts one after the other gives the rows, and the
// rowids, one read of the whole would give (the first part skips the title rows and the header).
//
// The parts' statements run in one transaction on a connection of their own. Each INSERT on its
// own would commit, and DuckDB checkpoints after a commit that logged more than its threshold: in
// Node, twelve 33 MB parts of a 1M-row export took 10.6 s that way against 3.1 s in one
// transaction (and 2.5 s for one read of the whole file). The connection is the import's alone,
// so the page's queries and other writes never run inside that transaction.
//
// A mapped timestamp or count column is read typed while the scan has found each of its cells so
// far plain, a yes/no column while its cells so far are one word for yes and one for no
// (readableSoFar): the first part decides which columns the raw table types, and a later part
// that the scan no longer finds so turns its column back to text first. A plain value's text
// back from its type (`2024-01-05 13:05:00.5`) is plain as well and has the same value, and a
// yes/no value goes back to its own word, so staging finds what it would have found in the
// file's own text.
//
// Every part after the first is read behind an empty line, the file's own line break: without
// new_line, DuckDB takes the first line break it meets for the file's, even one inside quotes, so
// a part of a CRLF file whose first record has a quoted LF was refused. It skips the empty line
// without a row.
import { isLanePart, type LanePart } from '$lib/engine/part-lane';
import type { BytePieces } from '$lib/engine/pieces-file';
import type { Engine, EngineTransaction } from '$lib/engine/types';
import { ident, sql } from '$lib/sql';
import { engineFileName, rawReadOf, type CsvHead, type EarlyRead, type ReadAs } from './engine-csv';
import { rawCellText, rawTableName, readRawTable } from './raw-read';

/** A new array each time: a part's buffers are transferred to the engine worker. */
const lineBreakBytes = (crlf: boolean) => (crlf ? Uint8Array.of(0x0d, 0x0a) : Uint8Array.of(0x0a));

/** Where the parts' files come from: the pieces themselves, or a lane's part (in the browser, part-lane.ts). */
export interface PartFiles extends Pick<Engine, 'registerFile' | 'dropFile'> {
  registerLanePart?(name: string, part: LanePart, before: Uint8Array[]): Promise<void>;
}

/** A part as the page has it: its bytes, or what the import worker sent on a lane. */
export type HandedPart = BytePieces | LanePart;

export function endsWithCrlf(part: BytePieces): boolean {
  const last = part.at(-1);
  if (!last || last.length === 0) return false;
  const before = last.length >= 2 ? last[last.length - 2] : part.at(-2)?.at(-1);
  return last[last.length - 1] === 0x0a && before === 0x0d;
}

export class CsvPartsRead implements EarlyRead {
  readonly engineFile = null;
  /** DuckDB's refusal, or null once every part is in the raw table and committed. */
  readonly read: Promise<string | null>;
  private chain: Promise<void>;
  private parts = 0;
  private bytes = 0;
  private done = false;
  private refusal: string | null = null;
  /** Whether the previous part ended with CRLF (every part but the last ends with a line break). */
  private crlf = false;
  private settle: (refusal: string | null) => void = () => undefined;
  private fail: (error: unknown) => void = () => undefined;
  private transaction: Promise<EngineTransaction | null>;
  private readonly rawRead: ReturnType<typeof rawReadOf>;
  /** The raw table's typed columns and how: chosen by the first part, only ever fewer after (a yes/no column's words may grow). */
  readonly typed = new Map<number, ReadAs>();
  /** Every column some part read typed, including those turned back to text since. */
  readonly everTyped = new Set<number>();

  constructor(
    /** For the parts' files, which belong to the database rather than to a connection. */
    private readonly engine: PartFiles,
    begin: () => Promise<EngineTransaction>,
    head: Pick<CsvHead, 'delimiter' | 'headerIndex' | 'width' | 'decision'>,
    readonly id: string,
  ) {
    this.rawRead = rawReadOf(head);
    this.read = new Promise<string | null>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.read.catch(() => undefined);
    this.transaction = begin();
    this.transaction.catch(() => undefined);
    this.chain = this.transaction.then(() => undefined);
  }

  /** UTF-8 bytes of the parts added so far: all of the file's once the last is in. */
  get totalBytes(): number {
    return this.bytes;
  }

  /**
   * The next part (in order); `last` once the whole file has been handed on. `readable`: the
   * columns its read may type (onPart); none: all text.
   */
  add(part: HandedPart, last: boolean, readable: readonly ReadAs[] = []): void {
    if (this.done) return;
    if (last) this.done = true;
    const index = this.parts++;
    const bytes = isLanePart(part) ? part.bytes : part.reduce((n, p) => n + p.length, 0);
    this.bytes += bytes;
    const before = index === 0 ? [] : [lineBreakBytes(this.crlf)];
    if (!last) this.crlf = isLanePart(part) ? part.endsWithCrlf : endsWithCrlf(part);
    this.chain = this.chain
      .then(async () => {
        const tx = await this.transaction;
        // Refused, or abandoned while this part waited: nothing more to read.
        if (!tx || this.refusal) return;
        if (bytes > 0) await this.readPart(tx, part, before, index, readable);
        if (this.refusal) return;
        if (last) {
          await tx.commit();
          this.settle(null);
        }
      })
      .catch(async (error: unknown) => {
        await this.abandon();
        this.fail(error);
      });
  }

  /**
   * Roll back whatever the parts have read (the raw table goes with it); `read` then rejects
   * unless it has settled already. Safe to call more than once.
   */
  async abandon(): Promise<void> {
    this.done = true;
    const tx = this.transaction;
    this.transaction = Promise.resolve(null);
    await (await tx.catch(() => null))?.rollback().catch(() => undefined);
    this.fail(new Error('the read of the parts was abandoned'));
  }

  private async readPart(tx: EngineTransaction, part: HandedPart, before: Uint8Array[], index: number, readable: readonly ReadAs[]): Promise<void> {
    const raw = rawTableName(this.id);
    const now = new Map(readable.map((r) => [r.column, r]));
    if (index === 0) {
      for (const [column, as] of now) {
        this.typed.set(column, as);
        this.everTyped.add(column);
      }
    } else {
      for (const [column, as] of [...this.typed]) {
        const still = now.get(column);
        if (still?.type === as.type) this.typed.set(column, still);
        else {
          await tx.exec(sql`ALTER TABLE ${ident(raw)} ALTER ${ident(`c${column}`)} SET DATA TYPE VARCHAR USING ${rawCellText(ident(`c${column}`), as)}`);
          this.typed.delete(column);
        }
      }
    }
    const engineFile = engineFileName();
    if (!isLanePart(part)) await this.engine.registerFile(engineFile, [...before, ...part]);
    else if (this.engine.registerLanePart) await this.engine.registerLanePart(engineFile, part, before);
    else throw new Error('a part came on a lane, and this engine has none');
    try {
      const refusal = await readRawTable(tx, raw, {
        ...this.rawRead,
        engineFile,
        // Lines, as DuckDB counts them: the title rows and the header are in the first part only
        // (a later part's leading empty line is skipped as every blank line is).
        skip: index === 0 ? this.rawRead.skip : 0,
        append: index > 0,
        inMemory: true,
        types: this.typed,
      });
      if (refusal) {
        this.refusal = refusal;
        this.settle(refusal);
        await this.abandon();
      }
    } finally {
      await this.engine.dropFile(engineFile).catch(() => undefined);
    }
  }
}
