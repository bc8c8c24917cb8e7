import { describe, expect, it } from 'vitest';
import { ForegroundGate } from '$lib/engine/foreground-gate';
import { nextTask } from '$lib/platform/next-task';

/** Whether `promise` has settled after a few tasks. */
async function settled(promise: Promise<unknown>, tasks = 4): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < tasks; i++) await nextTask();
  return done;
}

describe('ForegroundGate', () => {
  it('lets a background request through at once when nothing is under way', async () => {
    expect(await settled(new ForegroundGate().quiet())).toBe(true);
  });

  it('holds it until every foreground request has ended', async () => {
    const gate = new ForegroundGate();
    const first = gate.enter();
    const second = gate.enter();
    const quiet = gate.quiet();
    expect(await settled(quiet)).toBe(false);
    first();
    expect(await settled(quiet)).toBe(false);
    second();
    expect(await settled(quiet)).toBe(true);
  });

  it('waits for a request asked in the task the last answer came back in (the page’s next update)', async () => {
    const gate = new ForegroundGate();
    const headline = gate.enter();
    const quiet = gate.quiet();
    let comparison: (() => void) | null = null;
    // The headline's answer sets off the comparison's query within the same task.
    headline();
    await Promise.resolve();
    comparison = gate.enter();
    expect(await settled(quiet)).toBe(false);
    comparison();
    expect(await settled(quiet)).toBe(true);
  });

  it('counts a request once however often it is ended', async () => {
    const gate = new ForegroundGate();
    const first = gate.enter();
    const second = gate.enter();
    first();
    first();
    expect(await settled(gate.quiet())).toBe(false);
    second();
    expect(await settled(gate.quiet())).toBe(true);
  });
});
