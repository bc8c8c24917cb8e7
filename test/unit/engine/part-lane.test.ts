// A part lane carries an import's parts from the import worker to the engine worker: each part
// arrives once, in any order against its taking, moved rather than copied, and a closed lane
// drops what it holds and refuses what is still awaited.
import { describe, expect, it } from 'vitest';
import { freeBuffer, isLanePart, PartLaneReceiver, PartLaneSender, releaseParts } from '$lib/engine/part-lane';

const bytes = (...values: number[]) => Uint8Array.from(values);
const lane = (free?: (buffer: ArrayBuffer) => void) => {
  const channel = new MessageChannel();
  return { sender: new PartLaneSender('lane-7', channel.port1), receiver: new PartLaneReceiver(channel.port2, free) };
};

describe('part lanes', () => {
  it('tells the page what went (place, size, last line break) and moves the pieces', async () => {
    const { sender, receiver } = lane();
    const pieces = [bytes(1, 2, 3), bytes(13, 10)];
    const told = sender.send(pieces, true);
    expect(told).toEqual({ lane: 'lane-7', index: 0, bytes: 5, endsWithCrlf: true });
    expect(isLanePart(told)).toBe(true);
    expect(isLanePart(pieces)).toBe(false);
    // Transferred: the sender's views are detached.
    expect(pieces[0].byteLength).toBe(0);
    expect(sender.send([bytes(4)], false).index).toBe(1);
    expect((await receiver.take(0)).map((p) => [...p])).toEqual([[1, 2, 3], [13, 10]]);
    expect((await receiver.take(1)).map((p) => [...p])).toEqual([[4]]);
    receiver.close();
  });

  it('gives a part asked for before it came once it comes, and parts in any order', async () => {
    const { sender, receiver } = lane();
    const second = receiver.take(1);
    sender.send([bytes(0)], false);
    sender.send([bytes(1)], false);
    expect([...(await second)[0]]).toEqual([1]);
    // The first waited, untaken, on the engine's side.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(receiver.held).toBe(1);
    expect([...(await receiver.take(0))[0]]).toEqual([0]);
    expect(receiver.held).toBe(0);
    receiver.close();
  });

  it('refuses a part taken twice while awaited, and on close drops what it holds and fails what is awaited', async () => {
    const { sender, receiver } = lane();
    const awaited = receiver.take(3);
    await expect(receiver.take(3)).rejects.toThrow('taken twice');
    sender.send([bytes(9)], false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(receiver.held).toBe(1);
    receiver.close();
    expect(receiver.held).toBe(0);
    await expect(awaited).rejects.toThrow('lane is closed');
    await expect(receiver.take(0)).rejects.toThrow('lane is closed');
  });

  it('frees a part once DuckDB has read it: each buffer once, whatever views share it, none already gone', () => {
    const shared = new ArrayBuffer(8);
    // A view whose buffer was moved away since: nothing left to free.
    const gone = bytes(9, 9);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    const freed: ArrayBuffer[] = [];
    releaseParts([new Uint8Array(shared, 0, 4), new Uint8Array(shared, 4, 4), bytes(7, 8), gone], (b) => freed.push(b));
    expect(freed).toHaveLength(2);
    expect(freed[0]).toBe(shared);
    expect([...new Uint8Array(freed[1])]).toEqual([7, 8]);
  });

  it('on close frees the parts it still holds, and not those already taken', async () => {
    const freed: number[] = [];
    const { sender, receiver } = lane((b) => freed.push(b.byteLength));
    sender.send([bytes(1, 2, 3)], false);
    sender.send([bytes(4, 5), bytes(6)], false);
    expect([...(await receiver.take(0))[0]]).toEqual([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    receiver.close();
    expect(freed.sort()).toEqual([1, 2]);
  });

  it.runIf(typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function')('frees for real where the platform can: the views are left empty', () => {
    const piece = bytes(1, 2, 3);
    releaseParts([piece], freeBuffer);
    expect(piece.byteLength).toBe(0);
  });
});
