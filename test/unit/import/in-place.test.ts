// The in-place typing of an engine-path import (in-place.ts): the raw table laid out in the
// canonical order, and the statements that turn it into the canonical table — or none, when they
// would not give exactly that table.
import { describe, expect, it } from 'vitest';
import { IN_PLACE_MAX_DROPPED_SHARE, fewEnoughDropped, inPlacePlan, rawLayout, type InPlaceColumn } from '$lib/import/in-place';
import { sql, trusted } from '$lib/sql';

// police_non_emergency: call_id, received_at, township, village, address, category, content, caller_phone.
const mapping = {
  table: 'police_non_emergency' as const,
  // The file: 接警时间, 警情编号, 备注 (unmapped), 警情类别, 所属镇街 — and a fifth cell beyond the header.
  columns: [
    { index: 0, header: '接警时间', column: 'received_at', confidence: 1 },
    { index: 1, header: '警情编号', column: 'call_id', confidence: 1 },
    { index: 2, header: '备注', column: null, confidence: 0 },
    { index: 3, header: '警情类别', column: 'category', confidence: 1 },
    { index: 4, header: '所属镇街', column: 'township', confidence: 1 },
  ],
};

describe('rawLayout', () => {
  it('puts the canonical columns first in their order, NULL columns for the absent ones, then the rest in file order', () => {
    expect(rawLayout(mapping, 6)).toEqual([
      { source: 1 },
      { source: 0 },
      { source: 4 },
      { absent: 'village', type: 'VARCHAR' },
      { absent: 'address', type: 'VARCHAR' },
      { source: 3 },
      { absent: 'content', type: 'VARCHAR' },
      { absent: 'caller_phone', type: 'VARCHAR' },
      { source: 2 },
      { source: 5 },
    ]);
  });

  it('gives an absent timestamp column its type', () => {
    const layout = rawLayout({ table: 'police_non_emergency', columns: [{ index: 0, column: 'call_id' }] }, 1);
    expect(layout.slice(0, 2)).toEqual([{ source: 0 }, { absent: 'received_at', type: 'TIMESTAMP' }]);
  });
});

/** The raw table as rawLayout lays it out for `mapping` (6 cells a row). */
const physical = ['c1', 'c0', 'c4', 'village', 'address', 'c3', 'content', 'caller_phone', 'c2', 'c5'];
const columns: InPlaceColumn[] = [
  { name: 'call_id', type: 'VARCHAR', source: 1, value: trusted('"c1"') },
  { name: 'received_at', type: 'TIMESTAMP', source: 0, value: trusted('TRY_CAST("c0" AS TIMESTAMP)') },
  { name: 'township', type: 'VARCHAR', source: 4, value: trusted(`CASE "c4" WHEN '海门街道' THEN '海门街道' ELSE NULL END`) },
  { name: 'village', type: 'VARCHAR', source: null, value: null },
  { name: 'address', type: 'VARCHAR', source: null, value: null },
  { name: 'category', type: 'VARCHAR', source: 3, value: trusted('"c3"') },
  { name: 'content', type: 'VARCHAR', source: null, value: null },
  { name: 'caller_phone', type: 'VARCHAR', source: null, value: null },
];

describe('inPlacePlan', () => {
  it('deletes the rows not loaded, drops the other columns, converts only the changed ones and renames the rest', () => {
    const plan = inPlacePlan('raw', physical, columns, trusted('r.rowid NOT IN (SELECT id FROM "rejected")'));
    expect(plan).toEqual({
      table: 'raw',
      statements: [
        'DELETE FROM "raw" r WHERE NOT (r.rowid NOT IN (SELECT id FROM "rejected"))',
        'ALTER TABLE "raw" DROP COLUMN "c2"',
        'ALTER TABLE "raw" DROP COLUMN "c5"',
        'ALTER TABLE "raw" RENAME "c1" TO "call_id"',
        'ALTER TABLE "raw" ALTER "c0" SET DATA TYPE TIMESTAMP USING CAST(TRY_CAST("c0" AS TIMESTAMP) AS TIMESTAMP)',
        'ALTER TABLE "raw" RENAME "c0" TO "received_at"',
        `ALTER TABLE "raw" ALTER "c4" SET DATA TYPE VARCHAR USING CAST(CASE "c4" WHEN '海门街道' THEN '海门街道' ELSE NULL END AS VARCHAR)`,
        'ALTER TABLE "raw" RENAME "c4" TO "township"',
        'ALTER TABLE "raw" RENAME "c3" TO "category"',
      ],
    });
  });

  it('deletes nothing when every row is loaded', () => {
    expect(inPlacePlan('raw', physical, columns, null)!.statements[0]).toBe('ALTER TABLE "raw" DROP COLUMN "c2"');
  });

  it('inlines a bound value as an escaped literal (DDL takes no parameters)', () => {
    const quoted = columns.map((c) => (c.name === 'category' ? { ...c, value: sql`coalesce("c3", ${"it's"})` } : c));
    const statements = inPlacePlan('raw', physical, quoted, null)!.statements;
    expect(statements).toContain(`ALTER TABLE "raw" ALTER "c3" SET DATA TYPE VARCHAR USING CAST(coalesce("c3", 'it''s') AS VARCHAR)`);
  });

  it('gives no plan when a value needs a lookup table joined', () => {
    const joined = columns.map((c) => (c.name === 'received_at' ? { ...c, value: null } : c));
    expect(inPlacePlan('raw', physical, joined, null)).toBeNull();
  });

  it('gives no plan when the raw table is not in the canonical order (a read laid out for another mapping)', () => {
    expect(inPlacePlan('raw', ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'village', 'address', 'content', 'caller_phone'], columns, null)).toBeNull();
  });

  it('gives no plan when an absent column has no NULL column in the raw table', () => {
    expect(inPlacePlan('raw', physical.filter((n) => n !== 'address'), columns, null)).toBeNull();
  });
});

describe('fewEnoughDropped', () => {
  it('allows up to a tenth of the raw rows not loaded', () => {
    expect(IN_PLACE_MAX_DROPPED_SHARE).toBe(0.1);
    expect(fewEnoughDropped(1000, 0)).toBe(true);
    expect(fewEnoughDropped(1000, 100)).toBe(true);
    expect(fewEnoughDropped(1000, 101)).toBe(false);
    expect(fewEnoughDropped(5, 2)).toBe(false);
  });
});
