// The 口径 in force for every figure. Defaults are the district's assessment rules; the user's
// changes are saved in IndexedDB and read back at start (the layout calls load()).
import {
  defaultSettings,
  diffFromDefault,
  nonDefaultSettingsFor,
  type MetricSettings,
  type MetricTable,
  type SettingKey,
} from '$lib/metrics';
import { settingsStore, type SettingsStore } from '$lib/store/settings';
import { SaveQueue } from './save-queue.svelte';

/** What went wrong reading the stored settings, for the settings panel to show. */
export type SettingsNotice =
  | { kind: 'load-problems'; problems: string[] }
  | { kind: 'load-failed'; message: string };

export class SettingsState {
  #current = $state.raw<MetricSettings>(defaultSettings());
  /** False until the stored settings have been read (or found absent); figures wait for it. */
  loaded = $state(false);
  notice = $state.raw<SettingsNotice | null>(null);

  readonly #store: SettingsStore;
  #loading: Promise<void> | null = null;
  /** Set when the user changes something before the store answered: their change wins. */
  #changedBeforeLoad = false;
  /** The writes of the user's changes; every control that changes the 口径 shows where they stand. */
  readonly saves = new SaveQueue();

  constructor(store: SettingsStore = settingsStore()) {
    this.#store = store;
  }

  get current(): MetricSettings {
    return this.#current;
  }

  /** Every assignment is saved, so no page can change the 口径 without it persisting. */
  set current(next: MetricSettings) {
    this.#current = next;
    if (!this.loaded) this.#changedBeforeLoad = true;
    void this.saves.run(() => this.#store.save(next));
  }

  get nonDefault(): SettingKey[] {
    return diffFromDefault(this.#current);
  }

  /** The non-default settings that change this figure (empty: computed under the defaults). */
  nonDefaultFor(table: MetricTable, id: string): SettingKey[] {
    return nonDefaultSettingsFor(table, id, this.#current);
  }

  reset(): void {
    this.current = defaultSettings();
  }

  /** Back to the defaults without saving them: the store was just erased and must stay empty. */
  forget(): void {
    this.#current = defaultSettings();
    this.saves.forget();
  }

  /** Reads the stored settings once; later calls return the same promise. */
  load(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    const result = await this.#store.load();
    if (!this.#changedBeforeLoad) this.#current = result.settings;
    if (result.error) this.notice = { kind: 'load-failed', message: result.error.message };
    else if (result.problems.length) this.notice = { kind: 'load-problems', problems: result.problems };
    this.loaded = true;
  }
}

export const settings = new SettingsState();
