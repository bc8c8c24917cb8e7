// Prepared statements kept per connection, by their SQL text. A page asks the same named queries
// again and again with other bound values (a filter changed, a brush moved): a kept statement is
// not parsed again, though DuckDB binds and plans it again at every run with parameters (the
// engine keeps a repeated read's values inlined for that: sync-engine.ts). DuckDB re-binds a kept
// statement by itself when a table it reads was replaced (an import, the sample's copy).

export interface StatementBindings {
  createPrepared(connection: number, text: string): number;
  closePrepared(connection: number, statement: number): void;
}

/**
 * Only reads are kept: a page's queries repeat, while statements that write (an import's staging
 * tables, a save) run once under names of their own and would only push the reads out.
 */
export function isKeptKind(text: string): boolean {
  return /^\s*(SELECT|WITH|FROM)\b/i.test(text);
}

export class StatementCache {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly statements = new Map<string, number>();

  constructor(
    private readonly bindings: StatementBindings,
    private readonly connection: number,
    readonly capacity = 64,
  ) {}

  get size(): number {
    return this.statements.size;
  }

  /** Whether a statement is kept for `text`. */
  has(text: string): boolean {
    return this.statements.has(text);
  }

  /**
   * Run `use` with the statement prepared for `text`. A statement whose run fails is closed and
   * forgotten, so a statement broken by a schema change is prepared afresh next time.
   */
  with<T>(text: string, use: (statement: number) => T): T {
    if (!isKeptKind(text)) return this.once(text, use);
    const statement = this.take(text);
    try {
      const result = use(statement);
      this.statements.set(text, statement);
      this.evictBeyondCapacity();
      return result;
    } catch (error) {
      this.close(statement);
      throw error;
    }
  }

  /** Close every kept statement (before the connection goes away). */
  clear(): void {
    for (const statement of this.statements.values()) this.close(statement);
    this.statements.clear();
  }

  private once<T>(text: string, use: (statement: number) => T): T {
    const statement = this.bindings.createPrepared(this.connection, text);
    try {
      return use(statement);
    } finally {
      this.close(statement);
    }
  }

  private take(text: string): number {
    const kept = this.statements.get(text);
    if (kept === undefined) return this.bindings.createPrepared(this.connection, text);
    // Out of the map while in use: a failure closes it without leaving a dangling entry.
    this.statements.delete(text);
    return kept;
  }

  private evictBeyondCapacity(): void {
    for (const [text, statement] of this.statements) {
      if (this.statements.size <= this.capacity) return;
      this.statements.delete(text);
      this.close(statement);
    }
  }

  private close(statement: number): void {
    try {
      this.bindings.closePrepared(this.connection, statement);
    } catch {
      // Already gone with its connection: nothing left to free.
    }
  }
}

/**
 * Texts seen recently, the oldest forgotten beyond `capacity`: which values a page has asked
 * for before, so that only a repeat is worth a statement of its own (SyncEngine.runPrepared).
 */
export class RecentTexts {
  private readonly texts = new Set<string>();

  constructor(readonly capacity = 256) {}

  /** Whether `text` was seen before; from now on it is the most recent. */
  seenBefore(text: string): boolean {
    const seen = this.texts.delete(text);
    this.texts.add(text);
    if (this.texts.size > this.capacity) this.texts.delete(this.texts.values().next().value as string);
    return seen;
  }
}
