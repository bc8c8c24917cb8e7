// What the SQL console refuses before DuckDB sees a statement. Reading is the console's job and
// stays free; what is refused is what would walk around the masked views (a qualified name
// reaching the raw tables, a function that reads a table or a file by its name), what would
// change the engine itself (ATTACH, SET, …), and any change to the tables the workbench owns — those change only through an import, so that a snapshot never stores a
// console edit and a restore never meets a table it did not write.
import { TABLE_NAMES } from '$lib/schema';
import { EXTRA_VALUES_TABLE } from '$lib/import/upsert';
import { ENGINE_FILE_PREFIX, SAMPLE_FILE } from '$lib/engine/types';

export interface ConsoleRules {
  /** Personal columns read through the masked views (the default). */
  masked: boolean;
  /** The user opted in to statements that change data. */
  allowWrites: boolean;
}

export type RefusalCode = 'engine-statement' | 'qualified-name' | 'raw-function' | 'raw-file' | 'internal-table' | 'protected-write';

export interface ConsoleRefusal {
  code: RefusalCode;
  /** The name or keyword refused, as typed. */
  subject: string;
  zh: string;
  en: string;
}

export type Token = { kind: 'word'; text: string; quoted: boolean } | { kind: 'string'; text: string } | { kind: 'symbol'; text: string };

/**
 * Words, strings and symbols of a statement; comments and blanks dropped. Enough of DuckDB's
 * lexer to tell a qualified name or a function call from the same letters inside a string.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"') {
      // Quotes double to escape themselves in both.
      let j = i + 1;
      let value = '';
      while (j < text.length) {
        if (text[j] === c && text[j + 1] === c) {
          value += c;
          j += 2;
        } else if (text[j] === c) break;
        else value += text[j++];
      }
      out.push(c === "'" ? { kind: 'string', text: value } : { kind: 'word', text: value, quoted: true });
      i = j + 1;
    } else if (c === '$') {
      // Dollar-quoted strings: $$…$$ or $tag$…$tag$.
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i));
      if (!tag) {
        out.push({ kind: 'symbol', text: c });
        i++;
        continue;
      }
      const end = text.indexOf(tag[0], i + tag[0].length);
      out.push({ kind: 'string', text: text.slice(i + tag[0].length, end < 0 ? text.length : end) });
      i = end < 0 ? text.length : end + tag[0].length;
    } else if (/[\p{L}_]/u.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\p{L}\p{N}_$]/u.test(text[j])) j++;
      out.push({ kind: 'word', text: text.slice(i, j), quoted: false });
      i = j;
    } else {
      out.push({ kind: 'symbol', text: c });
      i++;
    }
  }
  return out;
}

/** Unquoted words compare case-insensitively, as DuckDB's identifiers do. */
const norm = (t: Token) => (t.kind === 'word' && !t.quoted ? t.text.toLowerCase() : t.text);
const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && !t.quoted && words.includes(t.text.toUpperCase());

/** Statements that change the engine, not data: never from the console. */
const ENGINE_STATEMENTS = new Set([
  'ATTACH', 'DETACH', 'USE', 'SET', 'RESET', 'INSTALL', 'LOAD', 'FORCE', 'PRAGMA', 'CALL', 'COPY', 'EXPORT', 'IMPORT',
  'CHECKPOINT', 'VACUUM', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'PREPARE', 'EXECUTE', 'DEALLOCATE',
]);

/** Catalogs and schemas that hold the raw rows: a name qualified by one bypasses the masked views. */
const RAW_QUALIFIERS = new Set(['main', 'memory', 'sample', 'temp', 'system', 'pg_catalog']);

/** Functions that read a table or a file named in a string: the name is out of the masked views' reach. */
const RAW_FUNCTIONS = new Set([
  'query', 'query_table', 'read_csv', 'read_csv_auto', 'read_text', 'read_blob', 'read_json', 'read_json_auto', 'read_ndjson',
  'read_ndjson_auto', 'read_json_objects', 'sniff_csv', 'read_parquet', 'parquet_scan', 'parquet_metadata', 'parquet_schema', 'glob',
]);

/** Tables only an import may change: the canonical ones, their extra columns, and the workbench's own helpers. */
export function isProtectedName(name: string): boolean {
  const n = name.toLowerCase();
  return (TABLE_NAMES as string[]).includes(n) || n === EXTRA_VALUES_TABLE || n === 'work_calendar' || n === 'masked' || n.startsWith('__') || n.startsWith('wb_');
}

/** Tables the workbench uses internally (staging, copies): raw rows that no masked view covers. */
export function isInternalTable(name: string): boolean {
  return name.startsWith('__');
}

function refusal(code: RefusalCode, subject: string): ConsoleRefusal {
  const messages: Record<RefusalCode, [string, string]> = {
    'engine-statement': [`控制台不执行 ${subject} 语句：它改变的是引擎本身，而不是数据`, `the console does not run ${subject}: it changes the engine, not data`],
    'qualified-name': [
      `“${subject}.” 会绕过个人信息遮蔽：请直接写表名（如 tickets），或勾选“显示个人信息”`,
      `“${subject}.” would bypass the masking of personal data: name the table alone (e.g. tickets), or tick “show personal data”`,
    ],
    'raw-function': [
      `${subject}() 按名称读取表或文件，会绕过个人信息遮蔽；请直接查询表，或勾选“显示个人信息”`,
      `${subject}() reads a table or file by name and would bypass masking; query the table itself, or tick “show personal data”`,
    ],
    'raw-file': ['控制台不读取导入过程中的原始文件', 'the console does not read the raw files of an import'],
    'internal-table': [`${subject} 是工作台的内部表，含未遮蔽的原始数据`, `${subject} is an internal table of the workbench holding unmasked rows`],
    'protected-write': [
      `${subject} 只能通过导入修改（控制台的修改会在下次保存时写入存储）；可先 CREATE TABLE 我的表 AS SELECT … 再修改副本`,
      `${subject} changes only through an import (a console edit would reach storage with the next save); CREATE TABLE mine AS SELECT … and change the copy`,
    ],
  };
  const [zh, en] = messages[code];
  return { code, subject, zh, en };
}

/** The statement's own keyword: the first word, or after a WITH its main statement's. */
function mainKeyword(tokens: Token[]): { keyword: string; at: number } {
  if (!tokens.length) return { keyword: '', at: 0 };
  if (!isWord(tokens[0], 'WITH')) return { keyword: tokens[0].kind === 'word' ? tokens[0].text.toUpperCase() : tokens[0].text, at: 0 };
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'symbol' && t.text === '(') depth++;
    else if (t.kind === 'symbol' && t.text === ')') depth--;
    else if (depth === 0 && isWord(t, 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT')) return { keyword: t.text.toUpperCase(), at: i };
  }
  return { keyword: 'WITH', at: 0 };
}

/** A possibly qualified name starting at `i`: its parts, and the index after it. */
function nameAt(tokens: Token[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let j = i;
  while (tokens[j]?.kind === 'word') {
    parts.push(norm(tokens[j]));
    if (tokens[j + 1]?.kind === 'symbol' && tokens[j + 1].text === '.') j += 2;
    else {
      j++;
      break;
    }
  }
  return { parts, next: j };
}

const OBJECT_KINDS = ['TABLE', 'VIEW', 'MACRO', 'FUNCTION', 'SCHEMA', 'SEQUENCE', 'INDEX', 'TYPE'];

/** The objects a write statement changes, each as its name's parts. */
export function writeTargets(text: string): string[][] {
  const tokens = tokenize(text);
  const { keyword, at } = mainKeyword(tokens);
  let i = at + 1;
  const skip = (...words: string[]) => {
    while (isWord(tokens[i], ...words)) i++;
  };
  const one = () => [nameAt(tokens, i).parts];
  switch (keyword) {
    case 'INSERT':
      skip('OR', 'REPLACE', 'IGNORE', 'INTO');
      return one();
    case 'UPDATE':
      return one();
    case 'DELETE':
    case 'TRUNCATE':
      skip('FROM', 'TABLE');
      return one();
    case 'MERGE':
      skip('INTO');
      return one();
    case 'ALTER':
      skip(...OBJECT_KINDS, 'IF', 'EXISTS');
      return one();
    case 'COMMENT':
      skip('ON', ...OBJECT_KINDS, 'COLUMN');
      return one();
    case 'DROP': {
      skip(...OBJECT_KINDS, 'IF', 'EXISTS');
      const names: string[][] = [];
      for (;;) {
        const { parts, next } = nameAt(tokens, i);
        if (!parts.length) break;
        names.push(parts);
        if (tokens[next]?.kind === 'symbol' && tokens[next].text === ',') i = next + 1;
        else break;
      }
      return names;
    }
    case 'CREATE': {
      skip('OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'PERSISTENT', 'UNIQUE', ...OBJECT_KINDS, 'IF', 'NOT', 'EXISTS');
      const created = nameAt(tokens, i);
      const targets = [created.parts];
      // CREATE INDEX … ON table changes that table.
      if (isWord(tokens[created.next], 'ON')) targets.push(nameAt(tokens, created.next + 1).parts);
      return targets;
    }
    default:
      return [];
  }
}

/**
 * Why the console will not run `text` under `rules`, or null. `tables` are the table names DuckDB
 * found in the statement (getTableNames), for the internal-table rule.
 */
export function checkConsoleStatement(text: string, rules: ConsoleRules, tables: readonly string[] = []): ConsoleRefusal | null {
  const tokens = tokenize(text);
  const { keyword } = mainKeyword(tokens);
  if (ENGINE_STATEMENTS.has(keyword)) return refusal('engine-statement', keyword);

  if (rules.masked) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const next = tokens[i + 1];
      if (t.kind === 'word' && next?.kind === 'symbol' && next.text === '.' && RAW_QUALIFIERS.has(norm(t))) return refusal('qualified-name', t.text);
      if (t.kind === 'word' && next?.kind === 'symbol' && next.text === '(' && RAW_FUNCTIONS.has(norm(t))) return refusal('raw-function', t.text);
      if (t.kind === 'string' && (t.text.includes(ENGINE_FILE_PREFIX) || t.text.includes(SAMPLE_FILE))) return refusal('raw-file', t.text);
    }
    const internal = tables.find(isInternalTable);
    if (internal) return refusal('internal-table', internal);
  }

  // Read-only too: the rollback would undo it, but the user is told why rather than shown a
  // binder error from the masked view the name resolves to.
  for (const parts of writeTargets(text)) {
    const hit = parts.find((p, i) => (i === parts.length - 1 ? isProtectedName(p) : p === 'masked'));
    if (hit) return refusal('protected-write', parts.join('.'));
  }
  return null;
}
