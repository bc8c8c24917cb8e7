// How much the browser lets the workbench keep, and whether it may clear it on its own. Asking
// for persistent storage once there is real data to keep: a best-effort origin (what file://
// pages get unless the browser agrees) can be evicted when the disk runs low.

export interface StorageSummary {
  usage: number;
  quota: number;
  persisted: boolean;
}

export async function storageSummary(): Promise<StorageSummary | null> {
  const storage = navigator.storage;
  if (!storage?.estimate) return null;
  const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
  return { usage, quota, persisted };
}

/** Ask once real data is stored; the browser may say no (file-protocol.md: it does under file://). */
export async function askToPersist(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
