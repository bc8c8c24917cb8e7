// The scan's facts about data cells (cell-facts.ts) may only be claimed where the statement they
// replace would have found nothing: checked against DuckDB's own answer for the timestamp rule,
// and against facts worked out from the cells themselves for files cut into chunks of every size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { HashPairSet, KeySet, MAX_KEYS, MAX_TOKENS, NOT_PLAIN, isScientific, plainTimestampKey } from '$lib/import/cell-facts';
import { scanCsvBytes } from '$lib/import/csv-scan';
import { cellSql } from '$lib/import/staged-csv';
import { literal, sql, trusted } from '$lib/sql';

const encode = (s: string) => new TextEncoder().encode(s);
const plain = (s: string) => {
  const b = encode(s);
  return plainTimestampKey(b, 0, b.length) !== NOT_PLAIN;
};

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
});
afterAll(() => engine.close());

const SHAPES = [
  '2024-01-05 13:05:00', '2024-01-05T13:05:00', '2024-01-05 13:05:00.0', '2024-01-05 13:05:00.25', '2024-01-05 23:59:59.999',
  '2024-02-29 23:59:59', '2000-02-29 00:00:00', '1900-02-28 00:00:00', '2100-12-31 23:59:59', '1900-01-01 00:00:00',
  // Not simple, each for its own reason.
  '2023-02-29 10:00:00', '1900-02-29 00:00:00', '2100-02-29 00:00:00', '2024-04-31 00:00:00', '2024-13-01 00:00:00',
  '2024-00-10 00:00:00', '2024-01-00 00:00:00', '2024-01-05 24:00:00', '2024-01-05 23:60:00', '2024-01-05 23:59:60',
  '1899-12-31 23:59:59', '2101-01-01 00:00:00', '2024-01-05 13:05:00.', '2024-01-05 13:05:59.9996', '2024-01-05t13:05:00',
  '2024/01/05 13:05:00', '2024-1-5 13:05:00', '2024-01-05 3:05:00 ', ' 2024-01-05 13:05:0', '2024-01-05 13:05:00Z',
  '2024-01-05T13:05:00+08', '２０２４-01-05 13:05:00', '2024-01-05', '20240105130500', '2024-01-05  13:05:00',
  '2024-01-05 13:05:0a', '2024-01-05 13:05:00.1a', '+024-01-05 13:05:00', '2024-01-05_13:05:00', '',
];

describe('plainTimestampKey: which cells are plain timestamps', () => {
  it("says simple exactly where staged-csv.ts's rule does, as DuckDB evaluates it", async () => {
    const rule = cellSql('timestamp', false, trusted('v')).simple;
    const values = sql`SELECT v, ${rule} AS simple FROM (VALUES ${trusted(SHAPES.map((s) => `(${literal(s)})`).join(', '))}) t(v)`;
    const rows = (await engine.query(values)).toArray().map((r) => [String(r.v), Boolean(r.simple)]);
    expect(rows.length).toBe(SHAPES.length);
    // By hand: the first ten are simple, the rest are not.
    expect(rows.filter(([, simple]) => simple).map(([v]) => v)).toEqual(SHAPES.slice(0, 10));
    for (const [v, simple] of rows) expect(plain(v as string), v as string).toBe(simple);
  });
});

describe('plainTimestampKey', () => {
  it('orders plain timestamps as their times, across days, months and years, whatever their fraction', () => {
    const key = (v: string) => plainTimestampKey(encode(v), 0, encode(v).length);
    // By hand: one millisecond, one second, one day apart, and the same time written three ways.
    expect(key('2024-01-05 13:05:00.001') - key('2024-01-05 13:05:00')).toBe(1);
    expect(key('2024-01-05 13:05:01') - key('2024-01-05T13:05:00')).toBe(1000);
    expect(key('2024-01-06 13:05:00') - key('2024-01-05 13:05:00')).toBe(86_400_000);
    expect(key('2024-01-05 13:05:00.5')).toBe(key('2024-01-05 13:05:00.500'));
    expect(key('2024-01-05 13:05:00.50')).toBe(key('2024-01-05T13:05:00.5'));
    const ascending = ['1900-01-01 00:00:00', '2023-12-31 23:59:59.999', '2024-01-31 23:59:59', '2024-02-01 00:00:00', '2024-02-29 12:00:00', '2024-03-01 00:00:00.01', '2100-12-31 23:59:59.999'];
    const keys = ascending.map(key);
    for (let i = 1; i < keys.length; i++) expect(keys[i], ascending[i]).toBeGreaterThan(keys[i - 1]);
    // The largest key is still an exact integer in a double.
    expect(Number.isSafeInteger(keys[keys.length - 1])).toBe(true);
    expect(key('2024-02-30 00:00:00')).toBe(NOT_PLAIN);
    expect(key('2024-01-05 13:05:00.1a')).toBe(NOT_PLAIN);
  });

  it("orders as DuckDB orders the same timestamps", async () => {
    const values = ['2024-01-05 13:05:00.5', '2024-01-05 13:05:00.499', '2024-01-05T13:05:00', '2025-07-01 08:00:00', '2024-12-31 23:59:59.9', '2024-01-05 13:05:00.05', '2024-02-29 00:00:00'];
    const rows = (await engine.query(sql`SELECT v FROM (VALUES ${trusted(values.map((v) => `(${literal(v)})`).join(', '))}) t(v) ORDER BY v::TIMESTAMP, v`)).toArray().map((r) => String(r.v));
    const byKey = [...values].sort((a, b) => plainTimestampKey(encode(a), 0, a.length) - plainTimestampKey(encode(b), 0, b.length) || (a < b ? -1 : 1));
    expect(byKey).toEqual(rows);
  });
});

describe('numbers', () => {
  it("say plain exactly where staged-csv.ts's rules do, as DuckDB evaluates them", async () => {
    const shapes = ['0', '-7', '123456789', '1234567890', '-', '1.5', '-1.25', '1.', '.5', '01', '1e5', ' 1', '1 ', '１', '+1', '--1',
      '123456789012345', '1234567890123456', '1.123456789012345', '1.1234567890123456', '1 2', ''];
    const facts = (kind: 'integer' | 'double') => {
      const text = ['n', ...shapes.map((v) => (v === '' ? '' : v))].join('\n') + '\n';
      return scanCsvBytes(encode(text), ',', 3, { headerRow: 1, keyColumn: null, [kind === 'integer' ? 'integerColumns' : 'doubleColumns']: [0] }).facts;
    };
    for (const kind of ['integer', 'double'] as const) {
      const rule = cellSql(kind, false, trusted('v')).simple;
      const rows = (await engine.query(sql`SELECT v, ${rule} AS simple FROM (VALUES ${trusted(shapes.map((s) => `(${literal(s)})`).join(', '))}) t(v)`)).toArray();
      const simple = rows.filter((r) => r.simple).map((r) => String(r.v));
      // By hand.
      expect(simple).toEqual(kind === 'integer' ? ['0', '-7', '123456789', '01'] : ['0', '-7', '123456789', '1234567890', '1.5', '-1.25', '01', '123456789012345', '1.123456789012345']);
      // One column of all of them is not plain; a column of the simple ones (and an empty cell) is.
      expect(facts(kind)?.[kind === 'integer' ? 'plainIntegerColumns' : 'plainDoubleColumns']).toEqual([]);
      const column = ['n', ...simple, '', ...simple].join('\n') + '\n';
      const only = scanCsvBytes(encode(column), ',', 2, { headerRow: 1, keyColumn: null, [kind === 'integer' ? 'integerColumns' : 'doubleColumns']: [0] }).facts;
      expect(only?.[kind === 'integer' ? 'plainIntegerColumns' : 'plainDoubleColumns']).toEqual([0]);
      // Each shape that is not simple, alone among simple ones, loses the fact.
      for (const odd of shapes.filter((v) => v !== '' && !simple.includes(v))) {
        const one = scanCsvBytes(encode(['n', ...simple, odd].join('\n') + '\n'), ',', 4, { headerRow: 1, keyColumn: null, [kind === 'integer' ? 'integerColumns' : 'doubleColumns']: [0] }).facts;
        expect(one?.[kind === 'integer' ? 'plainIntegerColumns' : 'plainDoubleColumns'], odd).toEqual([]);
      }
    }
  });
});

describe('ids and required cells', () => {
  it("say scientific exactly where staged-csv.ts's damaged-id rule does, as DuckDB evaluates it", async () => {
    const shapes = ['1E5', '1e5', '1.2E+15', '3.20E-07', '+1e5', '-1.5e-3', '12345678901234567890e1', '1.2E15a', 'E5', '1e', '1e+', '.5e3', '1.e3',
      '1.2.3e4', '1e5.5', '1 e5', ' 1e5', '１e5', 'HM2024E5', '1E+0', '0e0', '++1e5', '1ee5', ''];
    const rule = cellSql('id', false, trusted('v')).issue;
    const rows = (await engine.query(sql`SELECT v, ${rule} AS issue FROM (VALUES ${trusted(shapes.map((s) => `(${literal(s)})`).join(', '))}) t(v)`)).toArray();
    const damaged = rows.filter((r) => r.issue !== null).map((r) => String(r.v));
    // By hand.
    expect(damaged).toEqual(['1E5', '1e5', '1.2E+15', '3.20E-07', '+1e5', '-1.5e-3', '12345678901234567890e1', '1E+0', '0e0']);
    for (const v of shapes) expect(isScientific(encode(v), 0, encode(v).length), v).toBe(damaged.includes(v));
  });

  it('claim a column filled only when every data row has an unquoted value in it, and ids plain only without a quote or a scientific cell', () => {
    const facts = (text: string, size = 3) => scanCsvBytes(encode(text), ',', size, { headerRow: 1, keyColumn: 0, requiredColumns: [0, 1], idColumns: [0, 2] }).facts!;
    const clean = '编号,受理时间,省编号\nA1,2024-01-05 13:05:00,P1\n\nA2,2024-01-06 13:05:00,\n';
    for (const size of [1, 2, 5, 1 << 20]) expect([facts(clean, size).filledColumns, facts(clean, size).plainIdColumns]).toEqual([[0, 1], [0, 2]]);
    // An empty required cell; a quoted one (DuckDB may read "" as NULL); a row short of the column.
    expect(facts('编号,受理时间,省编号\nA1,,P1\nA2,2024-01-06 13:05:00,P2\n').filledColumns).toEqual([0]);
    expect(facts('编号,受理时间,省编号\nA1,"2024-01-05 13:05:00",P1\n').filledColumns).toEqual([0]);
    expect(facts('编号,受理时间,省编号\nA1,2024-01-05 13:05:00,P1\nA2\n').filledColumns).toEqual([0]);
    // A scientific id, and a quoted key: each column on its own.
    expect(facts('编号,受理时间,省编号\nA1,2024-01-05 13:05:00,3.2E+15\n').plainIdColumns).toEqual([0]);
    expect(facts('编号,受理时间,省编号\n"A1",2024-01-05 13:05:00,P1\n').plainIdColumns).toEqual([2]);
    // An id cell longer than the bytes kept across a chunk's end is taken as possibly scientific.
    expect(facts(`编号,受理时间,省编号\nA1,2024-01-05 13:05:00,${'1'.repeat(70)}\n`, 7).plainIdColumns).toEqual([0]);
  });
});

describe('HashPairSet', () => {
  it('tells a pair seen before, through growth, and keeps pairs that share their first hash apart', () => {
    const set = new HashPairSet();
    let refused = 0;
    for (let i = 0; i < 200_000; i++) if (!set.add(Math.imul(i, 7919), i << 1)) refused++;
    expect(refused).toBe(0);
    expect(set.add(7919 * 5, 10)).toBe(false);
    expect(set.add(7919 * 5, 12)).toBe(true);
    expect(set.add(7919 * 5, 12)).toBe(false);
    // The low bit of the second hash is given up: 2 and 3 are taken for the same pair (only ever a lost fact).
    expect(set.add(-1, 2)).toBe(true);
    expect(set.add(-1, 3)).toBe(false);
  });
});

interface Cell {
  text: string;
  quoted: boolean;
}

describe('KeySet', () => {
  // Any pair of hashes that equal keys share: here the key's length and first and last bytes.
  const add = (set: KeySet, key: string) => {
    const b = encode(key);
    return set.add(b, 0, b.length, b.length * 1000 + b[0], b[b.length - 1] * 7 + 1);
  };

  it('takes keys in byte order without a table, and after the first out of order still finds any repeat of them', () => {
    const set = new KeySet();
    for (const key of ['A1', 'A2', 'A2x', 'A3', 'B']) expect(add(set, key), key).toBe(true);
    // Out of order but new: the table is made from the five kept, and takes it.
    expect(add(set, 'A0')).toBe(true);
    // Repeats of a key from the ordered run and from after it.
    expect(add(set, 'A2x')).toBe(false);
    expect(add(set, 'A0')).toBe(false);
    expect(set.size).toBe(6);
  });

  it('says a key equal to the one before is not new, in order or not, and sends a key too long to keep to the table', () => {
    const equal = new KeySet();
    expect(add(equal, 'K1')).toBe(true);
    expect(add(equal, 'K1')).toBe(false);
    const long = new KeySet();
    expect(add(long, 'A')).toBe(true);
    expect(add(long, 'B'.repeat(300))).toBe(true);
    expect(add(long, 'C')).toBe(true);
    expect(add(long, 'A')).toBe(false);
  });
});

function rng(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: the low ones of this generator repeat with a short period.
    return Math.floor((seed / 2147483648) * n);
  };
}

/** Milliseconds of a plain timestamp, read as a date and a time (not by its bytes). */
function timeOf(text: string): number {
  const [y, mo, d, h, mi, s] = text.slice(0, 19).split(/[- T:]/).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) + (text.length > 20 ? Number(`0${text.slice(19)}`) * 1000 : 0);
}

/** A file with a title row, a header, then rows; and the facts worked out from its cells. */
function fileOf(rows: Cell[][], crlf: boolean, blankLines: Set<number>) {
  const line = (cells: Cell[]) => cells.map((c) => (c.quoted ? `"${c.text.replace(/"/g, '""')}"` : c.text)).join(',');
  const lines = ['2024年工单导出,,,,,', 'id,received,note,closed,flag,count'];
  rows.forEach((cells, i) => {
    if (blankLines.has(i)) lines.push('');
    lines.push(line(cells));
  });
  const text = lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
  const columns = rows[0].length;
  const plainColumns = Array.from({ length: columns }, (_, k) => k).filter((k) => rows.every((r) => !r[k].quoted && (r[k].text === '' || plain(r[k].text))));
  const keys = rows.map((r) => r[0]);
  const distinctKeys = keys.every((c) => !c.quoted && c.text !== '' && !c.text.includes('"')) && new Set(keys.map((c) => c.text)).size === keys.length;
  const noBlankRows = rows.every((r) => !r[0].quoted && r[0].text !== '' && encode(r[0].text)[0] > 0x20 && ![0xc2, 0xe1, 0xe2, 0xe3, 0xef].includes(encode(r[0].text)[0]));
  const inOrder =
    plainColumns.includes(1) && plainColumns.includes(3) && rows.every((r) => r[1].text === '' || r[3].text === '' || timeOf(r[3].text) >= timeOf(r[1].text));
  const flags = [...new Set(rows.map((r) => r[4].text).filter((t) => t !== ''))];
  const flagsListed = rows.every((r) => !r[4].quoted) && flags.length <= MAX_TOKENS;
  const countsPlain = rows.every((r) => !r[5].quoted && (r[5].text === '' || /^-?[0-9]{1,9}$/.test(r[5].text)));
  const filled = [0, 1].filter((k) => rows.every((r) => !r[k].quoted && r[k].text !== ''));
  const plainIds = [0, 5].filter((k) => rows.every((r) => !r[k].quoted && !/^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$/.test(r[k].text)));
  return {
    bytes: encode(text),
    expected: {
      headerRow: 2,
      plainTimestampColumns: plainColumns,
      orderedPairs: inOrder ? [[1, 3]] : [],
      plainIntegerColumns: countsPlain ? [5] : [],
      plainDoubleColumns: [],
      tokenValues: flagsListed ? [{ column: 4, values: flags }] : [],
      distinctKeyColumn: distinctKeys ? 0 : null,
      noBlankRows,
      filledColumns: filled,
      plainIdColumns: plainIds,
    },
  };
}

function randomRows(seed: number, n: number, odd: number): Cell[][] {
  const r = rng(seed);
  const cell = (text: string, quoted = false): Cell => ({ text, quoted });
  const time = () => `20${10 + r(15)}-0${1 + r(9)}-1${r(10)} ${r(2)}${r(10)}:${r(6)}${r(10)}:${r(6)}${r(10)}${r(3) === 0 ? '.' + '5'.repeat(1 + r(3)) : ''}`;
  return Array.from({ length: n }, (_, i) => {
    const roll = r(odd);
    const key =
      roll === 0 ? cell(`HM${i}`, true) : roll === 1 ? cell('') : roll === 2 ? cell(`HM${i - 1}`) : roll === 3 ? cell('\u3000HM') : roll === 4 ? cell(`3.2${i}E+1${i}`) : cell(`HM${i}`);
    const received = r(odd) === 0 ? cell(SHAPES[10 + r(SHAPES.length - 10)], r(2) === 0) : r(odd) === 0 ? cell('') : cell(time());
    const note = r(5) === 0 ? cell(`多行,"引号"\n${'长'.repeat(r(40))}`, true) : cell('x'.repeat(r(90)));
    // Closed: after the received time, the same time (another separator, a longer fraction), empty, or now and then before it.
    const base = received.quoted || received.text === '' || !plain(received.text) ? time() : received.text;
    const closed =
      r(odd) === 0
        ? cell(`2009-12-31 23:59:5${r(10)}`)
        : r(10) === 0
          ? cell('')
          : r(6) === 0
            ? cell(base.slice(0, 10) + (r(2) ? 'T' : ' ') + base.slice(11) + (base.length === 19 ? '.0' : base.length < 23 ? '0' : ''))
            : cell(`2025-0${1 + r(9)}-1${r(10)} 0${r(10)}:00:00`);
    // Yes/no tokens, now and then a rarer one, quoted, or one of forty more; a count, now and then odd.
    const flag = r(odd) === 0 ? cell(r(2) ? '是' : `值${r(40)}`, r(2) === 0) : r(8) === 0 ? cell('') : cell(r(2) ? '是' : '否');
    const count = r(odd) === 0 ? cell(['1.0', '3 ', '1e5', '-2E-3'][r(4)]) : r(5) === 0 ? cell('') : cell(String(r(20) - 3));
    return [key, received, note, closed, flag, count];
  });
}

describe('CellFacts through the scan', () => {
  it('proves what the cells prove, and nothing more, in chunks of every size', () => {
    let proven = 0;
    let unproven = 0;
    for (let seed = 1; seed <= 40; seed++) {
      // Every fourth file has nothing odd; the others something now and then.
      const rows = randomRows(seed, 60, seed % 4 === 0 ? 1_000_000 : 30);
      const { bytes, expected } = fileOf(rows, seed % 3 === 0, new Set(seed % 5 === 0 ? [3, 4, 30] : []));
      if (
        expected.orderedPairs.length &&
        expected.tokenValues.length &&
        expected.plainIntegerColumns.length &&
        expected.distinctKeyColumn !== null &&
        expected.noBlankRows &&
        expected.filledColumns.length === 2 &&
        expected.plainIdColumns.length === 2
      )
        proven++;
      else unproven++;
      for (const size of [1, 2, 3, 5, 7, 13, 31, 64, 100, 1 << 20]) {
        const plan = { headerRow: 2, keyColumn: 0, orderedPairs: [[1, 3]] as [number, number][], integerColumns: [5], doubleColumns: [], tokenColumns: [4], requiredColumns: [0, 1], idColumns: [0, 5] };
        expect(scanCsvBytes(bytes, ',', size, plan).facts, `seed ${seed}, chunks of ${size}`).toEqual(expected);
      }
    }
    // Both kinds of file were met.
    expect(proven).toBeGreaterThan(5);
    expect(unproven).toBeGreaterThan(5);
  });

  it('looks only below the header, skips blank lines, and drops a CR before the line break', () => {
    const text = 'title,,\r\n编号,受理时间,内容\r\n\r\nA1,2024-01-05 13:05:00,x\r\nA2,,y\r\n\r\nA3,2024-01-06T08:00:00.5,z';
    for (const size of [1, 2, 4, 1 << 20]) {
      expect(scanCsvBytes(encode(text), ',', size, { headerRow: 2, keyColumn: 0 }).facts).toEqual({
        headerRow: 2,
        plainTimestampColumns: [1],
        distinctKeyColumn: 0,
        orderedPairs: [],
        plainIntegerColumns: [],
        plainDoubleColumns: [],
        tokenValues: [],
        noBlankRows: true,
        filledColumns: [],
        plainIdColumns: [],
      });
    }
    // One key repeated, one quoted timestamp, one row of whitespace: each fact is lost on its own.
    const odd = '编号,受理时间,内容\nA1,"2024-01-05 13:05:00",x\nA1,2024-01-05 13:05:00,y\n ,,\n';
    expect(scanCsvBytes(encode(odd), ',', 3, { headerRow: 1, keyColumn: 0 }).facts).toEqual({
      headerRow: 1,
      plainTimestampColumns: [],
      distinctKeyColumn: null,
      orderedPairs: [],
      plainIntegerColumns: [],
      plainDoubleColumns: [],
      tokenValues: [],
      noBlankRows: false,
      filledColumns: [],
      plainIdColumns: [],
    });
    // The same time written with fractions of other lengths, or none, is in order; a millisecond earlier is not.
    const sameTime = '编号,受理时间,办结时间\nA1,2024-01-05 13:05:00.0,2024-01-05T13:05:00\nA2,2024-01-05 13:05:00,2024-01-05 13:05:00.000\nA3,2024-01-05 13:05:00.5,2024-01-05 13:05:00.50\n';
    expect(scanCsvBytes(encode(sameTime), ',', 5, { headerRow: 1, keyColumn: 0, orderedPairs: [[1, 2]] }).facts?.orderedPairs).toEqual([[1, 2]]);
    const milliEarlier = `${sameTime}A4,2024-01-05 13:05:00.001,2024-01-05 13:05:00\n`;
    expect(scanCsvBytes(encode(milliEarlier), ',', 5, { headerRow: 1, keyColumn: 0, orderedPairs: [[1, 2]] }).facts?.orderedPairs).toEqual([]);
    // A later column standing before its earlier one in the row: compared at the row's end, in chunks of every size.
    const laterFirst = (closed: string) => `编号,办结时间,受理时间\nA1,2024-01-06 09:00:00,2024-01-05 13:05:00\nA2,${closed},2024-01-05T13:05:00.5\nA3,,2024-01-07 10:00:00\n`;
    for (const size of [1, 3, 7, 1 << 20]) {
      const pairs = (closed: string) => scanCsvBytes(encode(laterFirst(closed)), ',', size, { headerRow: 1, keyColumn: 0, orderedPairs: [[2, 1]] }).facts?.orderedPairs;
      expect(pairs('2024-01-05 13:05:00.5')).toEqual([[2, 1]]);
      expect(pairs('2024-01-05 13:05:00.499')).toEqual([]);
    }
    // Tokens are listed up to MAX_TOKENS distinct values, in the order met; one more and they are not.
    const towns = (n: number) => ['镇', ...Array.from({ length: 3 * n }, (_, i) => `第${i % n}镇`)].join('\r\n');
    const listed = (n: number) => scanCsvBytes(encode(towns(n)), ',', 7, { headerRow: 1, keyColumn: null, tokenColumns: [0] }).facts?.tokenValues;
    expect(listed(MAX_TOKENS)).toEqual([{ column: 0, values: Array.from({ length: MAX_TOKENS }, (_, i) => `第${i}镇`) }]);
    expect(listed(MAX_TOKENS + 1)).toEqual([]);
    // Keys are hashed up to MAX_KEYS; a file with more gives the fact up (the engine counts them).
    const keys = (n: number) => encode(`编号\n${Array.from({ length: n }, (_, i) => `K${i}`).join('\n')}\n`);
    expect(scanCsvBytes(keys(MAX_KEYS), ',', 1 << 20, { headerRow: 1, keyColumn: 0 }).facts?.distinctKeyColumn).toBe(0);
    expect(scanCsvBytes(keys(MAX_KEYS + 1), ',', 1 << 20, { headerRow: 1, keyColumn: 0 }).facts?.distinctKeyColumn).toBe(null);
    // No key column given: nothing is said of keys.
    expect(scanCsvBytes(encode('a,b\n1,2\n'), ',', 1 << 20, { headerRow: 1, keyColumn: null }).facts?.distinctKeyColumn).toBe(null);
    // No facts asked for: none given.
    expect(scanCsvBytes(encode('a,b\n1,2\n'), ',').facts).toBeUndefined();
  });
});
