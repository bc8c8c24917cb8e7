// The masking rules of mask.ts as DuckDB macros, for the SQL console's masked views: the console
// reads `tickets` through a view whose personal columns are already masked, so no alias, function
// or aggregate of a query can bring the clear value back. DuckDB's regular expressions (RE2) have
// no look-behind, so a boundary is matched as a character and each rule runs twice (two numbers
// one character apart share that character); digits of a door number are masked one per pass.
// test/unit/privacy/sql.test.ts holds these macros to the JavaScript rules on the same values.
import { TABLES, type TableName } from '$lib/schema';
import { ident, join, sql, trusted, type SqlFragment } from '$lib/sql';
import type { PersonalKind } from './mask';

/** The schema of the masked views; the console's unmasked mode reads `main`. */
export const MASKED_SCHEMA = 'masked';

/** A regular-expression replacement applied twice (see above). */
function twice(value: string, pattern: string, replacement: string): string {
  const once = (v: string) => `regexp_replace(${v}, '${pattern}', '${replacement}', 'g')`;
  return once(once(value));
}

const DIGITS = (v: string) => `length(regexp_replace(${v}, '[^0-9]', '', 'g'))`;

/** How many times a door number's digits are masked, one digit per pass: longer ones keep digits. */
const DOOR_PASSES = 8;

function doorPasses(value: string): string {
  let v = value;
  for (let i = 0; i < DOOR_PASSES; i++) {
    v = `regexp_replace(${v}, '[0-9]((?:[0-9*]|[-－—])*[ \\t]*[号栋幢座单元楼室户弄])', '*\\1', 'g')`;
    v = `regexp_replace(${v}, '(第[*]*)[0-9]', '\\1*', 'g')`;
  }
  return v;
}

/** Each macro's body: `v` is its one argument. */
const BODIES: Record<PersonalKind, string> = {
  name: `CASE WHEN v IS NULL THEN NULL WHEN length(trim(v)) <= 1 THEN repeat('*', length(trim(v))) ELSE left(trim(v), 1) || repeat('*', length(trim(v)) - 1) END`,
  phone: `CASE WHEN v IS NULL THEN NULL WHEN v = '' THEN '' ELSE list_aggregate(list_transform(range(1, length(v) + 1), i -> CASE
    WHEN NOT regexp_full_match(substr(v, i, 1), '[0-9]') THEN substr(v, i, 1)
    WHEN ${DIGITS('v')} < 7 THEN '*'
    WHEN ${DIGITS('substr(v, 1, i)')} <= 3 OR ${DIGITS('substr(v, 1, i)')} > ${DIGITS('v')} - 4 THEN substr(v, i, 1)
    ELSE '*' END), 'string_agg', '') END`,
  'id-number': `CASE WHEN v IS NULL THEN NULL
    WHEN regexp_full_match(trim(v), '[0-9]{17}[0-9Xx]') THEN left(trim(v), 6) || '********' || right(trim(v), 4)
    WHEN regexp_full_match(trim(v), '[0-9]{15}') THEN left(trim(v), 6) || '******' || right(trim(v), 3)
    ELSE regexp_replace(trim(v), '[0-9Xx]', '*', 'g') END`,
  'free-text': ((v: string) => {
    let t = v;
    t = twice(t, '(^|[^0-9Xx])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])($|[^0-9Xx])', '\\1\\2********\\3\\4');
    t = twice(t, '(^|[^0-9])([0-9]{6})[0-9]{6}([0-9]{3})($|[^0-9])', '\\1\\2******\\3\\4');
    t = twice(t, '(^|[^0-9+])((?:\\+?86[ \\t-]?)?1[3-9][0-9])([ \\t-]?)[0-9]{4}([ \\t-]?)([0-9]{4})($|[^0-9])', '\\1\\2\\3****\\4\\5\\6');
    t = twice(t, '(^|[^0-9])(\\(?0[0-9]{2,3}\\)?[ \\t-]?)[0-9]{4}([ \\t-]?)([0-9]{4})($|[^0-9])', '\\1\\2****\\3\\4\\5');
    t = twice(t, '(^|[^0-9])(\\(?0[0-9]{2,3}\\)?[ \\t-]?)[0-9]{3}([ \\t-]?)([0-9]{4})($|[^0-9])', '\\1\\2***\\3\\4\\5');
    return t;
  })('v'),
  address: 'wb_mask_free_text(' + doorPasses('v') + ')',
};

export function maskMacroName(kind: PersonalKind): string {
  return `wb_mask_${kind.replace('-', '_')}`;
}

/** The macros, free text first (the address macro calls it). Our own SQL: no user text in it. */
export function maskMacrosSql(): SqlFragment[] {
  const order: PersonalKind[] = ['free-text', 'name', 'phone', 'id-number', 'address'];
  return order.map((kind) => trusted(`CREATE OR REPLACE MACRO ${maskMacroName(kind)}(v) AS (${BODIES[kind]})`));
}

/** A personal column's value masked in SQL. */
export function maskedColumn(column: string, kind: PersonalKind): SqlFragment {
  return sql`${trusted(maskMacroName(kind))}(${ident(column)})`;
}

/** The console's view of a canonical table: every personal column masked by its kind. */
export function maskedViewSql(table: TableName): SqlFragment {
  const personal = TABLES[table].columns.filter((c) => c.pii);
  const select = personal.length
    ? sql`SELECT * REPLACE (${join(
        personal.map((c) => sql`${maskedColumn(c.name, c.pii!)} AS ${ident(c.name)}`),
        ', ',
      )}) FROM ${ident('main')}.${ident(table)}`
    : sql`SELECT * FROM ${ident('main')}.${ident(table)}`;
  return sql`CREATE OR REPLACE VIEW ${ident(MASKED_SCHEMA)}.${ident(table)} AS ${select}`;
}
