// The passphrase that protects what the workbench stores (src/lib/store/vault.ts), as page state:
// whether the store is plain, locked or open; setting a passphrase; unlocking at open; and the
// "forgot passphrase" way out, which erases everything after a typed confirmation. Nothing of
// the user's is read before the store is open: the app waits on `opened`.
import { getContext, setContext } from 'svelte';
import { eraseEverything, readVaultRecord, sealEverything, writeVaultRecord } from '$lib/store/kv';
import { createVault, isVaultRecord, keyRing, openVault, PBKDF2_ITERATIONS, WrongPassphrase, type VaultRecord } from '$lib/store/vault';

export type ProtectionStatus = 'checking' | 'plain' | 'locked' | 'open';

/** What the user types to confirm erasing everything because the passphrase is lost. */
export const ERASE_CONFIRMATION = '清除全部数据';

/** The shortest passphrase accepted: the key is only as strong as what it is derived from. */
export const MIN_PASSPHRASE = 8;

export type PassphraseProblem = 'too-short' | 'mismatch' | 'wrong';

export class PassphraseError extends Error {
  constructor(readonly problem: PassphraseProblem) {
    super(`passphrase refused: ${problem}`);
    this.name = 'PassphraseError';
  }
}

export class Protection {
  status = $state<ProtectionStatus>('checking');
  /** True while the key is being derived (PBKDF2 takes a noticeable moment, on purpose). */
  working = $state(false);
  // Reactive: the protection card and the lock screen read protectedByPassphrase from it.
  private record = $state.raw<VaultRecord | null>(null);
  private resolveOpened: () => void = () => undefined;
  /** Resolves once the store can be read: no passphrase set, or the right one given. */
  readonly opened: Promise<void>;
  /** Called with the key whenever it changes (the engine worker needs it for the table pieces). */
  onKey: (key: CryptoKey | null) => Promise<void> | void = () => undefined;

  constructor(private readonly iterations = PBKDF2_ITERATIONS) {
    this.opened = new Promise<void>((resolve) => (this.resolveOpened = resolve));
  }

  async load(): Promise<void> {
    const raw = await readVaultRecord().catch((error: unknown) => {
      console.error('reading the vault record failed; treating the store as plain', error);
      return undefined;
    });
    this.record = isVaultRecord(raw) ? raw : null;
    if (this.record) this.status = 'locked';
    else {
      this.status = 'plain';
      this.resolveOpened();
    }
  }

  get protectedByPassphrase(): boolean {
    return this.record !== null;
  }

  /** A passphrase is set and the stored values are still being sealed under it. */
  get sealing(): boolean {
    return this.record?.sealedAll === false;
  }

  /** Open the store; a wrong passphrase rejects with PassphraseError('wrong') and changes nothing. */
  async unlock(passphrase: string): Promise<void> {
    if (!this.record) return;
    this.working = true;
    try {
      const key = await openVault(this.record, passphrase);
      keyRing.use(key);
      await this.onKey(key);
      this.status = 'open';
      this.resolveOpened();
      if (this.record.sealedAll === false) await this.finishSealing();
    } catch (error) {
      if (error instanceof WrongPassphrase) throw new PassphraseError('wrong');
      throw error;
    } finally {
      this.working = false;
    }
  }

  /** Set the first passphrase: every stored value is sealed under it. */
  async setPassphrase(passphrase: string, confirmation: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    if (passphrase.length < MIN_PASSPHRASE) throw new PassphraseError('too-short');
    if (passphrase !== confirmation) throw new PassphraseError('mismatch');
    this.working = true;
    try {
      const { record, master } = await createVault(passphrase, this.iterations);
      // The record first: from then on the store opens only with the passphrase, and a value
      // still plain (the sealing below cut short) remains readable once it is given; the record
      // says whether every value was sealed, so an interrupted pass is finished at the next unlock.
      await writeVaultRecord({ ...record, sealedAll: false });
      this.record = { ...record, sealedAll: false };
      keyRing.use(master);
      await this.onKey(master);
      this.status = 'open';
      this.resolveOpened();
      await this.finishSealing(onProgress);
    } finally {
      this.working = false;
    }
  }

  private async finishSealing(onProgress?: (done: number, total: number) => void): Promise<void> {
    if (!this.record) return;
    await sealEverything(onProgress);
    this.record = { ...this.record, sealedAll: true };
    await writeVaultRecord(this.record);
  }

  /** The passphrase is lost: erase every key of the workbench, after the typed confirmation. */
  async forget(typed: string): Promise<Record<string, number>> {
    if (typed.trim() !== ERASE_CONFIRMATION) throw new PassphraseError('mismatch');
    const removed = await eraseEverything();
    keyRing.use(null);
    await this.onKey(null);
    this.record = null;
    this.status = 'plain';
    this.resolveOpened();
    return removed;
  }

  /** After "clear all": nothing is stored any more, so nothing is protected. */
  cleared(): void {
    this.record = null;
    keyRing.use(null);
    void this.onKey(null);
    this.status = 'plain';
  }
}

const KEY = Symbol('protection');

export function provideProtection(protection: Protection): Protection {
  return setContext(KEY, protection);
}

export function useProtection(): Protection {
  return getContext<Protection>(KEY);
}
