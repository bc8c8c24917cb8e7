// Encryption at rest. Every file:// page on this machine shares one IndexedDB (file-protocol.md),
// so any local HTML file could read what the workbench stores; with a passphrase set, it reads
// only ciphertext.
//
// The passphrase is stretched once with PBKDF2-SHA-256 (600,000 iterations, a random salt kept in
// the vault record) into a master key that never leaves WebCrypto. Every record is sealed under
// its own AES-256-GCM key, derived from the master with HKDF and a fresh random salt, with a fresh
// random IV; the record's key name is the additional data, so a sealed value cannot be moved to
// another key. A known value sealed at setup tells a wrong passphrase from a right one without
// touching anything else.

export const PBKDF2_ITERATIONS = 600_000;
const CHECK_TEXT = 'gov-workbench vault v1';
const CHECK_KEY = 'vault-check';

/** A value as IndexedDB holds it once sealed. */
export interface Sealed {
  sealed: 1;
  /** What the plaintext was: raw bytes (a table piece) or JSON (everything else). */
  kind: 'bytes' | 'json';
  salt: Uint8Array;
  iv: Uint8Array;
  data: Uint8Array;
}

/** The vault's own record: how to derive the key again, and the value that proves it right. */
export interface VaultRecord {
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array };
  check: Sealed;
  /** False while values written before the passphrase still await sealing. */
  sealedAll?: boolean;
}

export class VaultLocked extends Error {
  constructor(key: string) {
    super(`${key} is encrypted and the workbench is locked`);
    this.name = 'VaultLocked';
  }
}

export class WrongPassphrase extends Error {
  constructor() {
    super('the passphrase does not open this workbench');
    this.name = 'WrongPassphrase';
  }
}

export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null;
  return !!v && v.sealed === 1 && v.data instanceof Uint8Array && v.iv instanceof Uint8Array && v.salt instanceof Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function random(bytes: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(bytes));
}

/** The master key (an HKDF base key, not extractable) for a passphrase and salt. */
export async function deriveMasterKey(passphrase: string, salt: Uint8Array, iterations = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, 256);
  return crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
}

function recordKey(master: CryptoKey, salt: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: encoder.encode('gov-workbench record') },
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

async function plaintextOf(value: unknown): Promise<{ kind: Sealed['kind']; bytes: Uint8Array }> {
  if (value instanceof Uint8Array) return { kind: 'bytes', bytes: value };
  if (typeof Blob !== 'undefined' && value instanceof Blob) return { kind: 'bytes', bytes: new Uint8Array(await value.arrayBuffer()) };
  return { kind: 'json', bytes: encoder.encode(JSON.stringify(value)) };
}

export async function seal(master: CryptoKey, key: string, value: unknown): Promise<Sealed> {
  const { kind, bytes } = await plaintextOf(value);
  const salt = random(16);
  const iv = random(12);
  const aes = await recordKey(master, salt, 'encrypt');
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: encoder.encode(key) }, aes, bytes as BufferSource));
  return { sealed: 1, kind, salt, iv, data };
}

/** The value sealed under `key`; rejects (an OperationError) when the key or the data is wrong. */
export async function unseal(master: CryptoKey, key: string, sealed: Sealed): Promise<unknown> {
  const aes = await recordKey(master, sealed.salt, 'decrypt');
  const bytes = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource, additionalData: encoder.encode(key) }, aes, sealed.data as BufferSource),
  );
  return sealed.kind === 'bytes' ? bytes : JSON.parse(decoder.decode(bytes));
}

/** A new vault for a passphrase: its record (to store) and its master key (to use). */
export async function createVault(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<{ record: VaultRecord; master: CryptoKey }> {
  const salt = random(16);
  const master = await deriveMasterKey(passphrase, salt, iterations);
  return {
    record: { version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt }, check: await seal(master, CHECK_KEY, CHECK_TEXT) },
    master,
  };
}

/** The master key for a passphrase, or WrongPassphrase. */
export async function openVault(record: VaultRecord, passphrase: string): Promise<CryptoKey> {
  const master = await deriveMasterKey(passphrase, record.kdf.salt, record.kdf.iterations);
  try {
    if ((await unseal(master, CHECK_KEY, record.check)) === CHECK_TEXT) return master;
  } catch {
    // An authentication failure: the key is not this vault's.
  }
  throw new WrongPassphrase();
}

export function isVaultRecord(value: unknown): value is VaultRecord {
  const r = value as Partial<VaultRecord> | null;
  return !!r && r.version === 1 && !!r.kdf && r.kdf.salt instanceof Uint8Array && Number.isInteger(r.kdf.iterations) && isSealed(r.check);
}

/**
 * This thread's key, once the passphrase was given (or handed over by the page, in the engine
 * worker). Every kv namespace seals and unseals through it.
 */
export class KeyRing {
  private master: CryptoKey | null = null;

  get unlocked(): boolean {
    return this.master !== null;
  }

  use(master: CryptoKey | null): void {
    this.master = master;
  }

  key(): CryptoKey | null {
    return this.master;
  }
}

/** The key ring of this page or worker: there is one IndexedDB, so there is one. */
export const keyRing = new KeyRing();
