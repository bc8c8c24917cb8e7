// The queue's idleFor: background work (a restored table's copy into memory) waits while the
// page's queries run, and for a quiet moment after them.
import { describe, expect, it } from 'vitest';
import { QueryQueue } from '$lib/engine/worker/query-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('QueryQueue.idleFor', () => {
  it('resolves at once when nothing ever ran', async () => {
    const queue = new QueryQueue();
    const t0 = performance.now();
    await queue.idleFor(200);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('waits for the running job, then for the quiet time after it', async () => {
    const queue = new QueryQueue();
    let finishedAt = 0;
    void queue.enqueue(1, async () => {
      await sleep(120);
      finishedAt = performance.now();
    });
    await queue.idleFor(80);
    const resumedAt = performance.now();
    expect(finishedAt).toBeGreaterThan(0);
    // Timers may fire a little early or late; 80 ms of quiet, give or take a few.
    expect(resumedAt - finishedAt).toBeGreaterThanOrEqual(75);
  });

  it('a job arriving during the quiet time starts the wait again', async () => {
    const queue = new QueryQueue();
    await queue.enqueue(1, async () => undefined);
    let secondDone = 0;
    setTimeout(() => {
      void queue.enqueue(2, async () => {
        await sleep(50);
        secondDone = performance.now();
      });
    }, 40);
    await queue.idleFor(100);
    expect(secondDone).toBeGreaterThan(0);
    expect(performance.now() - secondDone).toBeGreaterThanOrEqual(95);
  });
});
