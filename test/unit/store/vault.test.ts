// Encryption at rest over a real IndexedDB implementation (fake-indexeddb): with a key, what the
// database holds is ciphertext bound to its key name; without it nothing sealed can be read; a
// wrong passphrase is told apart without touching anything; "erase everything" leaves no key.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, get, keys, set } from 'idb-keyval';
import { eraseEverything, kv, readVaultRecord, sealEverything, writeVaultRecord } from '$lib/store/kv';
import { createVault, isSealed, isVaultRecord, KeyRing, openVault, PBKDF2_ITERATIONS, seal, unseal, VaultLocked, WrongPassphrase } from '$lib/store/vault';

// The real 600,000 iterations take about a second each; the mechanics are the same with fewer.
const FAST = 1_000;
let n = 0;
const fresh = () => {
  const store = createStore(`vault-test-${n++}`, 'kv');
  return () => store;
};

describe('seal / unseal', () => {
  it('round-trips JSON and bytes, and binds each value to its key name', async () => {
    const { master } = await createVault('correct horse', FAST);
    const record = { rows: 3, note: '回电 13812345678' };
    const sealed = await seal(master, 'gov-workbench:v1:findings:T1', record);
    expect(isSealed(sealed)).toBe(true);
    expect(new TextDecoder().decode(sealed.data)).not.toContain('13812345678');
    expect(await unseal(master, 'gov-workbench:v1:findings:T1', sealed)).toEqual(record);
    // Moved under another key, the same ciphertext does not open.
    await expect(unseal(master, 'gov-workbench:v1:findings:T2', sealed)).rejects.toThrow();
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(await unseal(master, 'k', await seal(master, 'k', bytes))).toEqual(bytes);
    expect(await unseal(master, 'k', await seal(master, 'k', new Blob([bytes])))).toEqual(bytes);
  });

  it('uses a fresh salt and IV for every record', async () => {
    const { master } = await createVault('correct horse', FAST);
    const a = await seal(master, 'k', 'same');
    const b = await seal(master, 'k', 'same');
    expect(a.salt).not.toEqual(b.salt);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.data).not.toEqual(b.data);
  });

  it('derives with PBKDF2-SHA-256 at 600,000 iterations by default and tells a wrong passphrase apart', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { record } = await createVault('correct horse');
    expect(record.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(isVaultRecord(record)).toBe(true);
    await expect(openVault(record, 'wrong horse')).rejects.toBeInstanceOf(WrongPassphrase);
    const key = await openVault(record, 'correct horse');
    expect(await unseal(key, 'vault-check', record.check)).toBe('gov-workbench vault v1');
  });
});

describe('kv with a key ring', () => {
  afterEach(() => undefined);

  it('writes ciphertext, reads it back with the key, and refuses without it', async () => {
    const use = fresh();
    const ring = new KeyRing();
    const { master } = await createVault('correct horse', FAST);
    ring.use(master);
    const findings = kv('review-findings', use, ring);
    await findings.set('T1', { note: '张三 13812345678' });
    const raw = await get('gov-workbench:v1:review-findings:T1', use());
    expect(isSealed(raw)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('张三');
    expect(await findings.get('T1')).toEqual({ note: '张三 13812345678' });
    ring.use(null);
    await expect(findings.get('T1')).rejects.toBeInstanceOf(VaultLocked);
  });

  it('seals every plain value once a passphrase is set, and leaves the vault record readable', async () => {
    const use = fresh();
    const ring = new KeyRing();
    await kv('settings', use, ring).set('current', { asOf: null });
    await kv('datasets', use, ring).set('tickets@g1:rows:0', new Uint8Array([9, 9, 9]));
    const { record, master } = await createVault('correct horse', FAST);
    await writeVaultRecord(record, use);
    ring.use(master);
    expect(await sealEverything(undefined, use, ring)).toBe(2);
    for (const key of await keys(use())) if (key !== 'gov-workbench:v1:vault:record') expect(isSealed(await get(key, use()))).toBe(true);
    expect(isVaultRecord(await readVaultRecord(use))).toBe(true);
    expect(await kv('datasets', use, ring).get('tickets@g1:rows:0')).toEqual(new Uint8Array([9, 9, 9]));
  });

  it('says whether it seals, and a Blob piece (a database file stored plain) seals as its bytes', async () => {
    const use = fresh();
    const ring = new KeyRing();
    const datasets = kv('datasets', use, ring);
    expect(datasets.seals()).toBe(false);
    const { master } = await createVault('correct horse', FAST);
    ring.use(master);
    expect(datasets.seals()).toBe(true);
    // What sealEverything does to a plain Blob piece once a passphrase is set.
    const sealed = await seal(master, 'gov-workbench:v1:datasets:tickets@g:database:0', new Blob([new Uint8Array([1, 2, 3, 250])]));
    expect(sealed.kind).toBe('bytes');
    expect(await unseal(master, 'gov-workbench:v1:datasets:tickets@g:database:0', sealed)).toEqual(new Uint8Array([1, 2, 3, 250]));
  });

  it('erase everything removes every key and says how many of each kind', async () => {
    const use = fresh();
    const ring = new KeyRing();
    await kv('datasets', use, ring).set('tickets', { x: 1 });
    await kv('datasets', use, ring).set('tickets@g:rows:0', new Uint8Array(1));
    await kv('briefing', use, ring).set('basket', []);
    await kv('sql-history', use, ring).set('history', []);
    await set('some-other-page-key', 1, use());
    const removed = await eraseEverything(use);
    expect(removed).toEqual({ datasets: 2, briefing: 1, 'sql-history': 1, 'some-other-page-key': 1 });
    expect(await keys(use())).toEqual([]);
  });
});
