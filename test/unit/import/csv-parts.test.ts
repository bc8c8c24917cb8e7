// A CSV read part by part while the rest is scanned (csv-prepare.ts PartsWriter, csv-parts.ts),
// whether transcoded from GB18030 or the file's own UTF-8: the parts cut only where a record ends,
// and DuckDB reading them one after the other stages exactly what one read of the whole UTF-8
// stages; a refusal or an abandoned read leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import type { EngineTransaction } from '$lib/engine/types';
import { CsvParser } from '$lib/import/csv';
import { CsvPartsRead, endsWithCrlf, type PartFiles } from '$lib/import/csv-parts';
import { PartLaneReceiver, PartLaneSender } from '$lib/engine/part-lane';
import { FIRST_PART_BYTES, PartsWriter, partTarget, prepareCsvBytes } from '$lib/import/csv-prepare';
import { stageRegistered, type CsvHead, type ReadAs } from '$lib/import/engine-csv';
import { importId } from '$lib/import/raw-read';
import { dropStaged } from '$lib/import/upsert';
import type { EncodingGuess } from '$lib/import/decode';
import { concatBytes } from '$lib/platform/bytes';
import { ident, sql, trusted } from '$lib/sql';
import { gb18030, messyTickets } from './messy';

const GBK: EncodingGuess = { encoding: 'gb18030', reason: 'fallback', bom: false };
const UTF8_BOM: EncodingGuess = { encoding: 'utf-8', reason: 'bom', bom: true };
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (parts: readonly Uint8Array[]) => new TextDecoder().decode(concatBytes(parts));

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('PartsWriter', () => {
  it('hands on all but the open record, and the rest at the end', () => {
    const parts: [string, boolean][] = [];
    const writer = new PartsWriter((part, last) => parts.push([text(part), last]));
    writer.write(utf8('ab\ncd'));
    writer.cut(2); // "cd" is the record still open
    expect(parts).toEqual([['ab\n', false]]);
    expect(writer.bytes).toBe(2);
    writer.write(utf8('e\nfghi'));
    writer.write(utf8('jklm'));
    // An open record longer than a chunk: its bytes go on whole, across chunks.
    writer.cut(8);
    expect(parts[1]).toEqual(['cde\n', false]);
    writer.write(utf8('n\n'));
    writer.cut(0);
    expect(parts[2]).toEqual(['fghijklmn\n', false]);
    writer.cut(0); // nothing written since: no part
    writer.write(utf8('o'));
    writer.finish();
    expect(parts.slice(3)).toEqual([['o', true]]);
  });

  it("hands on the written chunks themselves, and a copy of the open record, so no buffer is in two parts", () => {
    const all: Uint8Array[][] = [];
    const writer = new PartsWriter((part) => all.push(part));
    const first = utf8('0123\n');
    const second = utf8('456\n89');
    writer.write(first);
    writer.write(second);
    writer.cut(2);
    writer.write(utf8('\n'));
    writer.finish();
    expect(all.map(text)).toEqual(['0123\n456\n', '89\n']);
    // Not copied: the first part's bytes are the chunks' own memory.
    expect(all[0][0]).toBe(first);
    expect(all[0][1].buffer).toBe(second.buffer);
    // The open record "89" was copied out of the second chunk, whose buffer went with the first part.
    const buffersOf = (part: Uint8Array[]) => new Set(part.map((p) => p.buffer));
    for (const b of buffersOf(all[1])) expect(buffersOf(all[0]).has(b)).toBe(false);
  });
});

describe('a transcoding in parts', () => {
  const shape = { crlf: true, trailing: false, title: true, blanks: true };
  // U+00A0 has no two-byte GBK code: a plain space instead.
  const source = messyTickets(3000, shape).replace(/\u00a0/g, ' ');
  const gbk = gb18030(source) as Uint8Array<ArrayBuffer>;
  /** The same rows as a UTF-8 file with a byte-order mark: handed on as they are, not transcoded. */
  const utf8File = concatBytes([BOM, utf8(source)]);

  async function prepareInParts(partBytes: number, file: { bytes: Uint8Array; encoding: EncodingGuess } = { bytes: gbk, encoding: GBK }) {
    const events: string[] = [];
    const parts: Uint8Array[][] = [];
    /** For each part, the columns its read may type. */
    const plains: ReadAs[][] = [];
    let head: CsvHead | null = null;
    const prepared = await prepareCsvBytes({
      name: 't.csv',
      file: new Blob([file.bytes as Uint8Array<ArrayBuffer>]),
      chunks: () => pieces(file.bytes, 4096),
      encoding: file.encoding,
      tabSeparated: false,
      choice: { table: 'tickets' },
      partBytes,
      onHead: (h) => {
        head = h;
        events.push('head');
      },
      onPart: (part, last, _, plain) => {
        parts.push(part);
        plains.push(plain);
        events.push(last ? 'last' : 'part');
      },
    });
    expect(prepared).not.toBeNull();
    return { prepared: prepared!, parts, plains, head: head as CsvHead | null, events };
  }

  it('cuts the UTF-8 where records end, the header decided before the first part', async () => {
    const { prepared, parts, head, events } = await prepareInParts(16 << 10);
    expect(prepared.utf8).toEqual([]);
    expect(prepared.parts).toBe(true);
    expect(head).not.toBeNull();
    expect(events[0]).toBe('head');
    expect(events.at(-1)).toBe('last');
    expect(events.filter((e) => e === 'part').length).toBeGreaterThan(5);
    // Together the parts are the transcoding, byte for byte.
    expect(text(parts.flat())).toBe(source);
    // Each part holds whole records: parsed on its own, the parts give the records of the whole
    // (a quoted cell with a line break in it never straddles two parts).
    const whole = new CsvParser(',');
    const records = [...whole.push(source), ...whole.end()].map((r) => r.cells);
    const byParts = parts.flatMap((part) => {
      const parser = new CsvParser(',');
      return [...parser.push(text(part)), ...parser.end()].map((r) => r.cells);
    });
    expect(byParts).toEqual(records);
    expect(parts.slice(0, -1).every((part) => text(part).endsWith('\r\n'))).toBe(true);
    // The head told for the read carries its records up to the header only.
    expect(head!.records.length).toBe(head!.headerIndex + 1);
  });

  it("hands a UTF-8 file on as its own bytes, byte-order mark and all, cut where records end", async () => {
    const { prepared, parts, head, events } = await prepareInParts(16 << 10, { bytes: utf8File, encoding: UTF8_BOM });
    expect(prepared.parts).toBe(true);
    expect(prepared.utf8).toEqual([]);
    expect(events[0]).toBe('head');
    expect(events.filter((e) => e === 'part').length).toBeGreaterThan(5);
    expect(concatBytes(parts.flat())).toEqual(utf8File);
    expect(parts.slice(0, -1).every((part) => text(part).endsWith('\r\n'))).toBe(true);
    expect(head!.records.length).toBe(head!.headerIndex + 1);
  });

  it('hands the first part on at FIRST_PART_BYTES, sooner than the rest, then doubles up to the part size', async () => {
    const lines = ['工单编号,受理时间,来源渠道,诉求内容'];
    for (let i = 0; lines.length <= 330_000; i++) lines.push(`HM${i},2024-03-01 08:00:00,电话,第${i}件诉求的内容写得长一些好让每一行将近一百个字节`);
    const bytes = utf8(lines.join('\n') + '\n');
    const sizes: number[] = [];
    await prepareCsvBytes({
      name: 't.csv',
      file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      chunks: () => pieces(bytes, 1 << 20),
      encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false },
      tabSeparated: false,
      choice: { table: 'tickets' },
      partBytes: 16 << 20,
      onPart: (part) => sizes.push(part.reduce((n, p) => n + p.length, 0)),
    });
    expect(bytes.length).toBeGreaterThan(28 << 20);
    // Cut between chunks of 1 MiB, at the end of the last whole record: once 4 MiB are written,
    // then 8 MiB more, then 16 MiB more, and the rest.
    for (const [i, target] of [4 << 20, 8 << 20, 16 << 20].entries()) {
      expect(sizes[i]).toBeGreaterThan(target - (1 << 10));
      expect(sizes[i]).toBeLessThan(target + (1 << 20));
    }
    expect(sizes).toHaveLength(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(bytes.length);
  });

  it('sizes the parts FIRST_PART_BYTES, then doubling, never past the part size', () => {
    expect(FIRST_PART_BYTES).toBe(4 << 20);
    expect([0, 1, 2, 3, 40].map((cut) => partTarget(cut, 16 << 20) >> 20)).toEqual([4, 8, 16, 16, 16]);
    expect([0, 1, 2].map((cut) => partTarget(cut, 8 << 20) >> 20)).toEqual([4, 8, 8]);
    expect([0, 1].map((cut) => partTarget(cut, 2 << 20) >> 20)).toEqual([2, 2]);
  });

  it('gives a UTF-8 file to the engine whole when no one takes parts', async () => {
    const prepared = await prepareCsvBytes({
      name: 't.csv',
      file: new Blob([utf8File as Uint8Array<ArrayBuffer>]),
      chunks: () => pieces(utf8File, 4096),
      encoding: UTF8_BOM,
      tabSeparated: false,
      choice: { table: 'tickets' },
    });
    expect(prepared!.parts).toBe(false);
    expect(prepared!.utf8).toBeInstanceOf(Blob);
    expect((prepared!.utf8 as Blob).size).toBe(utf8File.length);
  });

  describe('read by DuckDB', () => {
    let engine: NodeEngine;
    beforeAll(async () => {
      engine = await NodeEngine.start();
    }, 60_000);
    afterAll(() => engine?.close());

    /** A transaction on a connection of its own, as the engine worker's sessions give. */
    const begin = async (): Promise<EngineTransaction> => {
      const connection = engine.connectAgain();
      await connection.exec(trusted('BEGIN TRANSACTION'));
      return Object.assign(connection, {
        commit: () => connection.exec(trusted('COMMIT')),
        rollback: () => connection.exec(trusted('ROLLBACK')),
      });
    };
    const rowsOf = async (table: string) =>
      (await engine.query(sql`SELECT * FROM ${ident(table)} ORDER BY ALL`)).toArray().map((r) => JSON.stringify((r as { toJSON(): unknown }).toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    const importTables = async () =>
      (await engine.query(trusted("SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, '__import_') ORDER BY ALL"))).toArray().map((r) => String(r.name));
    type Staging = Awaited<ReturnType<typeof stageRegistered>>;
    /** The parts staged what one read of the whole staged (report, preview, rows); then both are dropped, leaving no import table. */
    const expectSameStagingThenDrop = async (inParts: Staging, whole: Staging) => {
      expect(inParts!.report).toEqual(whole!.report);
      expect(inParts!.preview).toEqual(whole!.preview);
      expect(await rowsOf(inParts!.staged.rows)).toEqual(await rowsOf(whole!.staged.rows));
      for (const staged of [whole!.staged, inParts!.staged]) await dropStaged(engine, staged);
      expect(await importTables()).toEqual([]);
    };

    it('stages exactly what one read of the whole transcoding stages', async () => {
      const { prepared, parts, plains, head } = await prepareInParts(16 << 10);
      const whole = await stageRegistered(engine, [concatBytes(parts.flat())], prepared.head, prepared.scan, { file: 't.csv', id: importId() });
      const read = new CsvPartsRead(engine, begin, head!, importId());
      for (const [i, part] of parts.entries()) read.add(part, i === parts.length - 1, plains[i]);
      const inParts = await stageRegistered(engine, [], prepared.head, prepared.scan, { file: 't.csv', early: read });
      expect(whole).not.toBeNull();
      expect(inParts).not.toBeNull();
      expect(read.totalBytes).toBe(utf8(source).length);
      // Every record after the title, group and header rows that is not blank (isBlankRow).
      const parser = new CsvParser(',');
      const records = [...parser.push(source), ...parser.end()].slice(head!.headerIndex + 1);
      expect(inParts!.report.rowsRead).toBe(records.filter((r) => r.cells.some((c) => c.trim() !== '')).length);
      await expectSameStagingThenDrop(inParts, whole);
    });

    it('stages the same when the parts come on a lane, the page holding none of their bytes', async () => {
      // CRLF records, each with a quoted LF: a part read without the line break before it is refused.
      const lines = ['工单编号,受理时间,诉求内容'];
      for (let i = 0; i < 3000; i++) lines.push(`HM${i},2024-03-${String(1 + (i % 28)).padStart(2, '0')} 08:00:00,"第${i}件诉求\n第二行"`);
      const crlf = utf8(lines.join('\r\n') + '\r\n');
      const { prepared, parts, plains, head } = await prepareInParts(16 << 10, { bytes: crlf, encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false } });
      expect(parts.length).toBeGreaterThan(2);
      const whole = await stageRegistered(engine, new Blob([crlf as Uint8Array<ArrayBuffer>]), prepared.head, prepared.scan, { file: 't.csv', id: importId() });
      const channel = new MessageChannel();
      const sender = new PartLaneSender('lane-1', channel.port1);
      const receiver = new PartLaneReceiver(channel.port2);
      const files: PartFiles = {
        registerFile: (name, file) => engine.registerFile(name, file),
        dropFile: (name) => engine.dropFile(name),
        registerLanePart: async (name, part, before) => engine.registerFile(name, [...before, ...(await receiver.take(part.index))]),
      };
      const read = new CsvPartsRead(files, begin, head!, importId());
      const sent = parts.map((part) => sender.send(part, endsWithCrlf(part)));
      expect(sent.slice(0, -1).every((part) => part.endsWithCrlf)).toBe(true);
      for (const [i, part] of sent.entries()) read.add(part, i === sent.length - 1, plains[i]);
      const inParts = await stageRegistered(engine, [], prepared.head, prepared.scan, { file: 't.csv', early: read });
      receiver.close();
      expect(read.totalBytes).toBe(crlf.length);
      await expectSameStagingThenDrop(inParts, whole);
    });

    it("stages a UTF-8 file's parts exactly as one read of the file", async () => {
      const { prepared, parts, plains, head } = await prepareInParts(16 << 10, { bytes: utf8File, encoding: UTF8_BOM });
      const whole = await stageRegistered(engine, new Blob([utf8File as Uint8Array<ArrayBuffer>]), prepared.head, prepared.scan, { file: 't.csv', id: importId() });
      const read = new CsvPartsRead(engine, begin, head!, importId());
      for (const [i, part] of parts.entries()) read.add(part, i === parts.length - 1, plains[i]);
      const inParts = await stageRegistered(engine, [], prepared.head, prepared.scan, { file: 't.csv', early: read });
      expect(whole).not.toBeNull();
      expect(inParts).not.toBeNull();
      expect(read.totalBytes).toBe(utf8File.length);
      await expectSameStagingThenDrop(inParts, whole);
    });

    it('reads plain timestamps, counts and two-word yes/no columns typed, turns each back to its text at its first odd cell, and stages what one read of the whole stages', async () => {
      // 受理时间 (c1) and 办结时间 (c2) plain, 退单次数 (c3) a count, 是否解决 (c4) 是 and, from row
      // 1500, 否 as well; each as it is but for what `odd` puts in.
      const fileOf = (odd: Map<number, string[]>) => {
        const lines = ['工单编号,受理时间,办结时间,退单次数,是否解决,诉求内容'];
        for (let i = 0; i < 3000; i++) {
          const day = String(1 + (i % 28)).padStart(2, '0');
          const received = `2024-03-${day}${i % 7 ? ' ' : 'T'}08:${String(i % 60).padStart(2, '0')}:00${i % 5 ? '' : '.5'}`;
          const cells = [`HM${i}`, received, i % 3 ? `2024-04-${day} 09:00:00` : '', String(i % 4), i % 11 === 0 ? '' : i >= 1500 && i % 2 ? '否' : '是', `第${i}件诉求`];
          lines.push((odd.get(i) ?? cells).join(','));
        }
        return utf8(lines.join('\n') + '\n');
      };
      const typedAtEnd = async (bytes: Uint8Array) => {
        const { prepared, parts, plains, head } = await prepareInParts(16 << 10, { bytes, encoding: { encoding: 'utf-8', reason: 'valid-utf8', bom: false } });
        const whole = await stageRegistered(engine, new Blob([bytes as Uint8Array<ArrayBuffer>]), prepared.head, prepared.scan, { file: 't.csv', id: importId() });
        const read = new CsvPartsRead(engine, begin, head!, importId());
        for (const [i, part] of parts.entries()) read.add(part, i === parts.length - 1, plains[i]);
        const inParts = await stageRegistered(engine, [], prepared.head, prepared.scan, { file: 't.csv', early: read });
        expect(inParts!.report).toEqual(whole!.report);
        expect(inParts!.preview).toEqual(whole!.preview);
        expect(await rowsOf(inParts!.staged.rows)).toEqual(await rowsOf(whole!.staged.rows));
        // Typed into the canonical table's shape in place (when the values need no lookup joined), both give the same table.
        expect(inParts!.staged.inPlace === undefined).toBe(whole!.staged.inPlace === undefined);
        const altered = (statements: readonly string[]) => statements.filter((t) => /SET DATA TYPE/.test(t)).map((t) => /ALTER "(c\d+)" SET/.exec(t)![1]);
        let left: string[] | null = null;
        if (whole!.staged.inPlace) {
          const tables = [];
          for (const staged of [whole!.staged, inParts!.staged]) {
            for (const statement of staged.inPlace!.statements) await engine.exec(trusted(statement));
            tables.push(await rowsOf(staged.inPlace!.table));
          }
          expect(tables[1]).toEqual(tables[0]);
          expect(altered(whole!.staged.inPlace.statements)).toEqual(['c1', 'c2', 'c3', 'c4']);
          left = altered(inParts!.staged.inPlace!.statements);
        }
        for (const staged of [whole!.staged, inParts!.staged]) await dropStaged(engine, staged);
        expect(await importTables()).toEqual([]);
        return { parts: parts.length, typed: plains.map((p) => p.map((r) => (r.type === 'BOOLEAN' ? `${r.column}:${r.words.yes}/${r.words.no}` : String(r.column))).join()), left };
      };
      // Clean: every part's read types all four (the yes/no column with its no word from row
      // 1500 on), and the in-place typing alters none of them.
      const clean = await typedAtEnd(fileOf(new Map()));
      expect(clean.parts).toBeGreaterThan(5);
      expect(clean.typed[0]).toBe('1,2,3,4:是/null');
      expect(clean.typed.at(-1)).toBe('1,2,3,4:是/否');
      expect(clean.left).toEqual([]);
      // An odd time in row 2000 and a count of 1.0 in row 2500: their columns go back to text at that part.
      const odd = (row: number, cells: string[]) => new Map([[row, cells]]);
      const late = await typedAtEnd(fileOf(new Map([[2000, ['HM2000', '2024/3/5 8:00', '', '1', '是', 'x']], [2500, ['HM2500', '2024-03-05 08:00:00', '', '1.0', '否', 'y']]])));
      expect(late.typed[0]).toBe('1,2,3,4:是/null');
      expect(late.typed.at(-1)).toBe('2,4:是/否');
      expect(late.left).toEqual(['c1', 'c3']);
      // A second word for yes (Y) in row 2700: the yes/no column goes back to its words, and is typed in place as a file's text is.
      const twoYes = await typedAtEnd(fileOf(odd(2700, ['HM2700', '2024-03-05 08:00:00', '', '1', 'Y', 'z'])));
      expect(twoYes.typed.at(-1)).toBe('1,2,3');
      expect(twoYes.left).toEqual(['c4']);
      // Not a yes/no word at all (也许) in row 1800: warned about as one read of the whole warns.
      const maybe = await typedAtEnd(fileOf(odd(1800, ['HM1800', '2024-03-05 08:00:00', '', '1', '也许', 'z'])));
      expect(maybe.typed[0]).toBe('1,2,3,4:是/null');
      expect(maybe.typed.at(-1)).toBe('1,2,3');
    });

    it('says why when DuckDB refuses a later part, and leaves no table', async () => {
      const { parts, head } = await prepareInParts(16 << 10);
      // A row with a cell too many in the third part: DuckDB's strict read refuses it.
      const third = text(parts[2]);
      const broken = [...parts.slice(0, 2), [utf8(third.replace('\r\n', ',x,y\r\n'))], ...parts.slice(3)];
      const read = new CsvPartsRead(engine, begin, head!, importId());
      for (const [i, part] of broken.entries()) read.add(part, i === broken.length - 1);
      expect(await read.read).toMatch(/^DuckDB's reader refused the file/);
      expect(await importTables()).toEqual([]);
    });

    it('rolls back what it read when abandoned halfway', async () => {
      const { parts, head } = await prepareInParts(16 << 10);
      const read = new CsvPartsRead(engine, begin, head!, importId());
      read.add(parts[0], false);
      read.add(parts[1], false);
      await read.abandon();
      read.add(parts[2], true);
      expect(await importTables()).toEqual([]);
    });
  });
});
