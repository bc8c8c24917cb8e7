// SQL text is made here and nowhere else. A fragment carries its text with `?` placeholders and
// the values bound to them, so user text reaches DuckDB as a bound parameter, or as an escaped
// literal put in here (inlineParams: a read asked again, see engine/sync-engine.ts); identifiers
// are quoted with the quote character doubled. Fragments compose: a fragment interpolated into
// another brings its parameters along in order.

export type SqlValue = string | number | boolean | null | bigint;

export class SqlFragment {
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[] = [],
  ) {}

  /** SQL with every parameter inlined as an escaped literal: for display (口径 page) and EXPLAIN. */
  toInlineSql(): string {
    return inlineParams(this.text, this.params, literal);
  }
}

/**
 * `text` with its i-th `?` placeholder replaced by `render(params[i])`. A `?` inside a quoted
 * identifier, a string literal or a comment is text, not a placeholder (a user's column header
 * may hold one): both quote kinds escape by doubling, so toggling at every quote tracks them.
 */
export function inlineParams(text: string, params: readonly SqlValue[], render: (value: SqlValue) => string): string {
  let out = '';
  let from = 0;
  let next = 0;
  let quote: string | null = null;
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '-' && text[at + 1] === '-') {
      // A comment runs to the end of its line (or of a block): quotes in it are not quotes.
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end;
    } else if (c === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 1;
    } else if (c === '?') {
      if (next >= params.length) throw new Error(`more placeholders than the ${params.length} parameters`);
      out += text.slice(from, at) + render(params[next++]);
      from = at + 1;
    }
  }
  if (next !== params.length) throw new Error(`${params.length} parameters for ${next} placeholders`);
  return out + text.slice(from);
}

/**
 * A value as a literal DuckDB reads as it would bind the parameter: text and NULL untyped, so
 * that they take their type from where they stand as a parameter does; a number as the DOUBLE
 * that DuckDB-WASM's bindings make of every JavaScript number. One difference: a NULL with
 * nothing around it to type it (`SELECT ? AS x`) is an INTEGER column here, a VARCHAR one bound.
 */
export function boundLiteral(value: SqlValue): string {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    return Number.isFinite(n) ? `CAST(${String(n)} AS DOUBLE)` : 'NULL';
  }
  return literal(value);
}

export type SqlPart = SqlFragment | SqlValue | readonly SqlFragment[];

/**
 * Tagged template: `sql\`SELECT * FROM t WHERE a = ${value}\`` binds `value` as a parameter;
 * an interpolated fragment (from `ident`, another `sql`, `join`) is spliced in as SQL.
 */
export function sql(strings: TemplateStringsArray, ...parts: SqlPart[]): SqlFragment {
  let text = strings[0];
  const params: SqlValue[] = [];
  parts.forEach((part, i) => {
    if (part instanceof SqlFragment) {
      text += part.text;
      params.push(...part.params);
    } else if (Array.isArray(part)) {
      const joined = join(part as readonly SqlFragment[], ', ');
      text += joined.text;
      params.push(...joined.params);
    } else {
      text += '?';
      params.push(part as SqlValue);
    }
    text += strings[i + 1];
  });
  return new SqlFragment(text, params);
}

/** A quoted identifier: `ident('a"b')` is `"a""b"`. */
export function ident(name: string): SqlFragment {
  if (name.includes('\0')) throw new Error('identifier contains a NUL character');
  return new SqlFragment(`"${name.replace(/"/g, '""')}"`);
}

/** A qualified identifier such as a table in a schema: `qualified('main', 't')` is `"main"."t"`. */
export function qualified(...names: string[]): SqlFragment {
  return new SqlFragment(names.map((n) => ident(n).text).join('.'));
}

export function join(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  return new SqlFragment(
    fragments.map((f) => f.text).join(separator),
    fragments.flatMap((f) => f.params),
  );
}

/**
 * SQL written in this codebase (keywords, function names, fixed expressions). Never pass it
 * anything that came from a user or a file.
 */
export function trusted(text: string): SqlFragment {
  return new SqlFragment(text);
}

/** An escaped SQL literal: for display, for the few places DuckDB does not accept a parameter (DDL defaults), and under boundLiteral. */
export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    return String(value);
  }
  if (value.includes('\0')) throw new Error('string literal contains a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}
