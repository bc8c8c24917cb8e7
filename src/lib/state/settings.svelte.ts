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

/** What went wrong with persistence, for the settings panel to show. */
export type SettingsNotice =
  | { kind: 'load-problems'; problems: string[] }
  | { kind: 'load-failed'; message: string }
  | { kind: 'save-failed'; message: string };

export class SettingsState {
  #current = $state.raw<MetricSettings>(defaultSettings());
  /** False until the stored settings have been read (or found absent); figures wait for it. */
  loaded = $state(false);
  notice = $state.raw<SettingsNotice | null>(null);

  readonly #store: SettingsStore;
  #loading: Promise<void> | null = null;
  /** Set when the user changes something before the store answered: their change wins. */
  #changedBeforeLoad = false;
  /** Writes go one after another so the last change is the one stored. */
  #saving: Promise<void> = Promise.resolve();

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
    void this.#save(next);
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

  #save(settings: MetricSettings): Promise<void> {
    this.#saving = this.#saving.then(async () => {
      try {
        await this.#store.save(settings);
        if (this.notice?.kind === 'save-failed') this.notice = null;
      } catch (error) {
        // The change still applies for this visit; the panel says it will not survive a reload.
        this.notice = { kind: 'save-failed', message: error instanceof Error ? error.message : String(error) };
      }
    });
    return this.#saving;
  }

  /** Resolves when every change so far has been written (tests, export after a change). */
  flushed(): Promise<void> {
    return this.#saving;
  }
}

export const settings = new SettingsState();
