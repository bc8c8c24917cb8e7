// A part lane carries an import's parts from the import worker to the engine worker: each part
// arrives once, in any order against its taking, moved rather than copied, and a closed lane
// drops what it holds and refuses what is still awaited.
import { describe, expect, it } from 'vitest';
import { isLanePart, PartLaneReceiver, PartLaneSender } from '$lib/engine/part-lane';

const bytes = (...values: number[]) => Uint8Array.from(values);
const lane = () => {
  const channel = new MessageChannel();
  return { sender: new PartLaneSender('lane-7', channel.port1), receiver: new PartLaneReceiver(channel.port2) };
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
});
