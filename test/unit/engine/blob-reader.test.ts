// The engine worker's helper that reads stored pieces whole on a thread of its own. Node has no
// Worker: a stand-in runs the helper's real program (fetched from the Blob URL it was started
// with) on this thread, with postMessage wired back, so what is tested is the program and the
// protocol around it; that the helper runs as a real worker is seen by the reopen browser test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveObjectURL } from 'node:buffer';
import { blobReaderWorker } from '$lib/engine/worker/blob-reader';

class StandInWorker {
  static started = 0;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  private deliver: Promise<(data: unknown) => void>;
  transferred: Transferable[][] = [];

  constructor(url: string) {
    StandInWorker.started++;
    const source = resolveObjectURL(url);
    if (!source) throw new Error('no Blob behind the worker URL');
    this.deliver = source.text().then((program) => {
      // The property must exist for the program's `onmessage = …` to land on it inside `with`.
      const scope: { onmessage?: (event: { data: unknown }) => void } = { onmessage: undefined };
      const post = (data: unknown, transfer: Transferable[] = []) => {
        this.transferred.push(transfer);
        setTimeout(() => this.onmessage?.({ data }), 0);
      };
      new Function('self', 'postMessage', `with (self) { ${program} }`)(scope, post);
      return (data: unknown) => scope.onmessage?.({ data });
    });
  }

  postMessage(data: unknown): void {
    void this.deliver.then((receive) => receive(data));
  }
}

describe('blobReaderWorker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is null where no Worker exists (the engine then reads on its own thread)', () => {
    vi.stubGlobal('Worker', undefined);
    expect(blobReaderWorker()).toBeNull();
  });

  it('reads Blobs whole through one helper, each answer to its own request, buffers transferred', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    StandInWorker.started = 0;
    const read = blobReaderWorker()!;
    // Nothing started until a Blob is to be read (a sealed store's pieces are bytes).
    expect(StandInWorker.started).toBe(0);
    const texts = ['第一块', 'second piece', ''];
    const buffers = await Promise.all(texts.map((t) => read(new Blob([t]))));
    expect(buffers.map((b) => new TextDecoder().decode(b))).toEqual(texts);
    expect(StandInWorker.started).toBe(1);
  });

  it('rejects the read when the helper cannot start (the pieces are then read as DuckDB asks)', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('SecurityError: worker-src refused');
        }
      },
    );
    const read = blobReaderWorker()!;
    await expect(read(new Blob(['x']))).rejects.toThrow(/worker-src refused/);
  });

  it('rejects with the helper’s reason when a Blob cannot be read', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const read = blobReaderWorker()!;
    const unreadable = { arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file changed')) } as unknown as Blob;
    await expect(read(unreadable)).rejects.toThrow(/reading a stored piece failed: Error: NotReadableError: the file changed/);
  });
});
