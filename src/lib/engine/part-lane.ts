// A part lane: a MessageChannel from the import worker straight to the engine worker, for the
// parts of a CSV's UTF-8 (import/csv-parts.ts). The page is told of each part (its place, size and
// last line break) but never holds its bytes.
//
// Why: a part moved through the page (16 MB, two dozen for a 1M-row export) counts as external
// memory of the page's heap until a garbage collection finds it gone, and V8 starts a major
// collection each time that memory passes its limit. A 1M-row import made ten of them on the page
// while both workers were busy, and their marking took about 0.9 s of the machine's two cores.

/** A part sent on a lane, as the page knows it. */
export interface LanePart {
  lane: string;
  /** 0, 1, 2, … in the order the worker sent them. */
  index: number;
  bytes: number;
  /** Whether the part ends with CRLF: the next part is read behind the same line break. */
  endsWithCrlf: boolean;
}

/** What travels on a lane's port: one part, its buffers transferred. */
export interface LaneMessage {
  index: number;
  pieces: Uint8Array[];
}

/**
 * Give back the memory of parts this thread owns outright, now rather than at V8's next major
 * collection. A part's buffers are moved to the engine worker whole, so once DuckDB has read the
 * part nothing else can hold them. Left to the collector, a 1M-row import's parts (394 MB)
 * counted as the engine worker's external memory until it passed V8's limit: three major
 * collections during the read, whose marking ran on the machine's two cores beside DuckDB and
 * the import worker's scan.
 */
export function releaseParts(pieces: readonly Uint8Array[], free: (buffer: ArrayBuffer) => void = freeBuffer): void {
  for (const buffer of new Set(pieces.map((p) => p.buffer as ArrayBuffer))) if (buffer.byteLength > 0) free(buffer);
}

/** Detach `buffer` and free its bytes (ArrayBuffer.prototype.transfer; absent from Node 20, where this does nothing). */
export function freeBuffer(buffer: ArrayBuffer): void {
  (buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
}

export function isLanePart(part: unknown): part is LanePart {
  return typeof part === 'object' && part !== null && typeof (part as LanePart).lane === 'string';
}

/** The sending end, in the import worker: parts go on the port, and the page is told what went. */
export class PartLaneSender {
  private next = 0;

  constructor(
    readonly lane: string,
    private readonly port: MessagePort,
  ) {}

  /** Send the part's pieces (moved, not copied) and say what was sent. */
  send(pieces: Uint8Array[], endsWithCrlf: boolean): LanePart {
    const index = this.next++;
    const bytes = pieces.reduce((n, p) => n + p.length, 0);
    const message: LaneMessage = { index, pieces };
    this.port.postMessage(message, [...new Set(pieces.map((p) => p.buffer as ArrayBuffer))]);
    return { lane: this.lane, index, bytes, endsWithCrlf };
  }
}

/** The receiving end, in the engine worker: each part waits here until it is taken, once. */
export class PartLaneReceiver {
  private readonly arrived = new Map<number, Uint8Array[]>();
  private readonly waiting = new Map<number, { resolve: (pieces: Uint8Array[]) => void; reject: (error: Error) => void }>();
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    /** How a dropped part's buffers are freed (the default: at once; a test records them). */
    private readonly free: (buffer: ArrayBuffer) => void = freeBuffer,
  ) {
    port.onmessage = (event: MessageEvent<LaneMessage>) => this.arrive(event.data);
    port.start?.();
  }

  private arrive({ index, pieces }: LaneMessage): void {
    if (this.closed) return;
    const waiter = this.waiting.get(index);
    if (waiter) {
      this.waiting.delete(index);
      waiter.resolve(pieces);
    } else this.arrived.set(index, pieces);
  }

  /** Part `index`, now or when it arrives; rejects if the lane is closed first. */
  take(index: number): Promise<Uint8Array[]> {
    const pieces = this.arrived.get(index);
    if (pieces) {
      this.arrived.delete(index);
      return Promise.resolve(pieces);
    }
    if (this.closed) return Promise.reject(new Error(`part ${index} never came: its lane is closed`));
    if (this.waiting.has(index)) return Promise.reject(new Error(`part ${index} is taken twice`));
    return new Promise((resolve, reject) => this.waiting.set(index, { resolve, reject }));
  }

  /** Parts not taken yet, for the bench and tests. */
  get held(): number {
    return this.arrived.size;
  }

  /** Drop the parts not taken (a cancelled or finished import) and refuse later ones. */
  close(): void {
    this.closed = true;
    for (const pieces of this.arrived.values()) releaseParts(pieces, this.free);
    this.arrived.clear();
    for (const [index, waiter] of this.waiting) waiter.reject(new Error(`part ${index} never came: its lane is closed`));
    this.waiting.clear();
    this.port.onmessage = null;
    this.port.close();
  }
}
