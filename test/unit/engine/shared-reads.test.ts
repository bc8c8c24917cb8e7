// Identical reads asked at once are sent once; a write in between separates them; a read nobody
// waits for any more is cancelled, and only then.
import { describe, expect, it } from 'vitest';
import { readKey, SharedReads } from '$lib/engine/shared-reads';

/** A worker stand-in: requests by id, answered or failed by the test. */
function fakeWorker() {
  const sent: number[] = [];
  const cancelled: number[] = [];
  const answers = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  let next = 1;
  const reads = new SharedReads<string>((id) => cancelled.push(id));
  const ask = (key: string) =>
    reads.join(
      key,
      () => next++,
      (id) => {
        sent.push(id);
        return new Promise<string>((resolve, reject) => answers.set(id, { resolve, reject }));
      },
    );
  return { reads, ask, sent, cancelled, answer: (id: number, v: string) => answers.get(id)!.resolve(v), fail: (id: number) => answers.get(id)!.reject(new Error('boom')) };
}

describe('SharedReads', () => {
  it('sends two identical reads once and gives both the answer', async () => {
    const w = fakeWorker();
    const a = w.ask('span');
    const b = w.ask('span');
    expect(w.sent).toEqual([1]);
    w.answer(1, 'rows');
    expect(await a.result).toBe('rows');
    expect(await b.result).toBe('rows');
    expect(w.reads.size).toBe(0);
  });

  it('sends different reads separately', () => {
    const w = fakeWorker();
    w.ask('span');
    w.ask('headline');
    expect(w.sent).toEqual([1, 2]);
  });

  it('starts afresh once the first answer has come (a later read may see newer data)', async () => {
    const w = fakeWorker();
    const a = w.ask('span');
    w.answer(1, 'old');
    await a.result;
    const b = w.ask('span');
    expect(w.sent).toEqual([1, 2]);
    w.answer(2, 'new');
    expect(await b.result).toBe('new');
  });

  it('does not join a read asked before a write', () => {
    const w = fakeWorker();
    w.ask('span');
    w.reads.invalidate();
    w.ask('span');
    expect(w.sent).toEqual([1, 2]);
  });

  it('cancels a shared read only when its last member leaves', () => {
    const w = fakeWorker();
    const a = w.ask('span');
    const b = w.ask('span');
    a.leave();
    expect(w.cancelled).toEqual([]);
    a.leave(); // leaving twice counts once
    expect(w.cancelled).toEqual([]);
    b.leave();
    expect(w.cancelled).toEqual([1]);
    // Nobody waits for it now: the next identical read is sent again.
    w.ask('span');
    expect(w.sent).toEqual([1, 2]);
  });

  it('passes a failure to every member and forgets the read', async () => {
    const w = fakeWorker();
    const a = w.ask('span');
    const b = w.ask('span');
    w.fail(1);
    await expect(a.result).rejects.toThrow('boom');
    await expect(b.result).rejects.toThrow('boom');
    w.ask('span');
    expect(w.sent).toEqual([1, 2]);
  });

  it('leaves a newer read alone when a read it replaced is given up', () => {
    const w = fakeWorker();
    const a = w.ask('span');
    w.reads.invalidate();
    const b = w.ask('span');
    a.leave();
    expect(w.cancelled).toEqual([1]);
    expect(w.reads.size).toBe(1);
    b.leave();
    expect(w.cancelled).toEqual([1, 2]);
  });
});

describe('readKey', () => {
  it('tells text and values apart', () => {
    expect(readKey('SELECT ?', [1])).not.toBe(readKey('SELECT ?', ['1']));
    expect(readKey('SELECT ?', [1])).not.toBe(readKey('SELECT ? ', [1]));
    expect(readKey('SELECT ?, ?', ['a', 'b'])).not.toBe(readKey('SELECT ?, ?', ['b', 'a']));
  });
  it('spells a BigInt as the number the worker binds', () => {
    expect(readKey('SELECT ?', [5n])).toBe(readKey('SELECT ?', [5]));
  });
});
