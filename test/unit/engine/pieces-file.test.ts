// A file over byte pieces in JavaScript memory: reads across piece boundaries, and DuckDB's CSV
// reader reading one (the import's GB18030 transcoding reaches the engine this way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { PiecesFile } from '$lib/engine/pieces-file';
import { trusted } from '$lib/sql';

const enc = (s: string) => new TextEncoder().encode(s);

describe('PiecesFile', () => {
  it('reads any range across pieces, and stops at the end', () => {
    const file = new PiecesFile([enc('abc'), enc(''), enc('de'), enc('fghij')]);
    expect(file.getSize()).toBe(10);
    const into = new Uint8Array(6);
    expect(file.read(into, { at: 2 })).toBe(6);
    expect(new TextDecoder().decode(into)).toBe('cdefgh');
    expect(file.read(into, { at: 7 })).toBe(3);
    expect(new TextDecoder().decode(into.subarray(0, 3))).toBe('hij');
    expect(file.read(into, { at: 10 })).toBe(0);
    expect(() => file.write()).toThrow();
  });

  describe('read by DuckDB', () => {
    let engine: NodeEngine;
    beforeAll(async () => {
      engine = await NodeEngine.start();
    });
    afterAll(() => engine.close());

    it('reads a CSV cut mid-record and mid-character into pieces', async () => {
      const bytes = enc('a,b\n1,中文\n3,4\n');
      // "中" is cut between its second and third byte.
      await engine.registerFile('workbench-files/pieces.csv', [bytes.slice(0, 7), bytes.slice(7, 8), bytes.slice(8)]);
      const rows = (await engine.query(trusted(`SELECT a, b FROM read_csv('workbench-files/pieces.csv', header = true, all_varchar = true) ORDER BY a`))).toArray().map((r) => r.toJSON());
      expect(rows).toEqual([{ a: '1', b: '中文' }, { a: '3', b: '4' }]);
      await engine.dropFile('workbench-files/pieces.csv');
    });
  });
});
