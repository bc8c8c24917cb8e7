// Back to the sample: the import's extra values are dropped first, except on an engine that has
// just opened and holds nothing (the drop would only delay the first figure).
import { describe, expect, it } from 'vitest';
import { loadSampleOnly, resetToEmpty, type DataEngine } from '$lib/data/dataset-sync';
import { TABLE_NAMES } from '$lib/schema';

function recordingEngine(): { engine: DataEngine; calls: string[] } {
  const calls: string[] = [];
  const engine = {
    exec: async (q: { text: string }) => void calls.push(`exec ${q.text}`),
    useSample: async () => {
      calls.push('useSample');
      return [{ table: 'tickets', rows: 3 }];
    },
  } as unknown as DataEngine;
  return { engine, calls };
}

describe('loadSampleOnly', () => {
  it('drops the extra values of earlier imports, then binds the sample', async () => {
    const { engine, calls } = recordingEngine();
    expect(await loadSampleOnly(engine)).toEqual([{ table: 'tickets', rows: 3 }]);
    expect(calls).toEqual(['exec DROP TABLE IF EXISTS "import_extra_values"', 'useSample']);
  });

  it('binds the sample at once on an engine just opened', async () => {
    const { engine, calls } = recordingEngine();
    await loadSampleOnly(engine, { freshEngine: true });
    expect(calls).toEqual(['useSample']);
  });
});

describe('resetToEmpty', () => {
  it('on an engine just opened, creates every table and the extras without looking anything up or dropping', async () => {
    const calls: string[] = [];
    const engine = {
      exec: async (q: { text: string }) => void calls.push(q.text),
      query: async () => {
        throw new Error('nothing to look up on a fresh engine');
      },
    } as unknown as DataEngine;
    await resetToEmpty(engine, { freshEngine: true });
    // One call: a crossing to the worker each would stand between the open and a restore.
    expect(calls.length).toBe(1);
    expect(calls[0]).not.toMatch(/DROP/);
    expect(calls[0].match(/CREATE TABLE IF NOT EXISTS/g)?.length).toBe(TABLE_NAMES.length + 1);
  });
});
