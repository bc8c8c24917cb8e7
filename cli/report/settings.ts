// The --settings file: the JSON the browser exports ({ app, kind, version, settings }), read by
// the same function the settings page uses, so a file the page refuses is refused here too. A
// bare settings object (what the page keeps in IndexedDB, or a hand-written file) is accepted
// with the same strictness: a field that does not read refuses the file instead of silently
// falling back to a default the sender did not use.
import { defaultSettings, normaliseSettings, type MetricSettings } from '$lib/metrics';
import { SettingsFileError, settingsFromJson } from '$lib/store/settings';
import { ReportError } from './errors';
import { readTextFile } from './files';

function isExportWrapper(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('app' in value || 'kind' in value);
}

export function settingsFromText(text: string, file: string): MetricSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    parsed = undefined;
  }
  try {
    // Non-JSON and the export wrapper both go to settingsFromJson, which words their refusal.
    if (parsed === undefined || isExportWrapper(parsed)) return settingsFromJson(text);
  } catch (error) {
    if (error instanceof SettingsFileError) throw new ReportError(file, error.message);
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ReportError(file, 'not a settings file: expected a JSON object (不是口径设置文件)');
  }
  const { settings, problems } = normaliseSettings(parsed);
  if (problems.length > 0) throw new ReportError(file, `invalid settings: ${problems.join('; ')} (口径设置无效)`);
  return settings;
}

export async function readSettings(file: string | null): Promise<MetricSettings> {
  if (file === null) return defaultSettings();
  return settingsFromText(await readTextFile(file), file);
}
