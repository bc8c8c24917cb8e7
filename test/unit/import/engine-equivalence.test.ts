// The engine path (DuckDB's reader + set-based validation) must give exactly the JavaScript
// path's result: the same report (every count, every issue with its row, column, value and
// reason), the same preview, mapping and header decision, and the same rows and extras after
// the upsert. Compared on the fixtures, on the bad-input corpus, and on generated files full of
// the shapes real exports have — and the generated files must really take the engine path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeEngine } from '$lib/engine/node-engine';
import { loadParsedImport, parseImport, parseImportWithEngine, type ParsedImport } from '$lib/import';
import { sql } from '$lib/sql';
import { dropStaged } from '$lib/import/upsert';
import { gb18030, messyTickets } from './messy';

let enginePath: NodeEngine;
let jsPath: NodeEngine;
beforeAll(async () => {
  enginePath = await NodeEngine.start();
  jsPath = await NodeEngine.start();
});
afterAll(() => {
  enginePath.close();
  jsPath.close();
});

const encode = (s: string) => new TextEncoder().encode(s);

function comparable(p: ParsedImport) {
  const { batches: _b, extraBatches: _e, staged: _s, ...rest } = p;
  return rest;
}

async function tableRows(engine: NodeEngine, query: string): Promise<unknown[]> {
  const t = await engine.query(sql([query] as unknown as TemplateStringsArray));
  return t.toArray().map((r) => JSON.parse(JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v))));
}

async function reset(): Promise<void> {
  for (const e of [enginePath, jsPath]) {
    await e.exec(sql`DROP TABLE IF EXISTS tickets`);
    await e.exec(sql`DROP TABLE IF EXISTS enterprise_requests`);
    await e.exec(sql`DROP TABLE IF EXISTS import_extra_values`);
  }
}

/** The engine, with the text of every statement it runs pushed onto `statements`. */
function recordingEngine(engine: NodeEngine, statements: string[]): NodeEngine {
  return new Proxy(engine, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (key !== 'query' && key !== 'exec') return value.bind(target);
      return (q: { text: string }) => {
        statements.push(q.text);
        return value.call(target, q);
      };
    },
  });
}

let lastFallback = '';

/** Both paths on one file; returns whether the engine path was taken. */
async function expectSame(name: string, bytes: Uint8Array, options: { table?: 'tickets' | 'enterprise_requests' } = {}): Promise<boolean> {
  await reset();
  lastFallback = '';
  const js = await parseImport({ name, bytes }, options).catch((e: unknown) => e);
  const viaEngine = await parseImportWithEngine(enginePath, { name, bytes }, { ...options, engineMinBytes: 0, onFallback: (why) => (lastFallback = why) }).catch(
    (e: unknown) => e,
  );
  if (js instanceof Error) {
    expect(viaEngine).toBeInstanceOf(Error);
    expect({ ...(viaEngine as Error) }).toEqual({ ...js });
    expect((viaEngine as Error).message).toBe(js.message);
    return false;
  }
  expect(viaEngine).not.toBeInstanceOf(Error);
  const e = viaEngine as ParsedImport;
  expect(comparable(e)).toEqual(comparable(js as ParsedImport));
  const loadedJs = await loadParsedImport(jsPath, js as ParsedImport);
  const loadedEngine = await loadParsedImport(enginePath, e);
  expect(loadedEngine).toEqual(loadedJs);
  const table = (js as ParsedImport).table;
  const key = table === 'tickets' ? 'ticket_id' : 'request_id';
  const ordered = `SELECT * FROM ${table} ORDER BY ${key}`;
  expect(await tableRows(enginePath, ordered)).toEqual(await tableRows(jsPath, ordered));
  const extras = 'SELECT * FROM import_extra_values ORDER BY ALL';
  const hasExtras = (await tableRows(jsPath, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'import_extra_values'")) as { n: string }[];
  if (Number(hasExtras[0].n) > 0) expect(await tableRows(enginePath, extras)).toEqual(await tableRows(jsPath, extras));
  if (!e.staged && process.env.SHOW_FALLBACK) console.log(name, 'fell back:', lastFallback);
  return Boolean(e.staged);
}

const fixtures = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

describe('engine path = JavaScript path', () => {
  it.each(['gbk-title.csv', 'utf8-bom.csv', 'quirks.csv', 'ragged.csv', 'month-04.csv', 'month-05.csv', 'empty.csv', 'image.csv'])('fixture %s', async (name) => {
    await expectSame(name, new Uint8Array(readFileSync(`${fixtures}${name}`)), { table: 'tickets' });
  });

  it('fixture enterprise.csv', async () => {
    await expectSame('enterprise.csv', new Uint8Array(readFileSync(`${fixtures}enterprise.csv`)));
  });

  it('takes the engine path where DuckDB reads the file as csv.ts does, and only there', async () => {
    const read = (name: string) => new Uint8Array(readFileSync(`${fixtures}${name}`));
    expect(await expectSame('gbk-title.csv', read('gbk-title.csv'), { table: 'tickets' })).toBe(true);
    expect(await expectSame('utf8-bom.csv', read('utf8-bom.csv'), { table: 'tickets' })).toBe(true);
    expect(await expectSame('month-04.csv', read('month-04.csv'), { table: 'tickets' })).toBe(true);
    expect(await expectSame('enterprise.csv', read('enterprise.csv'))).toBe(true);
    // Short and long rows: DuckDB's strict reader refuses them, so the JavaScript path reads them.
    expect(await expectSame('quirks.csv', read('quirks.csv'), { table: 'tickets' })).toBe(false);
    expect(await expectSame('ragged.csv', read('ragged.csv'), { table: 'tickets' })).toBe(false);
  });

  it('rows of whitespace-only cells are blank rows, whatever whitespace their first cell holds', async () => {
    // The engine path looks for blank rows only among rows whose first cell is missing or starts
    // with whitespace: every such shape, next to rows that only start like a blank one.
    const header = '工单编号,受理时间,来源渠道,诉求内容';
    const rows = [
      'HM1,2024-01-05 13:05:00,电话,a',
      ',,,',
      ' , ,\u3000,\t',
      '"",,"",',
      '\u3000,,,',
      '\u00a0,\u2003,,\ufeff',
      ' ,2024-01-05 13:05:00,电话,starts blank',
      '\u3000HM2,2024-01-06 13:05:00,,b',
      'HM3,2024-02-30 10:00:00,,invalid day',
      'HM4,1899-12-31 23:59:59,,too early',
    ];
    expect(await expectSame('blank-like.csv', encode([header, ...rows].join('\n') + '\n'), { table: 'tickets' })).toBe(true);
  });

  it('runs the pass for cells with whitespace at an edge only when the scan saw one below the header', async () => {
    const edgyPasses = async (name: string, text: string) => {
      const statements: string[] = [];
      const recording = new Proxy(enginePath, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'exec' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return (q: { text: string }) => {
            statements.push(q.text);
            return value.call(target, q);
          };
        },
      });
      await reset();
      const parsed = await parseImportWithEngine(recording, { name, bytes: encode(text) }, { table: 'tickets', engineMinBytes: 0 });
      expect(parsed.staged, name).toBeTruthy();
      expect(await expectSame(name, encode(text), { table: 'tickets' })).toBe(true);
      return statements.filter((t) => /_edgy"/.test(t) && /^\s*CREATE/.test(t)).length;
    };
    // Whitespace in the title and header cells only: the rows need no such pass.
    const title = ' 2024年12345工单导出 \n';
    const header = '工单编号, 受理时间 ,来源渠道,诉求内容\n';
    const rows = ['HM1,2024-01-05 13:05:00,电话,路灯不亮', 'HM2,2024-01-06 08:00:00,网络,“噪音”（夜间）'];
    expect(await edgyPasses('clean.csv', title + header + rows.join('\n') + '\n')).toBe(0);
    // One ideographic space at the end of the last row's last cell: the pass runs and finds it.
    expect(await edgyPasses('edgy.csv', title + header + [...rows, 'HM3,2024-01-07 09:00:00,电话,井盖缺失\u3000'].join('\n'))).toBe(1);
  });

  /** The statements a ticket file's staging runs; the file must take the engine path and give the JavaScript path's result. */
  async function stagingStatements(name: string, text: string): Promise<string[]> {
    const statements: string[] = [];
    await reset();
    const parsed = await parseImportWithEngine(recordingEngine(enginePath, statements), { name, bytes: encode(text) }, { table: 'tickets', engineMinBytes: 0 });
    expect(parsed.staged, name).toBeTruthy();
    expect(await expectSame(name, encode(text), { table: 'tickets' })).toBe(true);
    return statements;
  }

  it("leaves out the checks the scan's facts answer, and runs each one the file needs: the same result either way", async () => {
    const checksRun = async (name: string, text: string) => {
      const statements = await stagingStatements(name, text);
      return {
        // The raw columns: c0 id, c1 受理时间, c2 来源渠道, c3 办结时间.
        timestampLookups: statements.filter((t) => /^SELECT DISTINCT v FROM \(SELECT r\."c[13]"/.test(t)).length,
        blankSearch: statements.some((t) => /_blank_ids" AS/.test(t)),
        keyCount: statements.some((t) => /count\(DISTINCT "ticket_id"\)/.test(t)),
        orderCheck: statements.some((t) => /'closed-before-received'/.test(t)),
      };
    };
    const header = '工单编号,受理时间,来源渠道,办结时间';
    const rows = ['HM1,2024-01-05 13:05:00,电话,2024-01-06 09:00:00', 'HM2,2024-01-06T08:00:00.5,网络,', 'HM3,2024-01-07 10:00:00,电话,2024-01-08 10:00:00.000'];
    const file = (...lines: string[]) => [header, ...lines].join('\n') + '\n';
    expect(await checksRun('clean.csv', file(...rows))).toEqual({ timestampLookups: 0, blankSearch: false, keyCount: false, orderCheck: false });
    // An odd time in one column: that column's lookup runs (and finds it), the other's does not;
    // the order of the two columns is then checked by the engine.
    expect(await checksRun('odd-time.csv', file(...rows, 'HM4,2024/1/9 10:00,电话,'))).toEqual({ timestampLookups: 1, blankSearch: false, keyCount: false, orderCheck: true });
    // A repeated key: counted, and reported as the JavaScript path reports it.
    expect(await checksRun('repeat.csv', file(...rows, 'HM2,2024-01-09 10:00:00,电话,'))).toEqual({ timestampLookups: 0, blankSearch: false, keyCount: true, orderCheck: false });
    // A row that may be blank: searched for.
    expect(await checksRun('blank.csv', file(...rows, ',,,'))).toEqual({ timestampLookups: 0, blankSearch: true, keyCount: true, orderCheck: false });
    // Closed before received: the check runs and warns as the JavaScript path does.
    expect(await checksRun('early.csv', file(...rows, 'HM4,2024-01-09 10:00:00,电话,2024-01-09 09:59:59'))).toEqual({ timestampLookups: 0, blankSearch: false, keyCount: false, orderCheck: true });
  });

  it("builds token lookups from the values the scan listed, and skips plain number columns' lookups: the same result", async () => {
    const distinctQueries = async (name: string, text: string) => (await stagingStatements(name, text)).filter((t) => /^SELECT DISTINCT v FROM/.test(t)).length;
    const header = '工单编号,受理时间,所属区镇,是否解决,退单次数';
    const rows = ['HM1,2024-01-05 13:05:00,三厂,是,0', 'HM2,2024-01-06 08:00:00,海门街道,否,', 'HM3,2024-01-07 10:00:00,不存在镇,也许,2', 'HM4,2024-01-07 11:00:00,,,-1'];
    const file = (...lines: string[]) => [header, ...lines].join('\n') + '\n';
    // Township aliases resolved, an unknown township and an odd token warned about: all from the listed values.
    expect(await distinctQueries('tokens.csv', file(...rows))).toBe(0);
    // A quoted township and an odd count: those two columns are asked of DuckDB.
    expect(await distinctQueries('quoted.csv', file(...rows, 'HM5,2024-01-08 10:00:00,"常乐镇",是,1.0'))).toBe(2);
  });

  it('makes no flagged-cells table when the scan proved every column clean, and makes it for each cell that may be flagged: the same result', async () => {
    const flagged = async (name: string, text: string) => (await stagingStatements(name, text)).some((t) => /_flagged" AS/.test(t));
    const header = '工单编号,受理时间,省工单号,来源渠道';
    const rows = ['HM1,2024-01-05 13:05:00,P320001,电话', 'HM2,2024-01-06 08:00:00,,网络', 'HM3,2024-01-07 10:00:00,P320003,电话'];
    const file = (...lines: string[]) => [header, ...lines].join('\n') + '\n';
    expect(await flagged('clean.csv', file(...rows))).toBe(false);
    // A required time missing (rejected), a key and an id in scientific notation (rejected; warned), a quoted key.
    expect(await flagged('no-time.csv', file(...rows, 'HM4,,P320004,电话'))).toBe(true);
    expect(await flagged('damaged-key.csv', file(...rows, '3.2E+15,2024-01-08 10:00:00,P320005,电话'))).toBe(true);
    expect(await flagged('damaged-id.csv', file(...rows, 'HM6,2024-01-08 10:00:00,3.2E+15,电话'))).toBe(true);
    expect(await flagged('quoted-key.csv', file(...rows, '"HM7",2024-01-08 10:00:00,P320007,电话'))).toBe(true);
  });

  it('counts the rows a later export replaces as the JavaScript path does, and counts the staged rows once', async () => {
    await reset();
    // Two exports sharing 200 keys, the later one also repeating 20 of its own.
    const header = '工单编号,受理时间,来源渠道,诉求内容';
    const row = (i: number, day: number) => `HM${String(i).padStart(6, '0')},2024-03-${String(day).padStart(2, '0')} 08:00:00,电话,第${day}日的诉求`;
    const first = [header, ...Array.from({ length: 500 }, (_, i) => row(i, 1))].join('\n');
    const later = [header, ...Array.from({ length: 400 }, (_, i) => row(i + 300, 2)), ...Array.from({ length: 20 }, (_, i) => row(i + 650, 3))].join('\n');
    const statements: string[] = [];
    const recording = recordingEngine(enginePath, statements);
    const results = [];
    for (const [name, text] of [['first.csv', first], ['later.csv', later]]) {
      const js = await parseImport({ name, bytes: encode(text) }, { table: 'tickets' });
      const viaEngine = await parseImportWithEngine(enginePath, { name, bytes: encode(text) }, { table: 'tickets', engineMinBytes: 0 });
      expect(viaEngine.staged, name).toBeTruthy();
      statements.length = 0;
      const loadedEngine = await loadParsedImport(recording, viaEngine);
      expect(loadedEngine).toEqual(await loadParsedImport(jsPath, js));
      // The validation counted the staged rows and keys: the upsert asks only what they replace.
      expect(statements.filter((t) => /count\(\*\)/.test(t))).toEqual([]);
      results.push(loadedEngine);
    }
    // By hand: keys 0–499 new; then keys 300–699 (400) and 650–669 again (20 rows): 400 distinct
    // keys, 200 of them already in the table (300–499), 20 repeated within the file.
    expect(results[0]).toMatchObject({ inserted: 500, duplicatesReplaced: 0 });
    expect(results[1]).toMatchObject({ inserted: 400, duplicatesReplaced: 200 + 20 });
    const ordered = 'SELECT * FROM tickets ORDER BY ticket_id';
    expect(await tableRows(enginePath, ordered)).toEqual(await tableRows(jsPath, ordered));
    expect((await tableRows(enginePath, 'SELECT count(*) AS n FROM tickets'))[0]).toEqual({ n: '700' });
  });

  it('types the rows in place into an empty table, and copies them into a table that has rows: the same rows as the JavaScript path', async () => {
    await reset();
    // Out of the canonical order, most canonical columns absent, an unmapped column (an extra), a
    // blank row, a rejected row (no key) and a warning (an unknown township).
    const header = '受理时间,工单编号,备注,所属区镇,是否涉企,退单次数';
    // Twenty more rows: the two not loaded are then under a tenth of the raw table (in-place.ts).
    const filler = Array.from({ length: 20 }, (_, i) => `2024-03-0${1 + (i % 9)} 07:00:00,HM9${String(i).padStart(2, '0')},,余东镇,否,0`);
    const rows = [
      '2024-03-01 08:00:00,HM1,甲,海门街道,是,1',
      ',,,,,',
      '2024-03-02 09:30:00,,乙,海门街道,否,0',
      '2024-03-03 10:00:00,HM3,丙,火星镇,否,2',
      '2024-03-04 11:15:00,HM4,,余东镇,,',
      ...filler,
    ];
    const later = ['2024-03-05 12:00:00,HM4,丁,余东镇,是,3', '2024-03-06 13:00:00,HM5,戊,海门街道,否,0'];
    const statements: string[] = [];
    const recording = recordingEngine(enginePath, statements);
    const renamedToTickets = () => statements.some((t) => /^ALTER TABLE "__import_\w+_raw" RENAME TO "tickets"$/.test(t));
    for (const [name, lines, inPlace] of [
      ['first.csv', rows, true],
      ['later.csv', later, false],
    ] as const) {
      if (name === 'first.csv') {
        // Without the filler, two of five rows are not loaded: too many to leave in the table.
        const few = encode([header, ...rows.slice(0, 5)].join('\n') + '\n');
        const staged = await parseImportWithEngine(enginePath, { name, bytes: few }, { table: 'tickets', engineMinBytes: 0 });
        expect(staged.staged?.inPlace).toBeUndefined();
        await dropStaged(enginePath, staged.staged!);
      }
      const bytes = encode([header, ...lines].join('\n') + '\n');
      const js = await parseImport({ name, bytes }, { table: 'tickets' });
      const viaEngine = await parseImportWithEngine(enginePath, { name, bytes }, { table: 'tickets', engineMinBytes: 0 });
      expect(viaEngine.staged, name).toBeTruthy();
      expect(comparable(viaEngine)).toEqual(comparable(js));
      statements.length = 0;
      expect(await loadParsedImport(recording, viaEngine)).toEqual(await loadParsedImport(jsPath, js));
      expect(renamedToTickets(), name).toBe(inPlace);
    }
    // By hand: HM1, HM3, HM4 from the first file (the blank row skipped, the keyless row
    // rejected), HM4 replaced and HM5 added by the later one.
    const ordered = 'SELECT * FROM tickets ORDER BY ticket_id';
    expect((await tableRows(enginePath, ordered)).map((r) => (r as { ticket_id: string }).ticket_id).filter((k) => !k.startsWith('HM9'))).toEqual(['HM1', 'HM3', 'HM4', 'HM5']);
    expect(await tableRows(enginePath, 'SELECT count(*) AS n FROM tickets')).toEqual([{ n: '24' }]);
    expect(await tableRows(enginePath, ordered)).toEqual(await tableRows(jsPath, ordered));
    // The table made in place has the canonical table's columns, in its order and of its types.
    const columns = "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'tickets' ORDER BY column_index";
    expect(await tableRows(enginePath, columns)).toEqual(await tableRows(jsPath, columns));
    const extras = 'SELECT * FROM import_extra_values ORDER BY ALL';
    expect(await tableRows(enginePath, extras)).toEqual(await tableRows(jsPath, extras));
  });

  it.each([
    ['LF', { crlf: false, trailing: false, title: false, blanks: false }],
    ['CRLF, title and group rows', { crlf: true, trailing: false, title: true, blanks: false }],
    ['trailing delimiter, blank lines', { crlf: false, trailing: true, title: true, blanks: true }],
    ['CRLF, blank lines, GB18030', { crlf: true, trailing: true, title: true, blanks: true, gbk: true }],
  ] as const)('generated messy tickets: %s', async (_, shape) => {
    // U+00A0 has no two-byte GBK code; the GBK variant writes a plain space instead.
    const text = 'gbk' in shape ? messyTickets(600, shape).replace(/\u00a0/g, ' ') : messyTickets(600, shape);
    const bytes = 'gbk' in shape ? gb18030(text) : encode(text);
    expect(await expectSame('messy.csv', bytes, { table: 'tickets' })).toBe(true);
  });
});

const corpus = fileURLToPath(new URL('../../../../shared/corpus/duckdb-csv', import.meta.url));
const corpusFiles = existsSync(corpus) ? readdirSync(corpus).sort() : [];

describe.skipIf(corpusFiles.length === 0)('engine path = JavaScript path on the bad-input corpus', () => {
  it.each(corpusFiles)('%s', async (name) => {
    await expectSame(name, new Uint8Array(readFileSync(`${corpus}/${name}`)), { table: 'tickets' });
  });
});

