// A growable file in JavaScript memory that DuckDB-WASM can write a database into.
//
// Why: DuckDB-WASM keeps a file it creates itself (ATTACH of a new path) in its own buffer and
// never lets go of it — after DETACH the file stays "locked exclusively" and copyFileToBuffer
// throws, so a database written that way cannot be read back out (file-protocol.md). A file
// registered as a handle of the BROWSER_FSACCESS protocol is different: DuckDB calls the handle's
// read/write/truncate/getSize (the shape of an OPFS FileSystemSyncAccessHandle) and never owns the
// bytes. This class is such a handle over a Uint8Array, so after DETACH the database file is
// simply `bytes()`. DuckDB opens an empty file as a new database only when the engine runs with
// direct IO (`useDirectIO: true` at open; DuckDB-WASM's patch to LoadDatabase), which both the
// worker and Node set.

/** DuckDBDataProtocol.BROWSER_FSACCESS; spelled here so callers need not import the enum's module. */
export const MEMORY_FILE_PROTOCOL = 3;

export class MemoryFile {
  private buffer: Uint8Array;
  private size = 0;

  constructor(initialCapacity = 1 << 20) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  /**
   * A file over bytes already in JavaScript memory (not copied). Attaching a stored database this
   * way, rather than with registerFileBuffer, keeps its bytes out of the WASM heap, which can grow
   * but never shrink: once the table is copied into memory and the file detached, they can go.
   */
  static of(bytes: Uint8Array): MemoryFile {
    const file = new MemoryFile(0);
    file.buffer = bytes;
    file.size = bytes.length;
    return file;
  }

  read(into: Uint8Array, options?: { at?: number }): number {
    const at = options?.at ?? 0;
    const n = Math.max(0, Math.min(into.length, this.size - at));
    into.set(this.buffer.subarray(at, at + n));
    return n;
  }

  write(from: Uint8Array, options?: { at?: number }): number {
    const at = options?.at ?? 0;
    const end = at + from.length;
    if (end > this.buffer.length) {
      // Doubling keeps a file written in many blocks at amortised linear cost.
      const next = new Uint8Array(Math.max(end, this.buffer.length * 2));
      next.set(this.buffer.subarray(0, this.size));
      this.buffer = next;
    }
    this.buffer.set(from, at);
    this.size = Math.max(this.size, end);
    return from.length;
  }

  truncate(size: number): void {
    if (size < this.size) this.buffer.fill(0, size, this.size);
    else if (size > this.buffer.length) this.write(new Uint8Array(0), { at: size });
    this.size = size;
  }

  getSize(): number {
    return this.size;
  }

  flush(): void {}

  close(): void {}

  /** The file's bytes: a view, valid until the next write (take it once DuckDB is done with the file). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }
}

/** What the Node runtime wrapper needs of DuckDB-WASM's module and runtime (untyped upstream). */
interface RuntimeModule {
  HEAPU8: Uint8Array;
  HEAPF64: Float64Array;
  _malloc(bytes: number): number;
}
interface FileInfo {
  fileName: string;
  dataProtocol: number;
}
type Runtime = Record<string, unknown> & {
  _files?: Map<string, unknown>;
  resolveFileInfo(mod: RuntimeModule, fileId: number): FileInfo | null;
};

const FILE_FLAGS_FILE_CREATE_NEW = 1 << 4;

/**
 * DuckDB-WASM's Node runtime with memory files added (its browser runtime has them already, as
 * BROWSER_FSACCESS handles): the unit tests and the report command write and read stored
 * databases exactly as the worker does.
 */
export function withMemoryFiles<R extends Runtime>(base: R): R {
  const memoryFile = (mod: RuntimeModule, fileId: number): MemoryFile | null => {
    const info = base.resolveFileInfo(mod, fileId);
    if (info?.dataProtocol !== MEMORY_FILE_PROTOCOL) return null;
    const file = base._files?.get(info.fileName);
    if (!(file instanceof MemoryFile)) throw new Error(`no memory file registered as ${info.fileName}`);
    return file;
  };
  const call = (name: string) => base[name] as (...args: unknown[]) => unknown;
  const runtime = {
    ...base,
    openFile(mod: RuntimeModule, fileId: number, flags: number) {
      const file = memoryFile(mod, fileId);
      if (!file) return call('openFile')(mod, fileId, flags);
      if (flags & FILE_FLAGS_FILE_CREATE_NEW) file.truncate(0);
      // [size, data pointer (none: not a buffer), modification time]
      const result = mod._malloc(3 * 8);
      mod.HEAPF64.set([file.getSize(), 0, 0], result >> 3);
      return result;
    },
    readFile(mod: RuntimeModule, fileId: number, buf: number, bytes: number, location: number) {
      const file = memoryFile(mod, fileId);
      if (!file) return call('readFile')(mod, fileId, buf, bytes, location);
      return file.read(mod.HEAPU8.subarray(buf, buf + bytes), { at: location });
    },
    writeFile(mod: RuntimeModule, fileId: number, buf: number, bytes: number, location: number) {
      const file = memoryFile(mod, fileId);
      if (!file) return call('writeFile')(mod, fileId, buf, bytes, location);
      return file.write(mod.HEAPU8.subarray(buf, buf + bytes), { at: location });
    },
    truncateFile(mod: RuntimeModule, fileId: number, size: number) {
      const file = memoryFile(mod, fileId);
      if (!file) return call('truncateFile')(mod, fileId, size);
      file.truncate(size);
      return 0;
    },
    closeFile(mod: RuntimeModule, fileId: number) {
      if (base.resolveFileInfo(mod, fileId)?.dataProtocol === MEMORY_FILE_PROTOCOL) return 0;
      return call('closeFile')(mod, fileId);
    },
    getLastFileModificationTime(mod: RuntimeModule, fileId: number) {
      if (base.resolveFileInfo(mod, fileId)?.dataProtocol === MEMORY_FILE_PROTOCOL) return 0;
      return call('getLastFileModificationTime')(mod, fileId);
    },
  };
  return runtime as unknown as R;
}
