// The 口径 settings in IndexedDB, and the small JSON file two evaluators exchange to be sure
// they used the same rules. Reading never trusts what it finds: stored values go through
// normaliseSettings, and a store that fails or holds something unreadable gives the defaults
// together with the reason, so the page can say why its figures use the district's rules.
import { normaliseSettings, type MetricSettings } from '$lib/metrics';
import { kv, StorageError, type KvNamespace } from './kv';

/** The part of a kv namespace this module uses; tests hand in a Map-backed fake. */
export type SettingsKv = Pick<KvNamespace, 'get' | 'set' | 'delete'>;

const CURRENT_KEY = 'current';

export interface SettingsLoadResult {
  settings: MetricSettings;
  /** 'stored': read from the store (possibly with fields reset, see problems); 'default': nothing usable was stored. */
  source: 'stored' | 'default';
  /** Why some or all of the stored settings were not used; empty when all is well. */
  problems: string[];
  /** Set when the store itself failed (IndexedDB unavailable, quota, …). */
  error: StorageError | null;
}

export interface SettingsStore {
  load(): Promise<SettingsLoadResult>;
  /** Throws StorageError when the write fails; the caller decides how to tell the user. */
  save(settings: MetricSettings): Promise<void>;
  clear(): Promise<void>;
}

export function settingsStore(store: SettingsKv = kv('settings')): SettingsStore {
  return {
    async load() {
      let raw: unknown;
      try {
        raw = await store.get<unknown>(CURRENT_KEY);
      } catch (error) {
        const storageError = error instanceof StorageError ? error : new StorageError('read', CURRENT_KEY, error);
        return { settings: normaliseSettings(undefined).settings, source: 'default', problems: [storageError.message], error: storageError };
      }
      if (raw === undefined) return { settings: normaliseSettings(undefined).settings, source: 'default', problems: [], error: null };
      const { settings, problems } = normaliseSettings(raw);
      // A wholly unreadable value (another version, not an object) leaves nothing of the user's.
      const unusable = typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1;
      return { settings, source: unusable ? 'default' : 'stored', problems, error: null };
    },
    async save(settings) {
      // A plain copy: IndexedDB's structured clone refuses Svelte state proxies.
      await store.set(CURRENT_KEY, JSON.parse(JSON.stringify(settings)) as MetricSettings);
    },
    async clear() {
      await store.delete(CURRENT_KEY);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The exchange file

export const SETTINGS_FILE_APP = 'gov-workbench';
export const SETTINGS_FILE_KIND = 'settings';
export const SETTINGS_FILE_VERSION = 1;
/** A settings file is a few hundred bytes; anything far larger is another file picked by mistake. */
export const SETTINGS_FILE_MAX_BYTES = 64 * 1024;

export interface SettingsFile {
  app: typeof SETTINGS_FILE_APP;
  kind: typeof SETTINGS_FILE_KIND;
  version: typeof SETTINGS_FILE_VERSION;
  settings: MetricSettings;
}

export type SettingsFileProblem = 'too-large' | 'not-json' | 'not-settings' | 'version' | 'invalid';

const FILE_MESSAGES: Record<SettingsFileProblem, string> = {
  'too-large': '文件过大，不是口径设置文件。 · The file is too large to be a settings file.',
  'not-json': '文件不是 JSON，不是口径设置文件。 · The file is not JSON, so it is not a settings file.',
  'not-settings':
    '这不是本工作台导出的口径设置文件（缺少 "app": "gov-workbench", "kind": "settings"）。 · This is not a settings file exported by this workbench (it lacks "app": "gov-workbench", "kind": "settings").',
  version: '口径设置文件的版本不受支持，请用相同版本的工作台导出。 · Unsupported settings file version; export it from the same version of the workbench.',
  invalid: '口径设置文件中有无效的设置，未导入任何设置。 · The settings file has invalid settings; nothing was imported.',
};

/** A refused settings file: `problem` for the UI's own wording, `message` in Chinese and English. */
export class SettingsFileError extends Error {
  constructor(
    readonly problem: SettingsFileProblem,
    /** For 'invalid': the fields that did not read. */
    readonly details: string[] = [],
  ) {
    super(details.length ? `${FILE_MESSAGES[problem]} (${details.join('; ')})` : FILE_MESSAGES[problem]);
    this.name = 'SettingsFileError';
  }
}

export function settingsToJson(settings: MetricSettings): string {
  const file: SettingsFile = {
    app: SETTINGS_FILE_APP,
    kind: SETTINGS_FILE_KIND,
    version: SETTINGS_FILE_VERSION,
    settings: JSON.parse(JSON.stringify(settings)) as MetricSettings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The settings of an exported file. Stricter than loading from the store: a field that does not
 * read refuses the whole file, because applying the rest would silently differ from the rules
 * the sender used. Fields absent from the file take their defaults (a hand-written file may
 * name only what it changes).
 */
export function settingsFromJson(text: string): MetricSettings {
  if (text.length > SETTINGS_FILE_MAX_BYTES) throw new SettingsFileError('too-large');
  let parsed: unknown;
  try {
    // A UTF-8 byte-order mark (Windows editors add one) is not JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new SettingsFileError('not-json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SettingsFileError('not-settings');
  const file = parsed as Partial<Record<keyof SettingsFile, unknown>>;
  if (file.app !== SETTINGS_FILE_APP || file.kind !== SETTINGS_FILE_KIND) throw new SettingsFileError('not-settings');
  if (file.version !== SETTINGS_FILE_VERSION) throw new SettingsFileError('version');
  const inner = file.settings;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw new SettingsFileError('not-settings');
  if ((inner as { version?: unknown }).version !== 1) throw new SettingsFileError('version');
  const { settings, problems } = normaliseSettings(inner);
  if (problems.length) throw new SettingsFileError('invalid', problems);
  return settings;
}

/** A file name for the export that sorts by date and says what it is. */
export function settingsFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `gov-workbench-settings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
