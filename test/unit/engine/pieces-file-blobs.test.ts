// A file over stored pieces, some of them Blobs read a window at a time: reads across window and
// piece boundaries, short reads at the end, the window cache, and DuckDB attaching a database
// file stored that way. Node has no FileReaderSync: the tests read Blobs through a reader of
// their own over the same bytes, which also counts the trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiecesFile, type SyncSliceReader } from '$lib/engine/pieces-file';
import { NodeEngine } from '$lib/engine/node-engine';
import { writeDatabaseFile, attachDatabaseFile, detachTable } from '$lib/data/stored-database';
import { recreateEmpty } from '$lib/data/stored-tables';
import { createTableSql } from '$lib/import/upsert';
import { sql } from '$lib/sql';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Blobs whose bytes the test knows, read synchronously from those bytes; every trip logged as [start, end). */
function blobs(...texts: string[]): { pieces: Blob[]; reader: SyncSliceReader; trips: [number, number][] } {
  const bytes = new Map<Blob, Uint8Array>();
  const pieces = texts.map((t) => {
    const b = enc(t);
    const blob = new Blob([b]);
    bytes.set(blob, b);
    return blob;
  });
  const trips: [number, number][] = [];
  const reader: SyncSliceReader = (blob, start, end) => {
    trips.push([start, end]);
    return bytes.get(blob)!.slice(start, end);
  };
  return { pieces, reader, trips };
}

describe('PiecesFile', () => {
  it('reads any range across windows and pieces, Blobs and bytes mixed, and stops at the end', () => {
    // Pieces: "abcdefg" (Blob, 7), "" (bytes), "hij" (bytes), "klmnopqrs" (Blob, 9): 19 bytes, "a".."s".
    const a = blobs('abcdefg');
    const b = blobs('klmnopqrs');
    const trips: string[] = [];
    const reader: SyncSliceReader = (blob, start, end) => {
      trips.push(`${blob === a.pieces[0] ? 'A' : 'B'}${start}-${end}`);
      return (blob === a.pieces[0] ? a.reader : b.reader)(blob, start, end);
    };
    const file = new PiecesFile([a.pieces[0], enc(''), enc('hij'), b.pieces[0]], { windowBytes: 4, windows: 8, readSlice: reader });
    expect(file.getSize()).toBe(19);

    // From byte 2 ("c") for 12 bytes: "cdefghijklmn" — windows A[0,4), A[4,7), then bytes, then B[0,4).
    const into = new Uint8Array(12);
    expect(file.read(into, { at: 2 })).toBe(12);
    expect(dec(into)).toBe('cdefghijklmn');
    expect(trips).toEqual(['A0-4', 'A4-7', 'B0-4']);

    // Within windows already read: no trip.
    const small = new Uint8Array(3);
    expect(file.read(small, { at: 4 })).toBe(3);
    expect(dec(small)).toBe('efg');
    expect(trips).toHaveLength(3);

    // Short read at the end: from 16 ("q") only 3 bytes are left, in B's last window [8, 9) and [4, 8).
    expect(file.read(into, { at: 16 })).toBe(3);
    expect(dec(into.subarray(0, 3))).toBe('qrs');
    expect(trips).toEqual(['A0-4', 'A4-7', 'B0-4', 'B4-8', 'B8-9']);
    // At and past the end: nothing.
    expect(file.read(into, { at: 19 })).toBe(0);
    expect(file.read(into, { at: 40 })).toBe(0);
    expect(file.stats).toMatchObject({ sliceReads: 5, sliceBytes: 4 + 3 + 4 + 4 + 1 });

    expect(() => file.write()).toThrow();
    expect(() => file.truncate()).toThrow();
  });

  it('keeps only the most recently used windows', () => {
    const { pieces, reader, trips } = blobs('0123456789');
    const file = new PiecesFile(pieces, { windowBytes: 2, windows: 2, readSlice: reader });
    const one = new Uint8Array(1);
    // Windows [0,2) and [2,4) read; [0,2) used again (now most recent); [4,6) evicts [2,4).
    for (const at of [0, 2, 1, 4]) file.read(one, { at });
    expect(trips).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
    ]);
    file.read(one, { at: 0 });
    expect(trips).toHaveLength(3);
    file.read(one, { at: 3 });
    expect(trips.at(-1)).toEqual([2, 4]);
    expect(trips).toHaveLength(4);
  });

  it('reads its Blob pieces whole in the background; from then on no window is fetched', async () => {
    const { pieces, reader, trips } = blobs('abcd', 'efghij');
    const file = new PiecesFile([pieces[0], enc('XY'), pieces[1]], { windowBytes: 2, readSlice: reader });
    const into = new Uint8Array(3);
    // Before: the window [2, 4) of the first Blob, synchronously.
    expect(file.read(into, { at: 2 })).toBe(3);
    expect(dec(into)).toBe('cdX');
    expect(trips).toEqual([[2, 4]]);
    await file.loadAll();
    expect(file.stats.piecesLoaded).toBe(2);
    // "abcd" + "XY" + "efghij": bytes 3..11 are "dXYefghij".
    const all = new Uint8Array(9);
    expect(file.read(all, { at: 3 })).toBe(9);
    expect(dec(all)).toBe('dXYefghij');
    expect(trips).toEqual([[2, 4]]);
  });

  it('reads whole pieces with the reader it is given, in order and one at a time', async () => {
    const { pieces, reader, trips } = blobs('abcd', 'efghij', 'kl');
    const asked: string[] = [];
    let reading = 0;
    let mostAtOnce = 0;
    const readWhole = async (blob: Blob) => {
      asked.push(await blob.text());
      mostAtOnce = Math.max(mostAtOnce, ++reading);
      await new Promise((next) => setTimeout(next, 1));
      reading--;
      return blob.arrayBuffer();
    };
    const file = new PiecesFile([pieces[0], enc('XY'), pieces[1], pieces[2]], { windowBytes: 2, readSlice: reader, readWhole });
    await file.loadAll();
    expect(asked).toEqual(['abcd', 'efghij', 'kl']);
    expect(mostAtOnce).toBe(1);
    const all = new Uint8Array(14);
    expect(file.read(all, { at: 0 })).toBe(14);
    expect(dec(all)).toBe('abcdXYefghijkl');
    expect(trips).toEqual([]);
  });

  it('keeps reading windows when the whole read fails, and rejects a piece read short', async () => {
    const { pieces, reader, trips } = blobs('abcd', 'efgh');
    const failing = new PiecesFile([...pieces], { windowBytes: 2, readSlice: reader, readWhole: () => Promise.reject(new Error('helper gone')) });
    await expect(failing.loadAll()).rejects.toThrow(/helper gone/);
    const into = new Uint8Array(3);
    expect(failing.read(into, { at: 3 })).toBe(3);
    expect(dec(into)).toBe('def');
    expect(trips).toEqual([[2, 4], [0, 2]]);
    // A reader that hands back fewer bytes than the piece holds is caught, not trusted.
    const short = new PiecesFile([...blobs('abcd').pieces], { readWhole: async () => new ArrayBuffer(3) });
    await expect(short.loadAll()).rejects.toThrow(/read 3 bytes of 4/);
  });

  it('says so when no synchronous Blob reader exists (Node) and a Blob must be read', () => {
    const file = new PiecesFile([new Blob([enc('abc')])], { readSlice: undefined });
    expect(() => file.read(new Uint8Array(1), { at: 0 })).toThrow(/synchronously/);
  });

  describe('a stored database attached over Blob pieces', () => {
    let engine: NodeEngine;
    beforeAll(async () => {
      engine = await NodeEngine.start();
    });
    afterAll(() => engine.close());

    it('answers from pieces cut at odd places, and reads only part of the file for one column', async () => {
      // 200,000 tickets 'T0'..'T199999'; returned_count = i % 4, so its sum is 50,000 × (0+1+2+3) = 300,000.
      // Their content is 64 hex digits that do not compress: most of the file, and not read for the sum.
      await engine.exec(createTableSql('tickets'));
      await engine.exec(sql`INSERT INTO tickets (ticket_id, received_at, township, returned_count, content)
        SELECT 'T' || range, TIMESTAMP '2024-03-01 08:00:00' + to_minutes(range), '海门街道', (range % 4)::INTEGER, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) FROM range(200000)`);
      const bytes = await writeDatabaseFile(engine, 'tickets');
      // Three Blob pieces, cut inside DuckDB's blocks.
      const cuts = [0, 100_003, 777_777, bytes.length];
      const known = new Map<Blob, Uint8Array>();
      const parts = cuts.slice(1).map((end, i) => {
        const part = bytes.slice(cuts[i], end);
        const blob = new Blob([part]);
        known.set(blob, part);
        return blob;
      });
      const file = new PiecesFile(parts, { windowBytes: 64 << 10, readSlice: (blob, start, end) => known.get(blob)!.slice(start, end) });
      const { attached } = await attachDatabaseFile(engine, 'tickets', file, (t) => recreateEmpty(engine, t));
      expect(attached).not.toBeNull();
      const row = (await engine.query(sql`SELECT count(*)::INTEGER AS n, sum(returned_count)::INTEGER AS s FROM tickets`)).toArray()[0];
      expect([row.n, row.s]).toEqual([200_000, 300_000]);
      // One narrow column and the catalog: far from the whole file. The save's 20,480-row groups
      // (stored-database.ts) make it 2.0–2.3 MB of an 8.1–9.7 MB file, against 1.0 MB of 8.1 MB
      // with DuckDB's default 122,880-row groups: each group's segment costs its own windows.
      expect(bytes.length).toBeGreaterThan(5_000_000);
      expect(file.stats.sliceBytes).toBeLessThan(bytes.length / 3);
      const last = (await engine.query(sql`SELECT max(ticket_id) AS id FROM tickets`)).toArray()[0];
      expect(last.id).toBe('T99999');
      await engine.exec(sql`DROP VIEW tickets`);
      await detachTable(engine, attached!);
    });
  });
});
