import { describe, expect, it } from 'vitest';
import { isStorageFull, StorageError } from '$lib/store/kv';

describe('isStorageFull', () => {
  it('knows a full disk by the StorageError kv.ts raises, also when only its name crossed a worker', () => {
    expect(isStorageFull(new StorageError('write', 'k', new DOMException('full', 'QuotaExceededError')))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('IndexedDB write of k failed'), { name: 'StorageFull' }))).toBe(true);
  });

  it('knows the DOMException a store passes through, by its name or its message', () => {
    expect(isStorageFull(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull(new Error('QuotaExceededError: The quota has been exceeded.'))).toBe(true);
  });

  it('does not call other failures full', () => {
    expect(isStorageFull(new StorageError('write', 'k', new DOMException('closing', 'InvalidStateError')))).toBe(false);
    expect(isStorageFull(new Error('out of memory'))).toBe(false);
    expect(isStorageFull('QuotaExceededError')).toBe(false);
    expect(isStorageFull(null)).toBe(false);
  });
});
